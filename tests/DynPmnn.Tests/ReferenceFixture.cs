using System.Collections.Concurrent;
using System.Text.Json;

namespace DynPmnn.Tests;

/// <summary>Reads the JSON fixtures that the scripts in tests/reference write from numpy and scikit-learn.</summary>
internal static class ReferenceFixture
{
    private static readonly ConcurrentDictionary<string, JsonElement> Cache = new();

    /// <summary>The parsed fixture; a missing file fails the test with the script that makes it.</summary>
    public static JsonElement Load(string name) => Cache.GetOrAdd(name, Parse);

    private static JsonElement Parse(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        if (!File.Exists(path))
        {
            Assert.Fail($"Fixture {path} is missing; run the script in tests/reference that writes {name}.");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

    public static int[] Ints(this JsonElement array)
    {
        var values = new int[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.GetInt32();
        }

        return values;
    }

    public static double[] Doubles(this JsonElement array)
    {
        var values = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.GetDouble();
        }

        return values;
    }

    /// <summary>A row-major copy of a JSON array of equal-length arrays of numbers.</summary>
    public static double[] Matrix(this JsonElement rows, out int columns)
    {
        columns = rows.GetArrayLength() == 0 ? 0 : rows[0].GetArrayLength();
        var values = new List<double>();
        foreach (var row in rows.EnumerateArray())
        {
            Assert.Equal(columns, row.GetArrayLength());
            values.AddRange(row.Doubles());
        }

        return [.. values];
    }

    /// <summary>The array at <paramref name="property"/>, or <see langword="null"/> where the fixture has null.</summary>
    public static int[]? IntsOrNull(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).Ints();

    /// <summary>Cases by their <c>name</c> property, as xunit theory data.</summary>
    public static TheoryData<string> CaseNames(string fixture, string arrayProperty)
    {
        var data = new TheoryData<string>();
        foreach (var item in Load(fixture).GetProperty(arrayProperty).EnumerateArray())
        {
            data.Add(item.GetProperty("name").GetString()!);
        }

        return data;
    }

    /// <summary>The case named <paramref name="name"/> in <paramref name="arrayProperty"/>.</summary>
    public static JsonElement Case(string fixture, string arrayProperty, string name)
    {
        foreach (var item in Load(fixture).GetProperty(arrayProperty).EnumerateArray())
        {
            if (item.GetProperty("name").GetString() == name)
            {
                return item;
            }
        }

        Assert.Fail($"{fixture} has no case named '{name}' in {arrayProperty}.");
        throw new InvalidOperationException("unreachable");
    }
}
