using System.Globalization;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>How <see cref="SweepExecutor"/> runs a sweep's trials in this process.</summary>
public sealed record SweepRunOptions
{
    /// <summary>The trials this process runs.</summary>
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>Trials run at once, each on a thread of its own; by default <see cref="DefaultParallelism"/>.</summary>
    public int Parallelism { get; init; } = DefaultParallelism();

    /// <summary>Run failed trials again (done ones are always kept).</summary>
    public bool RetryFailed { get; init; }

    /// <summary>Receives one line per started and finished trial; called from several threads at once.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The CPUs Slurm gave the task (<c>SLURM_CPUS_PER_TASK</c>) inside a Slurm job, else the logical processors here.</summary>
    public static int DefaultParallelism() =>
        int.TryParse(Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK"), NumberStyles.None, CultureInfo.InvariantCulture, out var cpus) && cpus > 0
            ? cpus
            : Environment.ProcessorCount;
}
