namespace DynPmnn.Trees;

/// <summary>
/// Rows of float features with an integer class label each: what a <see cref="DecisionTreeClassifier"/> is fitted
/// to and scored on.
/// </summary>
/// <remarks>
/// Features are float, as scikit-learn's trees convert them to float32 before fitting; labels are any
/// non-negative integers (the classes are the distinct labels of the training rows, in increasing order).
/// </remarks>
public sealed class ClassificationData
{
    /// <summary>Wraps row-major features (<c>labels.Length × columns</c> values) and one label per row, without copying.</summary>
    /// <exception cref="ArgumentException">The sizes disagree, a feature is NaN or infinite, or a label is negative.</exception>
    public ClassificationData(float[] features, int columns, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        TreeDataChecks.CheckFeatures(features, columns, labels.Length, nameof(features));
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                throw new ArgumentException($"Class labels must be 0 or more; row {i} has label {labels[i]}.", nameof(labels));
            }
        }

        Features = features;
        Columns = columns;
        Labels = labels;
    }

    /// <summary>Row-major features: column c of row r at <c>r * Columns + c</c>.</summary>
    public float[] Features { get; }

    public int Columns { get; }

    public int[] Labels { get; }

    public int Rows => Labels.Length;
}
