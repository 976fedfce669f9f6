namespace DynPmnn.Experiments.Sweeps;

/// <summary>When a trial ran, by the clock of the machine that ran it (UTC).</summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property.</remarks>
public sealed record TrialTimings
{
    public required DateTimeOffset Started { get; set; }

    public required DateTimeOffset Finished { get; set; }

    /// <summary>Elapsed seconds, from a monotonic clock (not <see cref="Finished"/> − <see cref="Started"/>, which a clock change can skew).</summary>
    public required double Seconds { get; set; }
}
