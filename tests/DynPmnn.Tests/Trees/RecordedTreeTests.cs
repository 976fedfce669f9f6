using System.Text.Json;
using DynPmnn.Trees;

namespace DynPmnn.Tests.Trees;

/// <summary>
/// About twenty configurations per data set, spread over the grid (every criterion, max_features, class weight
/// and ccp_alpha), grow node for node the tree scikit-learn 1.2.1 grew: same splits, thresholds, values and
/// test predictions.
/// </summary>
public class RecordedTreeTests
{
    public static TheoryData<string> DataSets => new(TreeFixture.Names);

    [Theory]
    [MemberData(nameof(DataSets))]
    public void EveryRecordedTree_EqualsScikitLearns(string name)
    {
        var fixture = TreeFixture.Load(name);
        var trees = fixture.Root.GetProperty("trees");
        Assert.True(trees.GetArrayLength() >= 20, $"{name}: only {trees.GetArrayLength()} recorded trees.");
        foreach (var record in trees.EnumerateArray())
        {
            var parameters = record.GetProperty("params");
            var label = $"{name} #{record.GetProperty("index").GetInt32()} ({parameters})";
            TreeStructure tree;
            if (fixture.IsClassification)
            {
                var model = DecisionTreeClassifier.Fit(fixture.ClassificationSplit("train"), TreeFixture.ClassifierOptions(parameters));
                tree = model.Tree;
                AssertSameStructure(record, tree, label);
                Assert.Equal(TreeFixture.Ints(record.GetProperty("test_predictions")), model.Predict(fixture.XTest));
                AssertExactly(TreeFixture.Doubles(record.GetProperty("test_probabilities")), model.PredictProbability(fixture.XTest), label + " probabilities");
            }
            else
            {
                var model = DecisionTreeRegressor.Fit(fixture.RegressionSplit("train"), TreeFixture.RegressorOptions(parameters));
                tree = model.Tree;
                AssertSameStructure(record, tree, label);
                AssertExactly(TreeFixture.Doubles(record.GetProperty("test_predictions")), model.Predict(fixture.XTest), label + " predictions");
            }
        }
    }

    internal static void AssertSameStructure(JsonElement record, TreeStructure tree, string label)
    {
        Assert.True(record.GetProperty("node_count").GetInt32() == tree.NodeCount,
            $"{label}: {tree.NodeCount} nodes, scikit-learn has {record.GetProperty("node_count").GetInt32()}.");
        Assert.Equal(record.GetProperty("depth").GetInt32(), tree.Depth);
        Assert.Equal(record.GetProperty("leaves").GetInt32(), tree.LeafCount);
        Assert.Equal(TreeFixture.Ints(record.GetProperty("children_left")), tree.LeftChildren.ToArray());
        Assert.Equal(TreeFixture.Ints(record.GetProperty("children_right")), tree.RightChildren.ToArray());
        Assert.Equal(TreeFixture.Ints(record.GetProperty("feature")), tree.Features.ToArray());
        AssertExactly(TreeFixture.Doubles(record.GetProperty("threshold")), tree.Thresholds.ToArray(), label + " thresholds");
        AssertExactly(TreeFixture.Doubles(record.GetProperty("value")), tree.Values.ToArray(), label + " node values");
    }

    internal static void AssertExactly(double[] expected, double[] actual, string label)
    {
        Assert.True(expected.Length == actual.Length, $"{label}: {actual.Length} values, expected {expected.Length}.");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                expected[i].Equals(actual[i]),
                $"{label}: element {i} is {actual[i]:R}, scikit-learn has {expected[i]:R} (difference {actual[i] - expected[i]:R}).");
        }
    }
}
