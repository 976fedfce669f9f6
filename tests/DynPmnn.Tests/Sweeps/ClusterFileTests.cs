using DynPmnn.Experiments.Sweeps;

namespace DynPmnn.Tests.Sweeps;

/// <summary>The sbatch script and the Kubernetes Indexed Job manifest.</summary>
public sealed class ClusterFileTests
{
    [Fact]
    public void TheSbatchScriptRunsOneShardPerArrayTask()
    {
        var script = new SlurmScript
        {
            JobName = "iris-grid",
            Tasks = 16,
            MaxRunning = 4,
            CpusPerTask = 8,
            Time = "1-12:00:00",
            LogDirectory = "/scratch/sweeps/iris/logs/",
            Partition = "cpu",
            Account = "lab42",
            Memory = "16G",
            Command = ["/opt/dynpmnn/dynpmnn", "sweep", "run", "/home/me/iris sweep.json", "--out", "/scratch/sweeps/iris", "--shard-count", "16"],
        }.Render();
        var lines = script.Split('\n');
        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Contains("#SBATCH --job-name=iris-grid", lines);
        Assert.Contains("#SBATCH --array=0-15%4", lines);
        Assert.Contains("#SBATCH --cpus-per-task=8", lines);
        Assert.Contains("#SBATCH --time=1-12:00:00", lines);
        Assert.Contains("#SBATCH --output=/scratch/sweeps/iris/logs/%x_%A_%a.out", lines);
        Assert.Contains("#SBATCH --error=/scratch/sweeps/iris/logs/%x_%A_%a.err", lines);
        Assert.Contains("#SBATCH --partition=cpu", lines);
        Assert.Contains("#SBATCH --account=lab42", lines);
        Assert.Contains("#SBATCH --mem=16G", lines);
        Assert.Contains("exec /opt/dynpmnn/dynpmnn sweep run '/home/me/iris sweep.json' --out /scratch/sweeps/iris --shard-count 16", lines);
        // Every #SBATCH line comes before the first command, or sbatch ignores it.
        Assert.True(Array.FindLastIndex(lines, l => l.StartsWith("#SBATCH", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.StartsWith("set ", StringComparison.Ordinal)));
    }

    [Fact]
    public void OptionalSbatchLinesAreLeftOut()
    {
        var script = new SlurmScript { JobName = "s", Tasks = 1, Time = "30", LogDirectory = "/logs", Command = ["dynpmnn"] }.Render();
        Assert.Contains("#SBATCH --array=0-0\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--partition", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--account", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--mem", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1 hour", null, "The time limit '1 hour'")]
    [InlineData("01:00:00", "lots", "The memory 'lots'")]
    public void BadSbatchSettingsAreNamed(string time, string? memory, string expected)
    {
        var script = new SlurmScript { JobName = "s", Tasks = 2, Time = time, Memory = memory, LogDirectory = "/logs", Command = ["dynpmnn"] };
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => script.Render()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnSbatchValueWithASpaceIsRefused()
    {
        var script = new SlurmScript { JobName = "s", Tasks = 2, Time = "10", LogDirectory = "/my logs", Command = ["dynpmnn"] };
        Assert.Contains("The log directory '/my logs' must be one word", Assert.Throws<ArgumentException>(() => script.Render()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheKubernetesJobIsIndexedAndSharesOneVolume()
    {
        var yaml = new KubernetesJob
        {
            Name = "iris-grid",
            Completions = 16,
            Parallelism = 8,
            Image = "registry.example/dynpmnn:0.1.0",
            VolumeClaim = "sweeps",
            Cpus = 4,
            Memory = "8Gi",
            Command = ["/usr/local/bin/dynpmnn", "sweep", "run", "/sweep/iris.json", "--out", "/sweep/iris", "--shard-count", "16"],
        }.Render();
        var expected = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: "iris-grid"
            spec:
              completionMode: Indexed
              completions: 16
              parallelism: 8
              backoffLimitPerIndex: 2
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: sweep
                      image: "registry.example/dynpmnn:0.1.0"
                      command: ["/usr/local/bin/dynpmnn", "sweep", "run", "/sweep/iris.json", "--out", "/sweep/iris", "--shard-count", "16"]
                      resources:
                        requests:
                          cpu: "4"
                          memory: "8Gi"
                        limits:
                          memory: "8Gi"
                      volumeMounts:
                        - name: sweep
                          mountPath: "/sweep"
                  volumes:
                    - name: sweep
                      persistentVolumeClaim:
                        claimName: "sweeps"

            """;
        Assert.EndsWith(expected, yaml, StringComparison.Ordinal);
        Assert.StartsWith("# Sweep iris-grid: 16 indexed pod(s)", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void AKubernetesNameMustBeADnsLabel()
    {
        var job = new KubernetesJob { Name = "Iris_Grid", Completions = 1, Parallelism = 1, Image = "i", VolumeClaim = "c", Command = ["x"] };
        Assert.Contains("The Job name 'Iris_Grid' must be lower-case", Assert.Throws<ArgumentException>(() => job.Render()).Message, StringComparison.Ordinal);
    }
}
