using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// The random part of a search: <see cref="Count"/> samples, each drawing every parameter once, in the order the
/// parameters are listed, from one SplitMix64 stream seeded with <see cref="Seed"/>.
/// </summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property.</remarks>
public sealed record RandomSearch
{
    /// <summary>The most samples a random search may ask for.</summary>
    public const int MaximumCount = 1_000_000;

    public required int Count { get; set; }

    public required long Seed { get; set; }

    /// <summary>Parameter path → <see cref="Distribution"/>, in the order the values are drawn.</summary>
    public required JsonObject Parameters { get; set; }
}
