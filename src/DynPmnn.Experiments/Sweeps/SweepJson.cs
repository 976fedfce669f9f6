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
}
