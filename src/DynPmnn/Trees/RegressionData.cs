namespace DynPmnn.Trees;

/// <summary>
/// Rows of float features with one or more real targets each: what a <see cref="DecisionTreeRegressor"/> is
/// fitted to and scored on.
/// </summary>
/// <remarks>
/// The tree fits the targets as doubles, as scikit-learn does. Scores of float targets follow scikit-learn for a
/// float32 <c>y_true</c>, whose R² takes the mean of the targets in float32; hence the two constructors.
/// </remarks>
public sealed class RegressionData
{
    /// <summary>Row-major features (<c>rows × columns</c>) and row-major targets (<c>rows × outputs</c>), not copied.</summary>
    /// <exception cref="ArgumentException">The sizes disagree, or a feature or target is NaN or infinite.</exception>
    public RegressionData(float[] features, int columns, double[] targets, int outputs = 1)
        : this(features, columns, targets, outputs, singlePrecisionTargets: false)
    {
    }

    /// <summary>As the other constructor, for float targets (the authors' data): they are widened to double exactly.</summary>
    public RegressionData(float[] features, int columns, float[] targets, int outputs = 1)
        : this(features, columns, Widen(targets), outputs, singlePrecisionTargets: true)
    {
    }

    private RegressionData(float[] features, int columns, double[] targets, int outputs, bool singlePrecisionTargets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        if (targets.Length % outputs != 0)
        {
            throw new ArgumentException(
                $"{targets.Length} targets do not make whole rows of {outputs} outputs.", nameof(targets));
        }

        var rows = targets.Length / outputs;
        TreeDataChecks.CheckFeatures(features, columns, rows, nameof(features));
        for (var i = 0; i < targets.Length; i++)
        {
            if (!double.IsFinite(targets[i]))
            {
                throw new ArgumentException(
                    $"Target {i % outputs} of row {i / outputs} is {targets[i]}; targets must be finite.", nameof(targets));
            }
        }

        Features = features;
        Columns = columns;
        Targets = targets;
        Outputs = outputs;
        SinglePrecisionTargets = singlePrecisionTargets;
    }

    /// <summary>Row-major features: column c of row r at <c>r * Columns + c</c>.</summary>
    public float[] Features { get; }

    public int Columns { get; }

    /// <summary>Row-major targets: output k of row r at <c>r * Outputs + k</c>.</summary>
    public double[] Targets { get; }

    public int Outputs { get; }

    public int Rows => Targets.Length / Outputs;

    /// <summary>Whether the targets came as floats (see the remarks of <see cref="RegressionData"/>).</summary>
    public bool SinglePrecisionTargets { get; }

    private static double[] Widen(float[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var wide = new double[targets.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            wide[i] = targets[i];
        }

        return wide;
    }
}
