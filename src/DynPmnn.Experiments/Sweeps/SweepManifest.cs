namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// <c>DIR/sweep.json</c>: the spec a sweep directory belongs to, the program version, and the expansion (summary and
/// trial ids in order). Written once, by whichever process creates the directory first; every later process checks
/// that it would run the same sweep.
/// </summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property.</remarks>
public sealed record SweepManifest
{
    /// <summary>The layout version of the sweep directory.</summary>
    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;

    public required string Name { get; set; }

    public required string ProgramVersion { get; set; }

    public required SweepSpec Spec { get; set; }

    public required ExpansionSummary Summary { get; set; }

    /// <summary>The trials in expansion order: trial k's record is <c>trials/{Trials[k].Id}.json</c>.</summary>
    public required IReadOnlyList<ManifestTrial> Trials { get; set; }

    /// <summary>The manifest of <paramref name="plan"/>.</summary>
    public static SweepManifest Of(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new SweepManifest
        {
            Name = plan.Spec.Name,
            ProgramVersion = plan.ProgramVersion,
            Spec = plan.Spec,
            Summary = plan.Summary,
            Trials = [.. plan.Trials.Select(t => new ManifestTrial { Id = t.Id, Seed = t.Seed, Parameters = t.SearchedValues() })],
        };
    }
}
