namespace DynPmnn.Experiments.Sweeps;

/// <summary>What expanding a spec gave: how many combinations, how many were left out and why, how many trials.</summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property.</remarks>
public sealed record ExpansionSummary
{
    /// <summary>Grid points × random samples, before constraints.</summary>
    public required long Combinations { get; set; }

    /// <summary>Combinations left out, by the first constraint each broke, in the spec's order.</summary>
    public required IReadOnlyList<ConstraintSkips> SkippedByConstraints { get; set; }

    /// <summary>Combinations whose full configuration equals an earlier one's (a repeated grid value, a repeated random draw), kept once.</summary>
    public required int Duplicates { get; set; }

    /// <summary>Distinct configurations that meet every constraint.</summary>
    public required int Configurations { get; set; }

    /// <summary>Seeds per configuration.</summary>
    public required int Seeds { get; set; }

    /// <summary>Configurations × seeds.</summary>
    public required int Trials { get; set; }

    /// <summary>The searched parameter paths: the grid's, then the random search's.</summary>
    public required IReadOnlyList<string> SearchedParameters { get; set; }
}
