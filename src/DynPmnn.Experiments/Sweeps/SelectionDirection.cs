using System.Text.Json.Serialization;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>Whether a larger or a smaller value of a metric is better.</summary>
public enum SelectionDirection
{
    /// <summary>Larger is better (accuracy, R²).</summary>
    [JsonStringEnumMemberName("max")]
    Max,

    /// <summary>Smaller is better (a loss, an error).</summary>
    [JsonStringEnumMemberName("min")]
    Min,
}
