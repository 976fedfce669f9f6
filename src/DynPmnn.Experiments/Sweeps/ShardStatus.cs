namespace DynPmnn.Experiments.Sweeps;

/// <summary>How far one shard (or the whole sweep) has come.</summary>
public sealed record ShardStatus
{
    /// <summary>The shard, or null for the whole sweep.</summary>
    public Shard? Shard { get; init; }

    public required int Trials { get; init; }

    public required int Done { get; init; }

    public required int Failed { get; init; }

    /// <summary>Trials without a record.</summary>
    public int Remaining => Trials - Done - Failed;
}
