namespace DynPmnn.Training;

/// <summary>
/// Rows of features and their targets, both row-major <c>float</c> arrays, as training consumes them. A labelled table
/// (<see cref="DynPmnn.Data.Dataset"/>) becomes one through <see cref="DynPmnn.Data.Dataset.ToTrainingData"/>.
/// </summary>
public sealed class TrainingData
{
    /// <param name="features">Row-major <c>[rows, featureCount]</c>.</param>
    /// <param name="targets">Row-major <c>[rows, targetWidth]</c>; the width follows from the lengths.</param>
    /// <param name="featureCount">Values per row in <paramref name="features"/>.</param>
    public TrainingData(float[] features, float[] targets, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException($"{features.Length} feature values do not divide into rows of {featureCount}.", nameof(features));
        }

        Rows = features.Length / featureCount;
        if (Rows == 0)
        {
            throw new ArgumentException("A data set needs at least one row.", nameof(features));
        }

        if (targets.Length % Rows != 0 || targets.Length == 0)
        {
            throw new ArgumentException($"{targets.Length} target values do not divide evenly among {Rows} rows.", nameof(targets));
        }

        Features = features;
        Targets = targets;
        FeatureCount = featureCount;
        TargetWidth = targets.Length / Rows;
    }

    public float[] Features { get; }

    public float[] Targets { get; }

    public int Rows { get; }

    public int FeatureCount { get; }

    public int TargetWidth { get; }
}
