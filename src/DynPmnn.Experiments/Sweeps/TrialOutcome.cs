namespace DynPmnn.Experiments.Sweeps;

/// <summary>What a <see cref="TrialRunner"/> reports about one finished trial.</summary>
public sealed record TrialOutcome
{
    /// <summary>
    /// Metric name → value, such as <c>validLoss</c>, <c>validAccuracy</c>, <c>testRmse</c>. The selection rules of
    /// <see cref="SelectionRule"/> read <c>validLoss</c> and <c>validAccuracy</c>; NaN marks a value that does not exist.
    /// </summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The SHA-256 (hex) of the data the trial read, for the record's provenance.</summary>
    public string? DatasetSha256 { get; init; }

    /// <summary>Set when the trial ran but did not succeed (training diverged, say): the record is then <c>failed</c>, with these metrics kept.</summary>
    public string? Error { get; init; }

    /// <summary>Anything else worth keeping with the result (stability warnings, the epoch that was kept).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
