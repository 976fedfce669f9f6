using DynPmnn.Metrics;

namespace DynPmnn.Tests.Metrics;

public class RegressionMetricsTests
{
    // Differences 0, −1, −2; target mean 3, total sum of squares 8, residual sum of squares 5.
    private static readonly float[] Predictions = [1, 2, 3];
    private static readonly float[] Targets = [1, 3, 5];

    [Fact]
    public void RegressionScores()
    {
        Assert.Equal(5.0 / 3, RegressionMetrics.MeanSquaredError<float>(Predictions, Targets), 14);
        Assert.Equal(Math.Sqrt(5.0 / 3), RegressionMetrics.RootMeanSquaredError<float>(Predictions, Targets), 14);
        Assert.Equal(1.0, RegressionMetrics.MeanAbsoluteError<float>(Predictions, Targets), 14);
        Assert.Equal(1 - 5.0 / 8, RegressionMetrics.RSquared<float>(Predictions, Targets), 14);
    }

    [Fact]
    public void PaperTestRmseAveragesPerBatchMse()
    {
        // Batches of 2 rows: MSE (0 + 1) / 2 = 0.5 and 4 / 1 = 4; sqrt((0.5 + 4) / 2) = 1.5, not sqrt(5/3).
        Assert.Equal(1.5, RegressionMetrics.BatchedRootMeanSquaredError<float>(Predictions, Targets, rowWidth: 1, batchSize: 2), 14);
        Assert.Equal(Math.Sqrt(5.0 / 3), RegressionMetrics.BatchedRootMeanSquaredError<float>(Predictions, Targets, 1, 3), 14);
    }

    [Fact]
    public void RSquaredOfAConstantTargetFollowsScikitLearnsForceFinite()
    {
        // r2_score([2, 2, 2], [2, 2, 2]) == 1.0 and r2_score([2, 2, 2], [2.5, 2, 2]) == 0.0 (scikit-learn 1.2.1).
        Assert.Equal(1.0, RegressionMetrics.RSquared<double>([2, 2, 2], [2, 2, 2]));
        Assert.Equal(0.0, RegressionMetrics.RSquared<double>([2.5, 2, 2], [2, 2, 2]));
        var error = Assert.Throws<ArgumentException>(() => RegressionMetrics.RSquared<double>([1.0], [1.0]));
        Assert.Contains("at least 2 values", error.Message);
    }
}
