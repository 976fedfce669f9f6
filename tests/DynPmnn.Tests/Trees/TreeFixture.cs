using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using DynPmnn.Trees;

namespace DynPmnn.Tests.Trees;

/// <summary>
/// One data set's fixture from tests/reference/decision_trees.py: the standardised splits, scikit-learn 1.2.1's
/// result for every configuration of the grid, its selection, and whole trees for about twenty configurations.
/// </summary>
internal sealed class TreeFixture
{
    private static readonly Dictionary<string, TreeFixture> Cache = [];

    private TreeFixture(string name, JsonElement root)
    {
        Name = name;
        Root = root;
        IsClassification = root.GetProperty("task").GetString() == "classification";
        Columns = root.GetProperty("feature_names").GetArrayLength();
        Outputs = root.GetProperty("outputs").GetInt32();
        FeatureNames = root.GetProperty("feature_names").EnumerateArray().Select(e => e.GetString()!).ToArray();
        XTrain = Floats(root, "x_train");
        XValid = Floats(root, "x_valid");
        XTest = Floats(root, "x_test");
    }

    public static readonly string[] Names = ["banknote", "breast_cancer", "diabetes", "energy", "iris"];

    public string Name { get; }

    public JsonElement Root { get; }

    public bool IsClassification { get; }

    public int Columns { get; }

    public int Outputs { get; }

    public string[] FeatureNames { get; }

    public float[] XTrain { get; }

    public float[] XValid { get; }

    public float[] XTest { get; }

    public ClassificationData ClassificationSplit(string part) =>
        new(Floats(Root, "x_" + part), Columns, Root.GetProperty("y_" + part).EnumerateArray().Select(e => e.GetInt32()).ToArray());

    public RegressionData RegressionSplit(string part)
    {
        var y = Root.GetProperty("y_" + part);
        var targets = Outputs == 1
            ? y.EnumerateArray().Select(ParseFloat).ToArray()
            : y.EnumerateArray().SelectMany(row => row.EnumerateArray().Select(ParseFloat)).ToArray();
        return new RegressionData(Floats(Root, "x_" + part), Columns, targets, Outputs);
    }

    public static TreeFixture Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var fixture))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "decision_trees", name + ".json");
                Assert.True(File.Exists(path), $"Fixture {path} is missing; make it with tests/reference/decision_trees.py.");
                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                fixture = new TreeFixture(name, document.RootElement.Clone());
                Cache[name] = fixture;
            }

            return fixture;
        }
    }

    public static DecisionTreeClassifierOptions ClassifierOptions(JsonElement parameters) => new()
    {
        Criterion = parameters.GetProperty("criterion").GetString() switch
        {
            "gini" => ClassificationCriterion.Gini,
            "entropy" => ClassificationCriterion.Entropy,
            var other => throw new InvalidDataException($"Unknown criterion {other}."),
        },
        ClassWeight = parameters.GetProperty("class_weight").ValueKind == JsonValueKind.Null ? ClassWeight.None : ClassWeight.Balanced,
        MaxDepth = IntOrNull(parameters.GetProperty("max_depth")),
        MinSamplesSplit = parameters.GetProperty("min_samples_split").GetInt32(),
        MinSamplesLeaf = parameters.GetProperty("min_samples_leaf").GetInt32(),
        MaxFeatures = MaxFeaturesOf(parameters.GetProperty("max_features")),
        CcpAlpha = parameters.GetProperty("ccp_alpha").GetDouble(),
        RandomState = 42,
    };

    public static DecisionTreeRegressorOptions RegressorOptions(JsonElement parameters) => new()
    {
        Criterion = parameters.GetProperty("criterion").GetString() switch
        {
            "squared_error" => RegressionCriterion.SquaredError,
            "friedman_mse" => RegressionCriterion.FriedmanMse,
            "absolute_error" => RegressionCriterion.AbsoluteError,
            var other => throw new InvalidDataException($"Unknown criterion {other}."),
        },
        MaxDepth = IntOrNull(parameters.GetProperty("max_depth")),
        MinSamplesSplit = parameters.GetProperty("min_samples_split").GetInt32(),
        MinSamplesLeaf = parameters.GetProperty("min_samples_leaf").GetInt32(),
        MaxFeatures = MaxFeaturesOf(parameters.GetProperty("max_features")),
        CcpAlpha = parameters.GetProperty("ccp_alpha").GetDouble(),
        RandomState = 42,
    };

    public static double[] Doubles(JsonElement array) => Flatten(array).Select(e => e.GetDouble()).ToArray();

    /// <summary>The numbers of a JSON array, or of an array of row arrays, in row-major order.</summary>
    public static IEnumerable<JsonElement> Flatten(JsonElement array) =>
        array.EnumerateArray().SelectMany(e => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToArray() : [e]);

    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static int? IntOrNull(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt32();

    private static MaxFeatures MaxFeaturesOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => MaxFeatures.All,
        JsonValueKind.Number => MaxFeatures.Count(e.GetInt32()),
        _ => e.GetString() switch
        {
            "sqrt" => MaxFeatures.Sqrt,
            "log2" => MaxFeatures.Log2,
            var other => throw new InvalidDataException($"Unknown max_features {other}."),
        },
    };

    // The fixture writes float32 as the shortest decimal that reads back to the same float; a SHA-256 of the
    // little-endian floats proves every bit arrived.
    private static float[] Floats(JsonElement root, string name)
    {
        var values = Flatten(root.GetProperty(name))
            .Select(ParseFloat)
            .ToArray();
        var expected = root.GetProperty("sha256").GetProperty(name).GetString();
        var actual = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())));
        Assert.True(expected == actual, $"{name}: SHA-256 of the parsed float32 values is {actual}, the fixture says {expected}.");
        return values;
    }

    private static float ParseFloat(JsonElement e) => float.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
