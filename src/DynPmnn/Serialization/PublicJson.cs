using System.Text.Json.Serialization.Metadata;
using DynPmnn.Training;

namespace DynPmnn.Serialization;

/// <summary>The library's JSON form of its data types, for programs that write them into their own files.</summary>
public static class PublicJson
{
    /// <summary>A training protocol in the form model files carry it.</summary>
    public static JsonTypeInfo<TrainingProtocol> TrainingProtocol => CoreJson.Default.TrainingProtocol;
}
