using System.Text.Json.Serialization;
using DynPmnn.Training;

namespace DynPmnn.Experiments;

/// <summary>
/// The JSON form of the experiment files (one finished run, a study's configuration): camelCase names, enums as their
/// names, unknown members refused, NaN and infinities written as the named literals a diverged run needs.
/// Source-generated, so reading is strict and needs no reflection. Documented in docs/results-schema.md.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    WriteIndented = true)]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(EpochReport))]
[JsonSerializable(typeof(StudyConfiguration))]
[JsonSerializable(typeof(StudyResults))]
public sealed partial class ExperimentsJson : JsonSerializerContext;
