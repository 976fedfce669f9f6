namespace DynPmnn.Experiments.Sweeps;

/// <summary>How many combinations one constraint left out.</summary>
public sealed record ConstraintSkips
{
    public required string Constraint { get; set; }

    public required long Skipped { get; set; }
}
