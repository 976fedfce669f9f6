using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DynPmnn.Experiments.Sweeps;
using DynPmnn.Sweeps.TestWorker;
using Xunit.Abstractions;

namespace DynPmnn.Tests.Sweeps;

/// <summary>
/// Sweeps as Slurm job arrays on a real (one-node) Slurm: the generated sbatch script, one shard per array task, every
/// process writing one shared directory; a task cancelled mid-trial and resubmitted; the results equal a local run.
/// </summary>
[Collection(SlurmCollection.Name)]
public sealed class SlurmSweepTests(SlurmCluster cluster, ITestOutputHelper log) : IDisposable
{
    private const int Tasks = 4;

    private readonly string scratch = Directory.CreateTempSubdirectory("dynpmnn-slurm-sweep-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [SlurmFact]
    public void AJobArrayRecordsTheSameTrialsAsOneLocalProcess()
    {
        var clock = Stopwatch.StartNew();
        var (spec, plan) = WriteSpec();
        var directory = Path.Combine(scratch, "slurm");
        var script = WriteScript(spec, directory);

        var job = cluster.Submit(script, new Dictionary<string, string> { [FakeTrialRunner.DelayVariable] = "150" });
        cluster.WaitUntilFinished(job, TimeSpan.FromSeconds(90));
        var states = cluster.TaskStates(job);
        Assert.True(states.Count == Tasks && states.Values.All(s => s == "COMPLETED"), $"array tasks: {string.Join(", ", states)}\n{Logs(directory)}");

        var local = Path.Combine(scratch, "local");
        SweepExecutor.Run(plan, SweepStore.Create(local, plan), FakeTrialRunner.Run, new SweepRunOptions { Parallelism = 2 });
        AssertSameResults(SweepStore.Open(local), SweepStore.Open(directory));
        Assert.Equal(File.ReadAllText(Path.Combine(local, "sweep.json")), File.ReadAllText(Path.Combine(directory, "sweep.json")));

        // Each task ran its own shard and says so; each record names the array task that made it.
        var records = SweepStore.Open(directory).ReadAll().Values.ToList();
        for (var task = 0; task < Tasks; task++)
        {
            Assert.Contains($"shard {task}/{Tasks} (SLURM_ARRAY_TASK_ID={task} of --shard-count {Tasks})", Log(directory, job, task), StringComparison.Ordinal);
        }

        Assert.All(records, r =>
        {
            Assert.Equal(job, r.Provenance.Scheduler["SLURM_ARRAY_JOB_ID"]);
            Assert.Equal(r.Index % Tasks, int.Parse(r.Provenance.Scheduler["SLURM_ARRAY_TASK_ID"], CultureInfo.InvariantCulture));
        });
        log.WriteLine($"4-task array of {plan.Trials.Count} trials and the local run: {clock.Elapsed.TotalSeconds:F1} s");
    }

    [SlurmFact]
    public void ACancelledTaskResubmittedCompletesTheSweepWithNoTrialLostOrRunTwice()
    {
        var clock = Stopwatch.StartNew();
        var (spec, plan) = WriteSpec();
        var directory = Path.Combine(scratch, "slurm");
        var completions = Directory.CreateDirectory(Path.Combine(scratch, "completions")).FullName;
        var script = WriteScript(spec, directory);
        var environment = new Dictionary<string, string> { [FakeTrialRunner.DelayVariable] = "1000", [FakeTrialRunner.CompletionsVariable] = completions };

        var job = cluster.Submit(script, environment);
        // Cancel task 1 once it has recorded a trial and is in the middle of its next one.
        var shardOne = plan.Trials.Where(t => t.Index % Tasks == 1).Select(t => t.Id).ToArray();
        var store = Path.Combine(directory, "trials");
        WaitFor(() => shardOne.Any(id => File.Exists(Path.Combine(store, id + ".json"))), TimeSpan.FromSeconds(60), $"task 1 to record a trial\n{Logs(directory)}");
        Thread.Sleep(300);
        var cancel = cluster.Run("scancel", [$"{job}_1"]);
        Assert.True(cancel.Code == 0, cancel.Error);
        cluster.WaitUntilFinished(job, TimeSpan.FromSeconds(90));

        var states = cluster.TaskStates(job);
        Assert.Equal("CANCELLED", states[1]);
        Assert.All(states.Where(s => s.Key != 1), s => Assert.Equal("COMPLETED", s.Value));
        var recordedOfShardOne = shardOne.Count(id => File.Exists(Path.Combine(store, id + ".json")));
        Assert.InRange(recordedOfShardOne, 1, shardOne.Length - 1);
        Assert.Equal(plan.Trials.Count - shardOne.Length + recordedOfShardOne, SweepStore.Open(directory).ReadAll().Count);
        // The trial that was running when the signal came stopped and left nothing: no record, no temporary file.
        Assert.Contains("SIGTERM: no new trials start", Log(directory, job, 1), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(store, ".*"));

        // Resubmit the cancelled task alone; with --shard-count in the script it reruns shard 1 and only what is missing.
        var again = cluster.Submit(script, environment, "--array=1");
        cluster.WaitUntilFinished(again, TimeSpan.FromSeconds(60));
        Assert.Equal("COMPLETED", cluster.TaskStates(again)[1]);
        Assert.Contains($"shard 1/{Tasks}: {shardOne.Length} trial(s), {recordedOfShardOne} already recorded, {shardOne.Length - recordedOfShardOne} to run", Log(directory, again, 1), StringComparison.Ordinal);

        var status = SweepStatus.Of(SweepStore.Open(directory), Tasks);
        Assert.Equal(0, status.Overall.Remaining);
        // Every trial completed exactly once over both submissions: none lost, none run twice to the end.
        var counts = Directory.GetFiles(completions).Select(f => Path.GetFileName(f).Split('.')[0]).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var expected = plan.Trials.Where(t => t.Config.Protocol.BatchSize != FakeTrialRunner.FailingBatchSize).Select(t => t.Id).Order().ToArray();
        Assert.Equal(expected, counts.Keys.Order().ToArray());
        Assert.All(counts, c => Assert.True(c.Value == 1, $"trial {c.Key} completed {c.Value} times"));

        var local = Path.Combine(scratch, "local");
        SweepExecutor.Run(plan, SweepStore.Create(local, plan), FakeTrialRunner.Run, new SweepRunOptions { Parallelism = 2 });
        AssertSameResults(SweepStore.Open(local), SweepStore.Open(directory));
        log.WriteLine($"cancel and resubmit: {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>24 trials: 3 learning rates × 4 batch sizes (one of which fails on purpose) × 2 seeds.</summary>
    private (string Spec, SweepPlan Plan) WriteSpec()
    {
        var json = SweepSpecs.Small();
        json["name"] = "slurm-test";
        json["grid"]!["protocol.batchSize"] = new JsonArray(8, FakeTrialRunner.FailingBatchSize, 16, 32);
        var path = Path.Combine(scratch, "spec.json");
        File.WriteAllText(path, json.ToJsonString());
        var plan = SweepPlan.Expand(SweepSpec.Load(path));
        Assert.Equal(24, plan.Trials.Count);
        return (path, plan);
    }

    /// <summary>The sbatch script as <c>sweep slurm</c> writes it, running the test worker through the dotnet host.</summary>
    private string WriteScript(string spec, string directory)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "DynPmnn.Sweeps.TestWorker.dll");
        var dotnet = SlurmCluster.Which("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH.");
        var logs = Directory.CreateDirectory(Path.Combine(directory, "logs")).FullName;
        var script = Path.Combine(scratch, "sweep.sbatch");
        File.WriteAllText(script, new SlurmScript
        {
            JobName = "slurm-test",
            Tasks = Tasks,
            CpusPerTask = 1,
            Time = "5",
            LogDirectory = logs,
            Command = [dotnet, worker, "sweep", "run", spec, "--out", directory, "--shard-count", Tasks.ToString(CultureInfo.InvariantCulture)],
        }.Render());
        return script;
    }

    private static void AssertSameResults(SweepStore expected, SweepStore actual)
    {
        var want = expected.ReadAll();
        var got = actual.ReadAll();
        Assert.Equal(want.Keys.Order(), got.Keys.Order());
        foreach (var (id, record) in want)
        {
            var other = got[id];
            Assert.Equal(record.Index, other.Index);
            Assert.Equal(record.Seed, other.Seed);
            Assert.Equal(record.Status, other.Status);
            Assert.Equal(record.Error, other.Error);
            Assert.Equal(record.Metrics, other.Metrics);
            Assert.Equal(record.Config.ToJsonString(), other.Config.ToJsonString());
            Assert.Equal(record.Provenance.DatasetSha256, other.Provenance.DatasetSha256);
            Assert.Equal(record.Provenance.ProgramVersion, other.Provenance.ProgramVersion);
        }
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for {what}");
            }

            Thread.Sleep(100);
        }
    }

    private static string Log(string directory, string job, int task)
    {
        var path = Path.Combine(directory, "logs", $"slurm-test_{job}_{task}.out");
        return File.Exists(path) ? File.ReadAllText(path) : $"(no log {path})";
    }

    private static string Logs(string directory)
    {
        var folder = Path.Combine(directory, "logs");
        return Directory.Exists(folder)
            ? string.Join("\n", Directory.GetFiles(folder).Order().Select(f => $"== {Path.GetFileName(f)}\n{File.ReadAllText(f)}"))
            : "(no logs)";
    }
}
