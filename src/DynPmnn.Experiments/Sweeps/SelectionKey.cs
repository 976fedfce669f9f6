namespace DynPmnn.Experiments.Sweeps;

/// <summary>One metric of a <see cref="SelectionRule"/> and which way is better.</summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property.</remarks>
public sealed record SelectionKey
{
    public required string Metric { get; set; }

    public required SelectionDirection Direction { get; set; }

    public override string ToString() => $"{Direction.ToString().ToLowerInvariant()} {Metric}";
}
