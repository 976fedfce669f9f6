using System.Text.Json;
using DynPmnn.Metrics;

namespace DynPmnn.Tests.Metrics;

/// <summary>Label scores, confusion matrices and ROC AUC against scikit-learn 1.2.1 (tests/reference/metrics.py).</summary>
public class ClassificationMetricsTests
{
    private const string Fixture = "sklearn_metrics.json";

    public static TheoryData<string> Cases() => ReferenceFixture.CaseNames(Fixture, "classification");

    [Theory]
    [MemberData(nameof(Cases))]
    public void LabelScoresMatchScikitLearn(string name)
    {
        var item = ReferenceFixture.Case(Fixture, "classification", name);
        var classes = item.GetProperty("classes").GetInt32();
        var matrix = ConfusionMatrix.Compute(
            item.GetProperty("predicted").Ints(), item.GetProperty("actual").Ints(), classes, Weights(item));

        var expected = item.GetProperty("confusion");
        for (var a = 0; a < classes; a++)
        {
            for (var p = 0; p < classes; p++)
            {
                Close.Equal(expected[a][p].GetDouble(), matrix[a, p], $"{name}: confusion[{a}, {p}]");
            }
        }

        Close.Equal(item.GetProperty("accuracy").GetDouble(), matrix.Accuracy, $"{name}: accuracy");
        Close.Equal(1 - item.GetProperty("accuracy").GetDouble(), matrix.Error, $"{name}: error");
        Close.Equal(item.GetProperty("precision").GetDouble(), matrix.Precision, $"{name}: precision");
        Close.Equal(item.GetProperty("recall").GetDouble(), matrix.Recall, $"{name}: recall");
        Close.Equal(item.GetProperty("f1").GetDouble(), matrix.F1, $"{name}: F1");
        Close.Equal(item.GetProperty("specificity").GetDouble(), matrix.Specificity, $"{name}: specificity");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RocAucMatchesScikitLearnOrFailsWhereItFails(string name)
    {
        var item = ReferenceFixture.Case(Fixture, "classification", name);
        if (item.GetProperty("probabilities").ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var classes = item.GetProperty("classes").GetInt32();
        var probabilities = item.GetProperty("probabilities").Matrix(out var columns);
        Assert.Equal(classes, columns);
        var actual = item.GetProperty("actual").Ints();
        double Compute() => classes == 2
            ? RocAuc.Binary(Column(probabilities, classes, 1), actual, Weights(item))
            : RocAuc.OneVsRest(probabilities, actual, classes, Weights(item));

        if (item.TryGetProperty("rocAucError", out _))
        {
            var error = Assert.Throws<ArgumentException>(() => Compute());
            Assert.Contains(classes == 2 ? "Only one class occurs among the actual labels" : "does not occur among the actual labels", error.Message);
        }
        else
        {
            Close.Equal(item.GetProperty("rocAuc").GetDouble(), Compute(), $"{name}: ROC AUC", 1e-12);
        }
    }

    [Fact]
    public void ReportBundlesTheScoresWithTheClassNames()
    {
        var item = ReferenceFixture.Case(Fixture, "classification", "three classes");
        var report = ClassificationReport.Compute(
            ["setosa", "versicolor", "virginica"],
            item.GetProperty("predicted").Ints(),
            item.GetProperty("actual").Ints(),
            item.GetProperty("probabilities").Matrix(out _));

        Assert.Equal(["setosa", "versicolor", "virginica"], report.ClassNames);
        Close.Equal(0.7, report.Accuracy, "accuracy");
        Close.Equal(0.6944444444444443, report.Precision, "precision");
        Close.Equal(0.7222222222222222, report.Recall, "recall");
        Close.Equal(0.6984126984126985, report.F1, "F1");
        Close.Equal(0.8492063492063492, report.Specificity, "specificity");
        Close.Equal(0.9494047619047619, report.RocAuc!.Value, "ROC AUC", 1e-12);
        Assert.Equal(3, report.ConfusionMatrix[0, 0]);
    }

    [Fact]
    public void BinaryReportRanksByTheSecondColumn()
    {
        var item = ReferenceFixture.Case(Fixture, "classification", "binary with sample weights and ties");
        var report = ClassificationReport.Compute(
            ["genuine", "forged"],
            item.GetProperty("predicted").Ints(),
            item.GetProperty("actual").Ints(),
            item.GetProperty("probabilities").Matrix(out _),
            Weights(item));

        Close.Equal(0.9170040485829959, report.RocAuc!.Value, "ROC AUC", 1e-12);
        Close.Equal(0.96, report.Precision, "precision");
        Assert.Null(ClassificationReport.Compute(["a", "b"], [0, 1], [0, 1]).RocAuc);
    }

    [Fact]
    public void StaticShortcutsEqualTheMatrix()
    {
        int[] predicted = [0, 2, 2, 1, 1, 0];
        int[] actual = [0, 1, 2, 2, 1, 0];
        var matrix = ConfusionMatrix.Compute(predicted, actual, 3);
        Assert.Equal(matrix.Accuracy, ClassificationMetrics.Accuracy(predicted, actual, 3));
        Assert.Equal(matrix.Error, ClassificationMetrics.Error(predicted, actual, 3));
        Assert.Equal(matrix.Precision, ClassificationMetrics.Precision(predicted, actual, 3));
        Assert.Equal(matrix.Recall, ClassificationMetrics.Recall(predicted, actual, 3));
        Assert.Equal(matrix.F1, ClassificationMetrics.F1(predicted, actual, 3));
        Assert.Equal(matrix.Specificity, ClassificationMetrics.Specificity(predicted, actual, 3));

        // Hand count: 4 of 6 right; class 0 is 2/2, class 1 is 1 of 2 predicted and 1 of 2 actual, class 2 is 1 of 2 each way.
        Assert.Equal(4.0 / 6, matrix.Accuracy, 15);
        Assert.Equal((1 + 0.5 + 0.5) / 3, matrix.Precision, 15);
        Assert.False(ConfusionMatrix.Compute([0, 0], [0, 0], 4).Occurs(3));
    }

    [Fact]
    public void BadInputIsNamed()
    {
        var label = Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.Compute([0, 3, 1], [0, 1, 1], 3));
        Assert.Contains("predicted[1] = 3 is not a class index in [0, 3)", label.Message);

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.Compute([0, 1], [0, -1], 2));
        Assert.Contains("actual[1] = -1", negative.Message);

        var length = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute([0, 1, 1], [0, 1], 2));
        Assert.Contains("3 predicted but 2 actual", length.Message);

