using System.Globalization;
using System.Text.Json;
using DynPmnn.Trees;

namespace DynPmnn.Tests.Trees;

/// <summary>
/// A hundred small random cases from tests/reference/decision_tree_cases.py, made to reach what the study's data
/// sets may not: tied and nearly tied values (closer than 1e-7), constant and repeated columns, magnitudes near
/// float's maximum, labels like {1, 3, 4}, class weights, two outputs, other seeds, integer max_features, and
/// export_text's options. Each grows scikit-learn 1.2.1's tree node for node and prints its text.
/// </summary>
public class RandomCaseTests
{
    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "decision_trees", "cases.json");
        Assert.True(File.Exists(path), $"Fixture {path} is missing; make it with tests/reference/decision_tree_cases.py.");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone().EnumerateArray().ToArray();
    });

    [Fact]
    public void EveryCase_GrowsScikitLearnsTree()
    {
        Assert.Equal(100, Cases.Value.Length);
        var index = 0;
        foreach (var c in Cases.Value)
        {
            var label = $"case {index++} ({c.GetProperty("params")})";
            var columns = c.GetProperty("columns").GetInt32();
            var x = TreeFixture.Flatten(c.GetProperty("x"))
                .Select(e => float.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            var parameters = c.GetProperty("params");
            var seed = (uint)parameters.GetProperty("random_state").GetInt64();
            var names = c.GetProperty("feature_names").ValueKind == JsonValueKind.Null
                ? null
                : c.GetProperty("feature_names").EnumerateArray().Select(e => e.GetString()!).ToArray();
            var text = c.GetProperty("text_options");
            TreeStructure tree;
            string exported;
            if (c.GetProperty("task").GetString() == "classification")
            {
                var data = new ClassificationData(x, columns, TreeFixture.Ints(c.GetProperty("y")));
                var model = DecisionTreeClassifier.Fit(data, TreeFixture.ClassifierOptions(parameters) with { RandomState = seed });
                tree = model.Tree;
                exported = TreeText.Export(
                    model, names, maxDepth: text.GetProperty("max_depth").GetInt32(), spacing: text.GetProperty("spacing").GetInt32(),
                    decimals: text.GetProperty("decimals").GetInt32(), showWeights: text.GetProperty("show_weights").GetBoolean());
            }
            else
            {
                var y = TreeFixture.Flatten(c.GetProperty("y"))
                    .Select(e => float.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
                var data = new RegressionData(x, columns, y, c.GetProperty("outputs").GetInt32());
                var model = DecisionTreeRegressor.Fit(data, TreeFixture.RegressorOptions(parameters) with { RandomState = seed });
                tree = model.Tree;
                exported = TreeText.Export(
                    model, names, maxDepth: text.GetProperty("max_depth").GetInt32(), spacing: text.GetProperty("spacing").GetInt32(),
                    decimals: text.GetProperty("decimals").GetInt32());
            }

            RecordedTreeTests.AssertSameStructure(c, tree, label);
            RecordedTreeTests.AssertExactly(TreeFixture.Doubles(c.GetProperty("impurity")), tree.Impurities.ToArray(), label + " impurities");
            RecordedTreeTests.AssertExactly(
                TreeFixture.Doubles(c.GetProperty("weighted_n_node_samples")), tree.WeightedSampleCounts.ToArray(), label + " weighted counts");
            Assert.True(c.GetProperty("export_text").GetString() == exported, $"{label}: export_text differs:\n{exported}");
        }
    }
}
