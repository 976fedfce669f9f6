namespace DynPmnn.Metrics;

/// <summary>
/// The paper's way of reporting a score over a data set: the mean over consecutive batches of each batch's mean,
/// rather than the mean over all rows.
/// </summary>
/// <remarks>
/// The last batch may be shorter and still counts as one batch, so the two means differ unless every batch is full.
/// <see cref="RegressionMetrics.BatchedRootMeanSquaredError{T}"/> is the same averaging for MSE.
/// </remarks>
public static class BatchAverage
{
    /// <summary>
    /// The mean over batches of <paramref name="batchSize"/> consecutive rows of the mean of
    /// <paramref name="perRow"/> within each batch, such as per-row cross-entropy or binary cross-entropy losses.
    /// </summary>
    /// <param name="perRow">One value per row, in the order the batches were formed.</param>
    /// <param name="batchSize">Rows per batch, at least 1.</param>
    /// <exception cref="ArgumentException">There are no rows, or a value is not finite.</exception>
    public static double BatchMean(ReadOnlySpan<double> perRow, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (perRow.IsEmpty)
        {
            throw new ArgumentException("A batch mean needs at least one row; perRow is empty.", nameof(perRow));
        }

        MetricInputs.Finite(perRow, 1, nameof(perRow));
        var sumOfBatchMeans = 0.0;
        var batches = 0;
        for (var start = 0; start < perRow.Length; start += batchSize)
        {
            var batch = perRow.Slice(start, Math.Min(batchSize, perRow.Length - start));
            var sum = 0.0;
            foreach (var value in batch)
            {
                sum += value;
            }

            sumOfBatchMeans += sum / batch.Length;
            batches++;
        }

        return sumOfBatchMeans / batches;
    }
}
