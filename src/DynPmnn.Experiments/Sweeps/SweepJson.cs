using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// The JSON form of sweep files, with the core's conventions (DynPmnn.Serialization.CoreJson): camelCase names, enums
/// as their names, unknown members and nulls refused, named floating-point literals (NaN) allowed. Source-generated,
/// so reading is strict and needs no reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SweepSpec))]
[JsonSerializable(typeof(TrialConfig))]
[JsonSerializable(typeof(Distribution))]
[JsonSerializable(typeof(TrialRecord))]
[JsonSerializable(typeof(SweepManifest))]
[JsonSerializable(typeof(SweepReport))]
[JsonSerializable(typeof(string))]
internal sealed partial class SweepJson : JsonSerializerContext
{
    /// <summary>The options of <see cref="Default"/> with relaxed escaping and indentation, for files people read.</summary>
    public static SweepJson Indented => field ??= new(new JsonSerializerOptions(Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>A reader's error in the user's words: what was wrong, the JSON path and the line, without the serializer's type names.</summary>
    public static string Describe(JsonException error)
    {
        var message = error.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var what = cut >= 0 ? message[..cut] : message;
        foreach (var prefix in (string[])["DynPmnn.Experiments.Sweeps.", "DynPmnn.Models.", "DynPmnn.Training."])
        {
            what = what.Replace(prefix, string.Empty, StringComparison.Ordinal);
        }

        var where = error.Path is { Length: > 1 } path ? $" at {path}" : string.Empty;
        var line = error.LineNumber is { } l ? $" (line {l + 1})" : string.Empty;
        return $"{what}{where}{line}";
    }
}
