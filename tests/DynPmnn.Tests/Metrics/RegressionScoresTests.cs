using System.Text.Json;
using DynPmnn.Metrics;

namespace DynPmnn.Tests.Metrics;

/// <summary>Multi-output, sample-weighted regression scores against scikit-learn 1.2.1 (tests/reference/metrics.py).</summary>
public class RegressionScoresTests
{
    private const string Fixture = "sklearn_metrics.json";

    public static TheoryData<string> Cases() => ReferenceFixture.CaseNames(Fixture, "regression");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScoresMatchScikitLearn(string name)
    {
        var item = ReferenceFixture.Case(Fixture, "regression", name);
        var actual = item.GetProperty("targets").Matrix(out var targets);
        var predictions = item.GetProperty("predictions").Matrix(out _);
        var weights = item.GetProperty("weights").ValueKind == JsonValueKind.Null ? [] : item.GetProperty("weights").Doubles();

        var scores = RegressionScores.Compute<double>(predictions, actual, targets, weights);

        Assert.Equal(targets, scores.Targets);
        AssertPerTarget(item.GetProperty("mseRaw"), scores.MeanSquaredErrorPerTarget, $"{name}: MSE");
        AssertPerTarget(item.GetProperty("rmseRaw"), scores.RootMeanSquaredErrorPerTarget, $"{name}: RMSE");
        AssertPerTarget(item.GetProperty("maeRaw"), scores.MeanAbsoluteErrorPerTarget, $"{name}: MAE");
        AssertPerTarget(item.GetProperty("r2Raw"), scores.RSquaredPerTarget, $"{name}: R²");
        Close.Equal(item.GetProperty("mse").GetDouble(), scores.MeanSquaredError, $"{name}: MSE");
        Close.Equal(item.GetProperty("rmse").GetDouble(), scores.RootMeanSquaredError, $"{name}: RMSE");
        Close.Equal(item.GetProperty("mae").GetDouble(), scores.MeanAbsoluteError, $"{name}: MAE");
        Close.Equal(item.GetProperty("r2").GetDouble(), scores.RSquared, $"{name}: R²");
    }

    [Fact]
    public void AuthorsRmseIsTheRootOfTheMeanMseNotTheMeanOfRoots()
    {
        // Two targets with MSE 1 and 9: the authors' RMSE is sqrt(5), scikit-learn's squared=False would give 2.
        var scores = RegressionScores.Compute<double>([1, 3, 1, 3], [0, 0, 0, 0], 2);
        Assert.Equal([1.0, 9.0], scores.MeanSquaredErrorPerTarget);
        Assert.Equal([1.0, 3.0], scores.RootMeanSquaredErrorPerTarget);
        Assert.Equal(Math.Sqrt(5), scores.RootMeanSquaredError, 15);
    }

    [Fact]
    public void FloatInputIsScoredInDouble()
    {
        var item = ReferenceFixture.Case(Fixture, "regression", "two outputs");
        var actual = item.GetProperty("targets").Matrix(out var targets).Select(v => (float)v).ToArray();
        var predictions = item.GetProperty("predictions").Matrix(out _).Select(v => (float)v).ToArray();

        // Every value of this case is exact in float, so the scores are scikit-learn's.
        var scores = RegressionScores.Compute<float>(predictions, actual, targets);
        Close.Equal(item.GetProperty("r2").GetDouble(), scores.RSquared, "R²");
    }

    [Fact]
    public void BadInputIsNamed()
    {
        var shape = Assert.Throws<ArgumentException>(() => RegressionScores.Compute<double>([1, 2, 3], [1, 2, 3], 2));
        Assert.Contains("3 values do not divide into rows of 2 targets", shape.Message);

        var oneRow = Assert.Throws<ArgumentException>(() => RegressionScores.Compute<double>([1, 2], [1, 2], 2));
        Assert.Contains("at least 2 rows", oneRow.Message);

        var nan = Assert.Throws<ArgumentException>(() => RegressionScores.Compute<double>([1, 2, double.NaN, 4], [1, 2, 3, 4], 2));
        Assert.Contains("predictions row 1, target 0 is NaN", nan.Message);

        var weights = Assert.Throws<ArgumentException>(() => RegressionScores.Compute<double>([1, 2], [1, 2], 1, [1.0]));
        Assert.Contains("2 rows but 1 sample weights", weights.Message);

        var length = Assert.Throws<ArgumentException>(() => RegressionScores.Compute<double>([1, 2], [1, 2, 3], 1));
        Assert.Contains("2 predictions but 3 actual", length.Message);
    }

    private static void AssertPerTarget(JsonElement expected, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(expected.GetArrayLength(), actual.Count);
        for (var t = 0; t < actual.Count; t++)
        {
            Close.Equal(expected[t].GetDouble(), actual[t], $"{what} of target {t}");
        }
    }
}
