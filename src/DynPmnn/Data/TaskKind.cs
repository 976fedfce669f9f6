using System.Text.Json.Serialization;

namespace DynPmnn.Data;

/// <summary>What a data set's targets are: real numbers to predict, or class labels to choose among.</summary>
/// <remarks>Written by name in JSON, so a saved schema stays readable and survives reordering of the members.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<TaskKind>))]
public enum TaskKind
{
    /// <summary>One or more real-valued outputs per row.</summary>
    Regression,

    /// <summary>One class label per row, stored as the class index 0..K-1.</summary>
    Classification,
}
