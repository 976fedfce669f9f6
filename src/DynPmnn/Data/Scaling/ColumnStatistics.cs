namespace DynPmnn.Data;

/// <summary>Per-column mean and unbiased (n − 1) standard deviation of row-major values, accumulated in double.</summary>
internal static class ColumnStatistics
{
    /// <remarks>
    /// Two passes rather than sum-of-squares: columns such as California's population have a large mean and a one-pass
    /// formula would cancel away most of the variance's digits. The caller checks there are at least two rows.
    /// </remarks>
    public static (double[] Means, double[] StandardDeviations) MeanAndDeviation(ReadOnlySpan<float> values, int rows, int columns)
    {
        var means = new double[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                means[c] += values[r * columns + c];
            }
        }

        for (var c = 0; c < columns; c++)
        {
            means[c] /= rows;
        }

        var deviations = new double[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var d = values[r * columns + c] - means[c];
                deviations[c] += d * d;
            }
        }

        for (var c = 0; c < columns; c++)
        {
            deviations[c] = Math.Sqrt(deviations[c] / (rows - 1));
        }

        return (means, deviations);
    }
}
