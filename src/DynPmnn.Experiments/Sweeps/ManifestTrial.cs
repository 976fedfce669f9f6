using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>One trial as the manifest lists it: enough for status and reports to show trials that have not run yet.</summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property.</remarks>
public sealed record ManifestTrial
{
    public required string Id { get; set; }

    public required int Seed { get; set; }

    /// <summary>The searched parameters' values (path → value).</summary>
    public required JsonObject Parameters { get; set; }
}
