using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// One finished trial as the store keeps it, in <c>DIR/trials/&lt;id&gt;.json</c>: what ran, how it ended, its
/// metrics, when and where it ran. A trial that has not finished has no record.
/// </summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property.</remarks>
public sealed record TrialRecord
{
    public required string Id { get; set; }

    /// <summary>The trial's place in expansion order.</summary>
    public required int Index { get; set; }

    /// <summary>The sweep's name.</summary>
    public required string Sweep { get; set; }

    /// <summary>The full configuration (every member, defaults included).</summary>
    public required JsonObject Config { get; set; }

    public required int Seed { get; set; }

    public required TrialStatus Status { get; set; }

    /// <summary>Metric name → value; NaN is written as the string "NaN".</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; set; } = new Dictionary<string, double>();

    /// <summary>Why a failed trial failed; null when it is done.</summary>
    public string? Error { get; set; }

    /// <summary>The runner's notes.</summary>
    public IReadOnlyList<string> Notes { get; set; } = [];

    /// <summary>The spec's deviations, copied so each result carries them.</summary>
    public IReadOnlyList<string> Deviations { get; set; } = [];

    public required TrialTimings Timings { get; set; }

    public required Provenance Provenance { get; set; }
}
