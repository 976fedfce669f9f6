namespace DynPmnn.Data;

/// <summary>
/// The shares of a train / validation / test split. They need not add up to 1: the split divides each by their sum,
/// as the authors' code does.
/// </summary>
/// <param name="Train">Share of the training rows.</param>
/// <param name="Validation">Share of the validation rows.</param>
/// <param name="Test">Share of the test rows.</param>
public sealed record SplitRatios(double Train, double Validation, double Test)
{
    /// <summary>The paper's 70 / 20 / 10.</summary>
    public static SplitRatios Paper { get; } = new(0.7, 0.2, 0.1);

    /// <summary>Throws unless every share is a finite number above 0.</summary>
    internal void Check(string parameterName)
    {
        CheckShare(Train, nameof(Train), parameterName);
        CheckShare(Validation, nameof(Validation), parameterName);
        CheckShare(Test, nameof(Test), parameterName);
    }

    private static void CheckShare(double share, string name, string parameterName)
    {
        if (!(share > 0 && double.IsFinite(share)))
        {
            throw new ArgumentOutOfRangeException(
                parameterName, share, $"The {name.ToLowerInvariant()} share is {share}; every share of a split must be a finite number above 0.");
        }
    }
}
