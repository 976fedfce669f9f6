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
}
