using System.Globalization;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// Which shard this process runs, from the command line or from the cluster's environment:
/// <list type="bullet">
/// <item><c>--shard i/n</c>: shard i of n.</item>
/// <item>A Slurm job array task (<c>SLURM_ARRAY_TASK_ID</c>, with <c>_MIN</c>, <c>_MAX</c>, <c>_COUNT</c> and <c>_STEP</c>):
/// shard (ID − MIN) / STEP of COUNT. An array with a step (<c>--array=0-30:10</c>) is accepted when its IDs are evenly
/// spaced; a list of IDs that are not (<c>--array=1,5,8</c>) is refused, since its tasks cannot be numbered without
/// gaps. With <c>--shard-count n</c> the array task ID itself is the shard (0 ≤ ID &lt; n), so a sweep submitted as
/// <c>--array=0-(n-1)</c> can later resubmit any subset of its tasks (<c>--array=1,3</c>) and each reruns its own shard.</item>
/// <item>A Kubernetes Indexed Job (<c>JOB_COMPLETION_INDEX</c>): shard INDEX of <c>--shard-count n</c>, which the pod
/// must be given (the completion count is not in the pod's environment).</item>
/// <item>None of these: every trial (shard 0/1).</item>
/// </list>
/// Two sources that select different shards are an error; so is an environment index without its count.
/// </summary>
public static class ShardSelection
{
    public const string SlurmTaskId = "SLURM_ARRAY_TASK_ID";
    public const string SlurmTaskMin = "SLURM_ARRAY_TASK_MIN";
    public const string SlurmTaskMax = "SLURM_ARRAY_TASK_MAX";
    public const string SlurmTaskCount = "SLURM_ARRAY_TASK_COUNT";
    public const string SlurmTaskStep = "SLURM_ARRAY_TASK_STEP";
    public const string KubernetesIndex = "JOB_COMPLETION_INDEX";

    /// <summary>
    /// The shard to run and a phrase saying where it came from (for the log), given the <c>--shard</c> text, the
    /// <c>--shard-count</c> number and the environment (<paramref name="environment"/> returns null for an unset variable).
    /// </summary>
    /// <exception cref="FormatException">The sources are invalid or disagree; the message names them.</exception>
    public static (Shard Shard, string Source) Resolve(string? shardOption, int? shardCount, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (shardOption is not null && shardCount is not null)
        {
            throw new FormatException("--shard i/n and --shard-count n are two ways to give the shard count; give one (--shard-count is for an index taken from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX).");
        }

        if (shardCount is < 1)
        {
            throw new FormatException($"--shard-count is {shardCount}; it must be at least 1.");
        }

        var slurmId = Variable(environment, SlurmTaskId);
        var kubernetesIndex = Variable(environment, KubernetesIndex);
        if (slurmId is not null && kubernetesIndex is not null)
        {
            throw new FormatException($"Both {SlurmTaskId}={slurmId} (a Slurm job array) and {KubernetesIndex}={kubernetesIndex} (a Kubernetes Indexed Job) are set; this process cannot tell which names its shard. Unset one, or give --shard i/n.");
        }

        (Shard Shard, string Source)? fromEnvironment = null;
        if (slurmId is not null)
        {
            fromEnvironment = FromSlurm(slurmId, shardCount, environment);
        }
        else if (kubernetesIndex is not null)
        {
            var index = Integer(KubernetesIndex, kubernetesIndex);
            if (shardCount is not { } count)
            {
                throw new FormatException($"{KubernetesIndex}={index} names this pod's shard, but not how many there are: give --shard-count n (the Job's completions).");
            }

            if (index >= count)
            {
                throw new FormatException($"{KubernetesIndex}={index} is not a shard of --shard-count {count} (0 to {count - 1}).");
            }

            fromEnvironment = (new Shard(index, count), $"{KubernetesIndex}={index} of --shard-count {count}");
        }
        else if (shardCount is { } count)
        {
            throw new FormatException($"--shard-count {count} takes the shard index from {SlurmTaskId} or {KubernetesIndex}, and neither is set; give --shard i/n to choose a shard by hand.");
        }

        if (shardOption is null)
        {
            return fromEnvironment ?? (Shard.All, "no shard given: every trial");
        }

        var explicitShard = Shard.Parse(shardOption);
        if (fromEnvironment is { } environmentShard && environmentShard.Shard != explicitShard)
        {
            throw new FormatException($"--shard {explicitShard} disagrees with {environmentShard.Source}, which selects shard {environmentShard.Shard}; give one of them.");
        }

        return (explicitShard, fromEnvironment is { } agreed ? $"--shard {explicitShard} (agrees with {agreed.Source})" : $"--shard {explicitShard}");
    }

    /// <summary><see cref="Resolve(string?, int?, Func{string, string?})"/> with the process's environment.</summary>
    public static (Shard Shard, string Source) Resolve(string? shardOption, int? shardCount) =>
        Resolve(shardOption, shardCount, Environment.GetEnvironmentVariable);

    private static (Shard, string) FromSlurm(string idText, int? shardCount, Func<string, string?> environment)
    {
        var id = Integer(SlurmTaskId, idText);
        if (shardCount is { } given)
        {
            if (id >= given)
            {
                throw new FormatException($"{SlurmTaskId}={id} is not a shard of --shard-count {given} (0 to {given - 1}); with --shard-count the array's task IDs are the shard numbers, so submit --array=0-{given - 1} or a subset of it.");
            }

            return (new Shard(id, given), $"{SlurmTaskId}={id} of --shard-count {given}");
        }

        var min = Integer(SlurmTaskMin, Variable(environment, SlurmTaskMin) ?? throw Missing(SlurmTaskMin));
        var max = Integer(SlurmTaskMax, Variable(environment, SlurmTaskMax) ?? throw Missing(SlurmTaskMax));
        var count = Integer(SlurmTaskCount, Variable(environment, SlurmTaskCount) ?? throw Missing(SlurmTaskCount));
        var step = Variable(environment, SlurmTaskStep) is { } stepText ? Integer(SlurmTaskStep, stepText) : 1;
        var array = $"{SlurmTaskId}={id} in an array of {count} task(s) from {min} to {max}{(step != 1 ? $" in steps of {step}" : string.Empty)}";
        if (step < 1 || count < 1 || max < min || id < min || id > max)
        {
            throw new FormatException($"The Slurm array variables do not make sense: {array}.");
        }

        if ((max - min) % step != 0 || ((max - min) / step) + 1 != count || (id - min) % step != 0)
        {
            throw new FormatException(
                $"{array}: its task IDs are not evenly spaced (a list such as --array=1,5,8), so they cannot be numbered as shards 0 to {count - 1}. " +
                "Submit a range (--array=0-N or 0-N:STEP), or pass --shard-count n so each task ID is its shard number.");
        }

        return (new Shard((id - min) / step, count), array);
    }

    private static string? Variable(Func<string, string?> environment, string name) =>
        environment(name) is { Length: > 0 } value ? value.Trim() : null;

    private static int Integer(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name}={text} is not a whole number ≥ 0.");

    private static FormatException Missing(string name) =>
        new($"{SlurmTaskId} is set but {name} is not; Slurm sets both in a job array. Give --shard i/n (or --shard-count n) to choose the shard.");
}