        var empty = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute([], [], 2));
        Assert.Contains("at least one row", empty.Message);

        var weights = Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.Compute([0, 1], [0, 1], 2, [1.0, double.NaN]));
        Assert.Contains("sampleWeights[1] = NaN", weights.Message);

        var oneClass = Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.Compute([0], [0], 1));
        Assert.Contains("at least 2 classes", oneClass.Message);

        var sums = Assert.Throws<ArgumentException>(() => RocAuc.OneVsRest([0.5, 0.25, 0.125, 0.1, 0.1, 0.8, 0.3, 0.3, 0.4], [0, 1, 2], 3));
        Assert.Contains("row 0 sum to 0.875, not 1", sums.Message);

        var nan = Assert.Throws<ArgumentException>(() => RocAuc.Binary([0.5, double.NaN], [0, 1]));
        Assert.Contains("positiveScores[1] = NaN", nan.Message);

        var shape = Assert.Throws<ArgumentException>(() => RocAuc.OneVsRest([0.5, 0.5], [0, 1, 2], 3));
        Assert.Contains("9 probabilities are needed, but there are 2", shape.Message);
    }

    [Fact]
    public void BinaryAucCountsTiesHalf()
    {
        // One positive and one negative with equal scores: the pair counts 1/2. Positive above the other negative: 1.
        Assert.Equal(0.75, RocAuc.Binary([0.5, 0.5, 0.1], [1, 0, 0]), 15);
    }

    private static double[] Column(double[] matrix, int columns, int column)
    {
        var values = new double[matrix.Length / columns];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = matrix[i * columns + column];
        }

        return values;
    }

    private static double[] Weights(JsonElement item) =>
        item.GetProperty("weights").ValueKind == JsonValueKind.Null ? [] : item.GetProperty("weights").Doubles();
}
