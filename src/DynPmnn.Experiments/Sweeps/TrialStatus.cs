using System.Text.Json.Serialization;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>How a recorded trial ended. A trial that has not ended has no record at all.</summary>
public enum TrialStatus
{
    /// <summary>The runner returned metrics.</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>The runner threw, or returned an error; the record holds the message.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
