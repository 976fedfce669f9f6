using System.Globalization;
using System.Text.Json;

namespace DynPmnn.Tests.Data.BuiltIn;

/// <summary>The built-in data sets as scikit-learn and pandas load them: Fixtures/datasets.json, made by tests/reference/datasets.py.</summary>
internal sealed class ReferenceDataset
{
    private static readonly Lazy<JsonElement> Fixture = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "datasets.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("datasets").Clone();
    });

    private readonly JsonElement _entry;

    private ReferenceDataset(JsonElement entry) => _entry = entry;

    public static ReferenceDataset Get(string name) => new(Fixture.Value.GetProperty(name));

    public int Rows => _entry.GetProperty("rows").GetInt32();

    public int Columns => _entry.GetProperty("columns").GetInt32();

    public string[] FeatureNames => Strings("feature_names");

    public string[] TargetNames => Strings("target_names");

    public string[] ClassNames => Strings("class_names");

    public int[] ClassCounts => _entry.GetProperty("class_counts").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>Rows of float32 values, each read back exactly from numpy's shortest text for it.</summary>
    public float[][] Matrix(string property) =>
        _entry.GetProperty(property).EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => float.Parse(v.GetString()!, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

    private string[] Strings(string property) => _entry.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
