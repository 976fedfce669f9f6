using DynPmnn.Metrics;

namespace DynPmnn.Tests.Metrics;

public class BatchAverageTests
{
    [Fact]
    public void LastPartialBatchCountsAsOneBatch()
    {
        // Batches of 2: (1 + 3) / 2 = 2, (5 + 7) / 2 = 6, 9 / 1 = 9; mean (2 + 6 + 9) / 3 = 17/3, not the row mean 5.
        Assert.Equal(17.0 / 3, BatchAverage.BatchMean([1, 3, 5, 7, 9], 2), 15);
        Assert.Equal(5.0, BatchAverage.BatchMean([1, 3, 5, 7, 9], 5), 15);
        Assert.Equal(5.0, BatchAverage.BatchMean([1, 3, 5, 7, 9], 100), 15);
        Assert.Equal(5.0, BatchAverage.BatchMean([1, 3, 5, 7, 9], 1), 15);
    }

    [Fact]
    public void AgreesWithTheBatchedRmseOnSquaredErrors()
    {
        float[] predictions = [1, 2, 3];
        float[] targets = [1, 3, 5];
        double[] squaredErrors = [0, 1, 4];
        Assert.Equal(
            RegressionMetrics.BatchedRootMeanSquaredError<float>(predictions, targets, 1, 2),
            Math.Sqrt(BatchAverage.BatchMean(squaredErrors, 2)),
            15);
    }

    [Fact]
    public void BadInputIsNamed()
    {
        Assert.Contains("perRow is empty", Assert.Throws<ArgumentException>(() => BatchAverage.BatchMean([], 4)).Message);
        Assert.Contains("perRow[2] = Infinity", Assert.Throws<ArgumentException>(() => BatchAverage.BatchMean([1, 2, double.PositiveInfinity], 4)).Message);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => BatchAverage.BatchMean([1.0], 0)).ParamName);
    }
}
