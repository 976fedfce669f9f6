using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>Where two JSON values first differ, for messages that say what changed rather than only that something did.</summary>
internal static class JsonDifference
{
    /// <summary>The path of the first difference (<c>$.base.protocol.learningRate</c>) with both values, or null if equal.</summary>
    public static string? Find(JsonNode? left, JsonNode? right, string path = "$")
    {
        switch (left, right)
        {
            case (JsonObject a, JsonObject b):
                foreach (var name in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    if (!a.ContainsKey(name) || !b.ContainsKey(name))
                    {
                        return $"{path}.{name} is {(a.ContainsKey(name) ? "only in the first" : "only in the second")}";
                    }

                    if (Find(a[name], b[name], $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
                {
                    if (Find(a[i], b[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return a.Count == b.Count ? null : $"{path} has {a.Count} items in the first and {b.Count} in the second";
            default:
                var first = CanonicalJson.Write(left);
                var second = CanonicalJson.Write(right);
                return first == second ? null : $"{path} is {first} in the first and {second} in the second";
        }
    }
}
