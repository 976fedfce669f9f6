using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DynPmnn.Data;
using DynPmnn.Models;
using DynPmnn.Training;

namespace DynPmnn.Serialization;

/// <summary>
/// The one JSON form of everything the core library writes and reads (model specs, training protocols, model-file
/// metadata): camelCase names, enums as their names, unknown members and nulls refused, ordinary characters unescaped.
/// Source-generated, so reading is strict and needs no reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelSpec))]
[JsonSerializable(typeof(TrainingProtocol))]
[JsonSerializable(typeof(TabularSchema))]
[JsonSerializable(typeof(ColumnScaler))]
[JsonSerializable(typeof(ModelProvenance))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class CoreJson : JsonSerializerContext
{
    /// <summary>The options of <see cref="Default"/> with relaxed escaping and indentation, for files people read.</summary>
    public static CoreJson Indented => field ??= new(new JsonSerializerOptions(Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>A reader's error in the user's words: the JSON path and what was wrong, without the serializer's type names.</summary>
    public static string Describe(JsonException error)
    {
        var message = error.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var what = cut >= 0 ? message[..cut] : message;
        var where = error.Path is { Length: > 1 } path ? $" at {path}" : string.Empty;
        var line = error.LineNumber is { } l ? $" (line {l + 1})" : string.Empty;
        return $"{what.Replace("DynPmnn.Models.", string.Empty, StringComparison.Ordinal).Replace("DynPmnn.Training.", string.Empty, StringComparison.Ordinal)}{where}{line}";
    }
}
