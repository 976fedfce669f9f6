using DynPmnn.Trees;

namespace DynPmnn.Tests.Trees;

/// <summary>The grid's internal scores against scikit-learn 1.2.1's on small hand-made inputs (values from Python).</summary>
public class TreeMetricsTests
{
    private static readonly int[] BinaryTruth = [0, 1, 1, 0, 1, 1, 0, 0, 1, 1];
    private static readonly int[] BinaryPredicted = [0, 1, 0, 0, 1, 1, 1, 0, 1, 0];

    [Fact]
    public void Binary_AccuracyPrecisionRecallF1OfLabelOne()
    {
        Assert.Equal(0.7, TreeMetrics.Accuracy(BinaryTruth, BinaryPredicted));
        var (precision, recall, f1) = TreeMetrics.PrecisionRecallF1(BinaryTruth, BinaryPredicted, binary: true);
        Assert.Equal(0.8, precision);
        Assert.Equal(0.6666666666666666, recall);
        Assert.Equal(0.7272727272727272, f1);
    }

    [Fact]
    public void Binary_NoPredictedPositives_ScoresZero()
    {
        // f1_score([1, 0, 1], [0, 0, 0], zero_division=0)
        Assert.Equal((0.0, 0.0, 0.0), TreeMetrics.PrecisionRecallF1([1, 0, 1], [0, 0, 0], binary: true));
    }

    [Fact]
    public void Macro_AveragesOverLabelsInEitherArgument()
    {
        // Label 3 is only predicted; scikit-learn's macro average still counts it (as zero).
        var (precision, recall, f1) = TreeMetrics.PrecisionRecallF1([0, 2, 1, 2, 0, 1, 2], [0, 2, 2, 2, 3, 1, 0], binary: false);
        Assert.Equal(0.5416666666666666, precision);
        Assert.Equal(0.41666666666666663, recall);
        Assert.Equal(0.45833333333333326, f1);
    }

    [Fact]
    public void RocAuc_BinaryWithTiedScores()
    {
        double[] scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.1, 0.7, 0.2];
        var probabilities = scores.SelectMany(s => new[] { 1 - s, s }).ToArray();
        Assert.Equal(0.5, TreeMetrics.RocAuc(BinaryTruth, probabilities, [0, 1]));
    }

    [Fact]
    public void RocAuc_MulticlassIsTheMeanOneVersusRestArea()
    {
        double[] probabilities = [0.7, 0.2, 0.1, 0.1, 0.5, 0.4, 0.2, 0.2, 0.6, 0.3, 0.3, 0.4, 0.5, 0.25, 0.25, 0.2, 0.6, 0.2];
        Assert.Equal(0.9791666666666666, TreeMetrics.RocAuc([0, 1, 2, 2, 0, 1], probabilities, [0, 1, 2]));
    }

    [Fact]
    public void RocAuc_OneClassPresent_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => TreeMetrics.RocAuc([1, 1], [0.2, 0.8, 0.4, 0.6], [0, 1]));
        Assert.Contains("only one is present", error.Message);
    }

    [Fact]
    public void Regression_TwoOutputs_AveragedUniformly()
    {
        double[] truth = [1.5, 20.25, 2.25, 21.5, 3.0, 19.75, 4.5, 22.0];
        double[] predicted = [1.0, 20.0, 2.5, 21.0, 3.5, 20.5, 4.0, 21.5];
        Assert.Equal(0.2421875, TreeMetrics.MeanSquaredError(truth, predicted, 2));
        Assert.Equal(0.46875, TreeMetrics.MeanAbsoluteError(truth, predicted, 2));
        Assert.Equal(0.7476489967056006, TreeMetrics.RSquared(truth, predicted, 2, singlePrecisionTruth: true));
    }

    [Fact]
    public void RSquared_FloatTargets_TakeTheMeanInFloat()
    {
        // r2_score(float32 targets, float64 predictions) = 0.9556940708611911; in double the last digits differ.
        double[] truth = [151, 75, 141, 206, 135, 97, 138, 63, 110, 310];
        double[] predicted = [160.5, 80.25, 120.0, 190.0, 140.0, 101.0, 150.0, 70.0, 100.0, 280.0];
        Assert.Equal(0.9556940708611911, TreeMetrics.RSquared(truth, predicted, 1, singlePrecisionTruth: true));
        Assert.Equal(204.88125, TreeMetrics.MeanSquaredError(truth, predicted, 1));
    }

    [Fact]
    public void PairwiseSum_IsNumpysOrder()
    {
        // numpy.add.reduce([1e16] + [1.0] * 128 + [-1e16]) is 120.0: eight partial sums per block, halves summed
        // apart. A running sum gives 0.0 (every 1.0 is lost against 1e16).
        var values = new double[130];
        values[0] = 1e16;
        values.AsSpan(1, 128).Fill(1.0);
        values[129] = -1e16;
        Assert.Equal(120.0, NumpySum.Pairwise(values));
    }
}
