namespace DynPmnn.Trees;

/// <summary>Input checks shared by the tree data sets and predictions, with messages that name the row and column.</summary>
internal static class TreeDataChecks
{
    public static void CheckFeatures(ReadOnlySpan<float> features, int columns, int rows, string parameterName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (rows < 1)
        {
            throw new ArgumentException("A tree data set needs at least one row.", parameterName);
        }

        if (features.Length != (long)rows * columns)
        {
            throw new ArgumentException(
                $"{rows} rows of {columns} features need {(long)rows * columns} values, got {features.Length}.", parameterName);
        }

        CheckFinite(features, columns, parameterName);
    }

    public static void CheckFinite(ReadOnlySpan<float> features, int columns, string parameterName)
    {
        for (var i = 0; i < features.Length; i++)
        {
            if (!float.IsFinite(features[i]))
            {
                // scikit-learn refuses NaN and infinity too (missing values came with 1.3).
                throw new ArgumentException(
                    $"Feature {i % columns} of row {i / columns} is {features[i]}; trees need finite features.", parameterName);
            }
        }
    }

    /// <summary>Checks rows to predict: whole rows of <paramref name="columns"/> finite features.</summary>
    public static int CheckRows(ReadOnlySpan<float> features, int columns, string parameterName)
    {
        if (features.Length % columns != 0)
        {
            throw new ArgumentException(
                $"The tree was fitted to {columns} features; {features.Length} values are not whole rows of {columns}.",
                parameterName);
        }

        CheckFinite(features, columns, parameterName);
        return features.Length / columns;
    }
}
