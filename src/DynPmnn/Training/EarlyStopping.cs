namespace DynPmnn.Training;

/// <summary>Which validation loss a new one must beat, by <see cref="EarlyStoppingOptions.MinDelta"/>, to reset the patience counter.</summary>
public enum EarlyStoppingMode
{
    /// <summary>
    /// The paper's rule: beat the loss recorded at the last reset. Smaller gains do not move that reference, so a slow
    /// steady descent still runs out of patience.
    /// </summary>
    SinceLastReset,

    /// <summary>
    /// The conventional rule: beat the lowest loss seen so far, which follows every new minimum, even one smaller than
    /// the margin.
    /// </summary>
    BestSoFar,
}

/// <summary>When to give up: after <paramref name="Patience"/> epochs in a row without enough improvement.</summary>
/// <param name="Patience">Epochs without a reset after which training stops.</param>
/// <param name="MinDelta">By how much a loss must beat the reference to count as an improvement.</param>
/// <param name="Mode">Which reference, see <see cref="EarlyStoppingMode"/>.</param>
public sealed record EarlyStoppingOptions(int Patience = 10, double MinDelta = 0.05, EarlyStoppingMode Mode = EarlyStoppingMode.SinceLastReset)
{
    /// <summary>The paper's setting: patience 10, margin 0.05, reference reset only on improvement.</summary>
    public static EarlyStoppingOptions Paper { get; } = new();
}

/// <summary>The patience counter of early stopping, fed one validation loss per epoch.</summary>
public sealed class EarlyStopping
{
    public EarlyStopping(EarlyStoppingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Patience);
        if (!(options.MinDelta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinDelta, "The margin must be non-negative.");
        }

        Options = options;
    }

    public EarlyStoppingOptions Options { get; }

    /// <summary>The loss a new one must beat by the margin; infinite until the first epoch.</summary>
    public double Reference { get; private set; } = double.PositiveInfinity;

    /// <summary>Epochs in a row since the last reset.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>Records one epoch's validation loss and says whether to stop now.</summary>
    public bool ShouldStop(double validationLoss)
    {
        if (validationLoss < Reference - Options.MinDelta)
        {
            Reference = validationLoss;
            EpochsWithoutImprovement = 0;
        }
        else
        {
            EpochsWithoutImprovement++;
            if (Options.Mode == EarlyStoppingMode.BestSoFar && validationLoss < Reference)
            {
                Reference = validationLoss;
            }
        }

        return EpochsWithoutImprovement >= Options.Patience;
    }
}
