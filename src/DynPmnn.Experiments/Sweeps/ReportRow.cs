using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>One trial in a <see cref="SweepReport"/>.</summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property.</remarks>
public sealed record ReportRow
{
    public required int Index { get; set; }

    public required string Id { get; set; }

    public required int Seed { get; set; }

    /// <summary>done, failed, or pending for a trial without a record.</summary>
    public required string Status { get; set; }

    /// <summary>The searched parameters' values (path → value).</summary>
    public required JsonObject Parameters { get; set; }

    public IReadOnlyDictionary<string, double> Metrics { get; set; } = new Dictionary<string, double>();

    public string? Error { get; set; }

    /// <summary>Seconds the trial ran, or null for a pending one.</summary>
    public double? Seconds { get; set; }

    /// <summary>The machine that ran it, or null.</summary>
    public string? Machine { get; set; }
}
