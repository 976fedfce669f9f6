namespace DynPmnn.Experiments.Sweeps;

/// <summary>What one <see cref="SweepExecutor.Run"/> did with its shard.</summary>
public sealed record SweepRunSummary
{
    public required Shard Shard { get; init; }

    /// <summary>Trials in the shard.</summary>
    public required int InShard { get; init; }

    /// <summary>Trials that already had a record (done, or failed without <see cref="SweepRunOptions.RetryFailed"/>), found at the start or while running.</summary>
    public required int AlreadyRecorded { get; init; }

    /// <summary>Trials this run recorded as done.</summary>
    public required int Done { get; init; }

    /// <summary>Trials this run recorded as failed.</summary>
    public required int Failed { get; init; }

    /// <summary>Trials left without a record because the run was cancelled (those stopped mid-way included).</summary>
    public required int NotRun { get; init; }

    /// <summary>Whether the run was cancelled before every trial of the shard had a record.</summary>
    public bool Cancelled => NotRun > 0;
}
