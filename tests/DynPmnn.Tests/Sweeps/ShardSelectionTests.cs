using DynPmnn.Experiments.Sweeps;

namespace DynPmnn.Tests.Sweeps;

/// <summary>Which shard a process runs: --shard, a Slurm array task, a Kubernetes completion index; conflicts refused.</summary>
public sealed class ShardSelectionTests
{
    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/4", 3, 4)]
    [InlineData("17/100", 17, 100)]
    public void ShardsParse(string text, int index, int count) => Assert.Equal(new Shard(index, count), Shard.Parse(text));

    [Theory]
    [InlineData("4/4", "shards of 4 are numbered 0 to 3")]
    [InlineData("1/0", "there must be at least one shard")]
    [InlineData("1", "write i/n")]
    [InlineData("-1/4", "write i/n")]
    [InlineData("a/b", "write i/n")]
    public void BadShardsAreExplained(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => Shard.Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void TrialKBelongsToShardKModN()
    {
        var shard = new Shard(2, 4);
        Assert.Equal([2, 6, 10], Enumerable.Range(0, 12).Where(shard.Contains));
    }

    [Fact]
    public void NothingGivenMeansEveryTrial() =>
        Assert.Equal(Shard.All, ShardSelection.Resolve(null, null, Env()).Shard);

    [Fact]
    public void TheOptionIsUsedAsGiven() =>
        Assert.Equal(new Shard(1, 3), ShardSelection.Resolve("1/3", null, Env()).Shard);

    [Theory]
    [InlineData("2", "0", "3", "4", null, 2, 4)]
    [InlineData("7", "5", "8", "4", "1", 2, 4)]
    [InlineData("20", "0", "30", "4", "10", 2, 4)]
    [InlineData("5", "5", "5", "1", null, 0, 1)]
    public void ASlurmArrayTaskIsItsPlaceInTheArray(string id, string min, string max, string count, string? step, int index, int shards)
    {
        var (shard, source) = ShardSelection.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", id), ("SLURM_ARRAY_TASK_MIN", min), ("SLURM_ARRAY_TASK_MAX", max), ("SLURM_ARRAY_TASK_COUNT", count), ("SLURM_ARRAY_TASK_STEP", step)));
        Assert.Equal(new Shard(index, shards), shard);
        Assert.Contains($"SLURM_ARRAY_TASK_ID={id}", source, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnevenSlurmArrayIsRefused()
    {
        var error = Assert.Throws<FormatException>(() => ShardSelection.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "8"), ("SLURM_ARRAY_TASK_COUNT", "3"), ("SLURM_ARRAY_TASK_STEP", "1")))).Message;
        Assert.Contains("not evenly spaced (a list such as --array=1,5,8)", error, StringComparison.Ordinal);
        Assert.Contains("--shard-count n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ASlurmTaskWithShardCountIsItsOwnId()
    {
        // A resubmission of task 3 alone (--array=3): Slurm says MIN = MAX = 3, COUNT = 1; --shard-count keeps it shard 3 of 4.
        var environment = Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "3"), ("SLURM_ARRAY_TASK_MAX", "3"), ("SLURM_ARRAY_TASK_COUNT", "1"));
        Assert.Equal(new Shard(3, 4), ShardSelection.Resolve(null, 4, environment).Shard);
        Assert.Contains("is not a shard of --shard-count 3", Assert.Throws<FormatException>(() => ShardSelection.Resolve(null, 3, environment)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASlurmTaskWithoutItsArrayBoundsIsRefused() =>
        Assert.Contains("SLURM_ARRAY_TASK_MIN is not", Assert.Throws<FormatException>(() => ShardSelection.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "1")))).Message, StringComparison.Ordinal);

    [Fact]
    public void AKubernetesIndexNeedsItsCount()
    {
        Assert.Equal(new Shard(2, 5), ShardSelection.Resolve(null, 5, Env(("JOB_COMPLETION_INDEX", "2"))).Shard);
        Assert.Contains("give --shard-count n", Assert.Throws<FormatException>(() => ShardSelection.Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "2")))).Message, StringComparison.Ordinal);
        Assert.Contains("is not a shard of --shard-count 2", Assert.Throws<FormatException>(() => ShardSelection.Resolve(null, 2, Env(("JOB_COMPLETION_INDEX", "2")))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConflictingSourcesAreRefused()
    {
        var both = Assert.Throws<FormatException>(() => ShardSelection.Resolve(null, 4, Env(("SLURM_ARRAY_TASK_ID", "1"), ("JOB_COMPLETION_INDEX", "1")))).Message;
        Assert.Contains("Both SLURM_ARRAY_TASK_ID=1 (a Slurm job array) and JOB_COMPLETION_INDEX=1", both, StringComparison.Ordinal);

        var slurm = Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "3"), ("SLURM_ARRAY_TASK_COUNT", "4"));
        var disagree = Assert.Throws<FormatException>(() => ShardSelection.Resolve("2/4", null, slurm)).Message;
        Assert.Contains("--shard 2/4 disagrees with SLURM_ARRAY_TASK_ID=1", disagree, StringComparison.Ordinal);
        Assert.Equal(new Shard(1, 4), ShardSelection.Resolve("1/4", null, slurm).Shard);

        Assert.Contains("two ways to give the shard count", Assert.Throws<FormatException>(() => ShardSelection.Resolve("1/4", 4, Env())).Message, StringComparison.Ordinal);
        Assert.Contains("neither is set", Assert.Throws<FormatException>(() => ShardSelection.Resolve(null, 4, Env())).Message, StringComparison.Ordinal);
        Assert.Contains("is not a whole number", Assert.Throws<FormatException>(() => ShardSelection.Resolve(null, 4, Env(("JOB_COMPLETION_INDEX", "x")))).Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(params (string Name, string? Value)[] variables)
    {
        var map = variables.Where(v => v.Value is not null).ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }
}
