using DynPmnn.Experiments.Sweeps;
using DynPmnn.Sweeps.TestWorker;

namespace DynPmnn.Tests.Sweeps;

/// <summary>The sweep command line, run in-process: plan, run, status, report and the cluster files.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("dynpmnn-sweepcli-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void PlanRunStatusAndReport()
    {
        var spec = WriteSpec();
        var output = Path.Combine(scratch, "out");

        var plan = Run("plan", spec, "--show", "3");
        Assert.Equal(0, plan.Code);
        Assert.Contains("sweep small: 6 combination(s) of 2 searched parameter(s), 6 configuration(s) × 2 seed(s) = 12 trial(s)", plan.Output, StringComparison.Ordinal);
        Assert.Contains("deviation: min_delta 0.0 as actually run", plan.Output, StringComparison.Ordinal);
        Assert.Contains("… and 9 more", plan.Output, StringComparison.Ordinal);

        var run = Run("run", spec, "--out", output, "--shard", "0/2", "--parallel", "2");
        Assert.True(run.Code == 0, run.Error);
        Assert.Contains("shard 0/2 (--shard 0/2)", run.Output, StringComparison.Ordinal);
        Assert.Contains("shard 0/2: 6 done, 0 failed", run.Output, StringComparison.Ordinal);

        var status = Run("status", output, "--shards", "2");
        Assert.Equal(0, status.Code);
        Assert.Contains("50.0% recorded", status.Output, StringComparison.Ordinal);

        var csv = Path.Combine(scratch, "report.csv");
        var json = Path.Combine(scratch, "report.json");
        var report = Run("report", output, "--select", "regression", "--csv", csv, "--json", json);
        Assert.True(report.Code == 0, report.Error);
        Assert.Contains("best by regression (min validLoss)", report.Output, StringComparison.Ordinal);
        Assert.Equal(13, File.ReadAllLines(csv).Length);
        Assert.True(File.Exists(json));
    }

    [Fact]
    public void SlurmAndKubernetesFilesAreWritten()
    {
        var spec = WriteSpec();
        var output = Path.Combine(scratch, "out");
        var slurm = Run("slurm", spec, "--out", output, "--tasks", "4", "--exe", "/opt/dynpmnn", "--time", "02:00:00", "--cpus-per-task", "2", "--partition", "short");
        Assert.True(slurm.Code == 0, slurm.Error);
        var script = File.ReadAllText(Path.Combine(output, "small.sbatch"));
        Assert.Contains("#SBATCH --array=0-3\n", script, StringComparison.Ordinal);
        Assert.Contains($"exec /opt/dynpmnn sweep run {spec} --out {output} --shard-count 4\n", script, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(output, "logs")));
        Assert.Contains("submit it with: sbatch", slurm.Output, StringComparison.Ordinal);

        var manifest = Path.Combine(scratch, "job.yaml");
        var kubernetes = Run("kubernetes", spec, "--tasks", "3", "--image", "dynpmnn:test", "--claim", "sweeps", "--manifest", manifest);
        Assert.True(kubernetes.Code == 0, kubernetes.Error);
        var yaml = File.ReadAllText(manifest);
        Assert.Contains("command: [\"/usr/local/bin/dynpmnn\", \"sweep\", \"run\", \"/sweep/spec.json\", \"--out\", \"/sweep/small\", \"--shard-count\", \"3\"]", yaml, StringComparison.Ordinal);
        Assert.Contains("completions: 3", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "'fly'", "fly")]
    [InlineData(2, "Option '--out' is required", "run", "SPEC")]
    [InlineData(2, "'--bogus'", "status", "DIR", "--bogus", "1")]
    [InlineData(2, "--parallel needs a whole number from 1 to 4096, not '0'", "run", "SPEC", "--out", "x", "--parallel", "0")]
    [InlineData(1, "is not a sweep directory", "status", "DIR")]
    [InlineData(1, "'5/4' is not a shard", "run", "SPEC", "--out", "DIR", "--shard", "5/4")]
    public void MistakesAreReported(int code, string expected, params string[] args)
    {
        var spec = WriteSpec();
        var result = Run([.. args.Select(a => a == "SPEC" ? spec : a == "DIR" ? Path.Combine(scratch, "none") : a)]);
        Assert.Equal(code, result.Code);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RunWithoutARunnerFails()
    {
        var writer = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(1, SweepCommand.Run(["run", WriteSpec(), "--out", Path.Combine(scratch, "o")], null, writer, error));
        Assert.Contains("this program has no trial runner", error.ToString(), StringComparison.Ordinal);
    }

    private string WriteSpec()
    {
        var path = Path.Combine(scratch, "spec.json");
        File.WriteAllText(path, SweepSpecs.Small().ToJsonString());
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // Shard selection reads the environment; a test run inside a Slurm job must not pick up its array variables.
        Assert.Null(Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID"));
        var code = SweepCommand.Run(args, FakeTrialRunner.Run, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
