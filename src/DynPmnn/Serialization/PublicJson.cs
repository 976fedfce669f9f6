using System.Text.Json.Serialization.Metadata;
using DynPmnn.Training;

namespace DynPmnn.Serialization;

/// <summary>The library's JSON form of its data types, for programs that write them into their own files.</summary>
public static class PublicJson
{
    /// <summary>A training protocol in the form model files carry it.</summary>
    public static JsonTypeInfo<TrainingProtocol> TrainingProtocol => CoreJson.Default.TrainingProtocol;

    /// <summary>
    /// A JSON reader's error in the user's words: what was wrong, the JSON path and the line, without the serializer's
    /// .NET type names (every <c>DynPmnn.…</c> namespace prefix is dropped).
    /// </summary>
    public static string Describe(System.Text.Json.JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var what = System.Text.RegularExpressions.Regex.Replace(cut >= 0 ? message[..cut] : message, @"DynPmnn(\.[A-Za-z]+)+\.(?=[A-Z])", string.Empty);
        var where = error.Path is { Length: > 1 } path ? $" at {path}" : string.Empty;
        var line = error.LineNumber is { } l ? $" (line {l + 1})" : string.Empty;
        return $"{what}{where}{line}";
    }
}
