using System.Text.Json;
using DynPmnn.Trees;
using Xunit.Abstractions;

namespace DynPmnn.Tests.Trees;

/// <summary>
/// The authors' full grids on the five data sets: every configuration's tree size and validation scores, the
/// selection, the selected tree's scores and its text all equal scikit-learn 1.2.1's.
/// </summary>
public class DecisionTreeGridTests(GridRuns runs, ITestOutputHelper output) : IClassFixture<GridRuns>
{
    private const double RelativeTolerance = 1e-12;

    public static TheoryData<string> DataSets => new(TreeFixture.Names);

    [Fact]
    public void Grids_HaveTheAuthorsSizesInProductOrder()
    {
        Assert.Equal(2592, DecisionTreeGrid.ClassifierConfigurations.Count);
        Assert.Equal(1944, DecisionTreeGrid.RegressorConfigurations.Count);

        // itertools.product: ccp_alpha varies fastest, criterion slowest.
        var classifiers = DecisionTreeGrid.ClassifierConfigurations;
        Assert.Equal(new DecisionTreeClassifierOptions { RandomState = 42 }, classifiers[0]);
        Assert.Equal(0.001, classifiers[1].CcpAlpha);
        Assert.Equal(ClassWeight.Balanced, classifiers[3].ClassWeight);
        Assert.Equal(MaxFeatures.Sqrt, classifiers[6].MaxFeatures);
        Assert.Equal(
            new DecisionTreeClassifierOptions
            {
                Criterion = ClassificationCriterion.Entropy,
                MaxDepth = 10,
                MinSamplesSplit = 10,
                MinSamplesLeaf = 10,
                MaxFeatures = MaxFeatures.Log2,
                ClassWeight = ClassWeight.Balanced,
                CcpAlpha = 0.01,
                RandomState = 42,
            },
            classifiers[^1]);
        Assert.Equal(RegressionCriterion.AbsoluteError, DecisionTreeGrid.RegressorConfigurations[^1].Criterion);
        Assert.Equal(RegressionCriterion.FriedmanMse, DecisionTreeGrid.RegressorConfigurations[648].Criterion);
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void EveryConfiguration_MatchesScikitLearnsRow(string name)
    {
        var fixture = TreeFixture.Load(name);
        var rows = fixture.Root.GetProperty("grid").EnumerateArray().ToArray();
        if (fixture.IsClassification)
        {
            var result = runs.Classifiers(fixture);
            Report(name, result.Entries.Count, result.Elapsed);
            Assert.Equal(rows.Length, result.Entries.Count);
            foreach (var entry in result.Entries)
            {
                AssertRow(rows[entry.Index], name, entry.Index, entry.NodeCount, entry.Depth, entry.LeafCount, entry.ValidAccuracy, entry.ValidF1);
            }
        }
        else
        {
            var result = runs.Regressors(fixture);
            Report(name, result.Entries.Count, result.Elapsed);
            Assert.Equal(rows.Length, result.Entries.Count);
            foreach (var entry in result.Entries)
            {
                AssertRow(rows[entry.Index], name, entry.Index, entry.NodeCount, entry.Depth, entry.LeafCount, entry.ValidMeanSquaredError, entry.ValidMeanAbsoluteError);
            }
        }
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Selection_MatchesScikitLearn(string name)
    {
        var fixture = TreeFixture.Load(name);
        var best = fixture.Root.GetProperty("best");
        var metrics = best.GetProperty("metrics");
        var parts = new[] { "train", "valid", "test" };
        if (fixture.IsClassification)
        {
            var result = runs.Classifiers(fixture);
            Assert.Equal(best.GetProperty("index").GetInt32(), result.Best.Index);
            Assert.Equal(TreeFixture.ClassifierOptions(best.GetProperty("params")), result.Best.Options);
            Assert.Equal(best.GetProperty("depth").GetInt32(), result.BestModel.Depth);
            Assert.Equal(best.GetProperty("leaves").GetInt32(), result.BestModel.LeafCount);
            Assert.Equal(best.GetProperty("node_count").GetInt32(), result.BestModel.NodeCount);
            foreach (var part in parts)
            {
                var scores = ClassificationScores.Of(result.BestModel, fixture.ClassificationSplit(part));
                var expected = metrics.GetProperty(part);
                AssertClose(expected, "accuracy", scores.Accuracy, name, part);
                AssertClose(expected, "f1", scores.F1, name, part);
                AssertClose(expected, "precision", scores.Precision, name, part);
                AssertClose(expected, "recall", scores.Recall, name, part);
                AssertClose(expected, "roc_auc", scores.RocAuc, name, part);
            }

            Assert.Equal(best.GetProperty("export_text").GetString(), TreeText.Export(result.BestModel, fixture.FeatureNames));
        }
        else
        {
            var result = runs.Regressors(fixture);
            Assert.Equal(best.GetProperty("index").GetInt32(), result.Best.Index);
            Assert.Equal(TreeFixture.RegressorOptions(best.GetProperty("params")), result.Best.Options);
            Assert.Equal(best.GetProperty("depth").GetInt32(), result.BestModel.Depth);
            Assert.Equal(best.GetProperty("leaves").GetInt32(), result.BestModel.LeafCount);
            Assert.Equal(best.GetProperty("node_count").GetInt32(), result.BestModel.NodeCount);
            foreach (var part in parts)
            {
                var scores = RegressionScores.Of(result.BestModel, fixture.RegressionSplit(part));
                var expected = metrics.GetProperty(part);
                AssertClose(expected, "mse", scores.MeanSquaredError, name, part);
                AssertClose(expected, "mae", scores.MeanAbsoluteError, name, part);
                AssertClose(expected, "r2", scores.RSquared, name, part);
            }

            Assert.Equal(best.GetProperty("export_text").GetString(), TreeText.Export(result.BestModel, fixture.FeatureNames));
        }
    }

    /// <summary>The rows of the authors' logs, as printed there (six significant digits).</summary>
    [Fact]
    public void SelectedTrees_AreTheAuthorsLoggedRows()
    {
        var banknote = runs.Classifiers(TreeFixture.Load("banknote"));
        Assert.Equal(
            new DecisionTreeClassifierOptions { MaxFeatures = MaxFeatures.Sqrt, ClassWeight = ClassWeight.Balanced, CcpAlpha = 0.001, RandomState = 42 },
            banknote.Best.Options);
        Assert.Equal((8, 29), (banknote.BestModel.Depth, banknote.BestModel.LeafCount));
        AssertPrinted("0.996364", banknote.Best.ValidAccuracy);
        AssertPrinted("0.995918", banknote.Best.ValidF1);
        var banknoteTest = ClassificationScores.Of(banknote.BestModel, TreeFixture.Load("banknote").ClassificationSplit("test"));
        AssertPrinted("0.992754", banknoteTest.Accuracy);
        AssertPrinted("0.991736", banknoteTest.F1);
        AssertPrinted("1.000000", banknoteTest.Precision);
        AssertPrinted("0.983607", banknoteTest.Recall);
        AssertPrinted("0.991803", banknoteTest.RocAuc);

        var cancer = runs.Classifiers(TreeFixture.Load("breast_cancer"));
        Assert.Equal(
            new DecisionTreeClassifierOptions { MaxDepth = 4, MinSamplesLeaf = 5, ClassWeight = ClassWeight.Balanced, CcpAlpha = 0.001, RandomState = 42 },
            cancer.Best.Options);
        Assert.Equal((4, 10), (cancer.BestModel.Depth, cancer.BestModel.LeafCount));
        AssertPrinted("0.982456", cancer.Best.ValidAccuracy);
        AssertPrinted("0.986111", cancer.Best.ValidF1);
        var cancerTest = ClassificationScores.Of(cancer.BestModel, TreeFixture.Load("breast_cancer").ClassificationSplit("test"));
        AssertPrinted("0.877193", cancerTest.Accuracy);
        AssertPrinted("0.895522", cancerTest.F1);

        var diabetes = runs.Regressors(TreeFixture.Load("diabetes"));
        Assert.Equal(
            new DecisionTreeRegressorOptions { MaxDepth = 5, MinSamplesLeaf = 10, RandomState = 42 },
            diabetes.Best.Options);
        Assert.Equal(21, diabetes.BestModel.LeafCount);
        AssertPrinted("3278.97", diabetes.Best.ValidMeanSquaredError);
        AssertPrinted("46.554", diabetes.Best.ValidMeanAbsoluteError);
        var diabetesTest = RegressionScores.Of(diabetes.BestModel, TreeFixture.Load("diabetes").RegressionSplit("test"));
        AssertPrinted("2857.72", diabetesTest.MeanSquaredError);
        AssertPrinted("41.219", diabetesTest.MeanAbsoluteError);
        AssertPrinted("0.532814", diabetesTest.RSquared);

        var energy = runs.Regressors(TreeFixture.Load("energy"));
        Assert.Equal(
            new DecisionTreeRegressorOptions { MinSamplesLeaf = 5, CcpAlpha = 0.01, RandomState = 42 },
            energy.Best.Options);
        Assert.Equal((7, 38), (energy.BestModel.Depth, energy.BestModel.LeafCount));
        AssertPrinted("1.3203", energy.Best.ValidMeanSquaredError);
        var energyTest = RegressionScores.Of(energy.BestModel, TreeFixture.Load("energy").RegressionSplit("test"));
        AssertPrinted("1.7516", energyTest.MeanSquaredError);
        AssertPrinted("0.7960", energyTest.MeanAbsoluteError);
        AssertPrinted("0.98239", energyTest.RSquared);

        var iris = runs.Classifiers(TreeFixture.Load("iris"));
        Assert.Equal(
            new DecisionTreeClassifierOptions { MinSamplesLeaf = 2, MaxFeatures = MaxFeatures.Sqrt, CcpAlpha = 0.01, RandomState = 42 },
            iris.Best.Options);
        Assert.Equal((2, 3), (iris.BestModel.Depth, iris.BestModel.LeafCount));
        AssertPrinted("0.966667", iris.Best.ValidAccuracy);
        AssertPrinted("0.966583", iris.Best.ValidF1);
        var irisTest = ClassificationScores.Of(iris.BestModel, TreeFixture.Load("iris").ClassificationSplit("test"));
        AssertPrinted("0.875", irisTest.Accuracy);
        AssertPrinted("0.877778", irisTest.F1);
    }

    [Fact]
    public void Result_DoesNotDependOnTheThreadCount()
    {
        var fixture = TreeFixture.Load("iris");
        var configurations = DecisionTreeGrid.ClassifierConfigurations.Where((_, i) => i % 7 == 0).ToArray();
        var one = DecisionTreeGrid.SearchClassifiers(fixture.ClassificationSplit("train"), fixture.ClassificationSplit("valid"), configurations, maxDegreeOfParallelism: 1);
        var many = DecisionTreeGrid.SearchClassifiers(fixture.ClassificationSplit("train"), fixture.ClassificationSplit("valid"), configurations, maxDegreeOfParallelism: 4);
        Assert.Equal(one.Entries, many.Entries);
        Assert.Equal(one.Best, many.Best);
    }

    private void Report(string name, int fits, TimeSpan elapsed) =>
        output.WriteLine($"{name}: {fits} fits in {elapsed.TotalSeconds:F2} s on {Environment.ProcessorCount} cores");

    // Node count, depth and leaves are exact; so are the validation scores the selection compares, since a
    // rounding apart could change which configuration wins.
    private static void AssertRow(JsonElement row, string name, int index, int nodes, int depth, int leaves, double first, double second)
    {
        var expected = row.EnumerateArray().ToArray();
        var label = $"{name} configuration #{index}";
        Assert.True(expected[0].GetInt32() == nodes, $"{label}: {nodes} nodes, scikit-learn has {expected[0].GetInt32()}.");
        Assert.True(expected[1].GetInt32() == depth, $"{label}: depth {depth}, scikit-learn has {expected[1].GetInt32()}.");
        Assert.True(expected[2].GetInt32() == leaves, $"{label}: {leaves} leaves, scikit-learn has {expected[2].GetInt32()}.");
        Assert.True(expected[3].GetDouble() == first, $"{label}: first validation score {first:R}, scikit-learn has {expected[3].GetDouble():R}.");
        Assert.True(expected[4].GetDouble() == second, $"{label}: second validation score {second:R}, scikit-learn has {expected[4].GetDouble():R}.");
    }

    private static void AssertClose(JsonElement expected, string metric, double actual, string name, string part)
    {
        var value = expected.GetProperty(metric).GetDouble();
        Assert.True(
            Math.Abs(actual - value) <= RelativeTolerance * Math.Abs(value),
            $"{name} {part} {metric}: {actual:R}, scikit-learn has {value:R}.");
    }

    // The logged text is the actual value rounded to the decimals it shows.
    private static void AssertPrinted(string printed, double actual)
    {
        var decimals = printed.Contains('.') ? printed.Length - printed.IndexOf('.') - 1 : 0;
        var value = double.Parse(printed, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(
            Math.Abs(actual - value) <= 0.5 * Math.Pow(10, -decimals) * (1 + 1e-9),
            $"{actual:R} does not print as {printed}.");
    }
}
