using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DynPmnn.Experiments.Sweeps;
using DynPmnn.Sweeps.TestWorker;

namespace DynPmnn.Tests.Sweeps;

/// <summary>Running trials: in parallel, failures recorded, resumed without rerunning, cancelled without partial results.</summary>
public sealed class SweepExecutorTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dynpmnn-exec-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void EveryTrialIsRecordedOnceAndAThrowingTrialIsAFailure()
    {
        var json = SweepSpecs.Small();
        json["grid"]!["protocol.batchSize"] = new JsonArray(16, FakeTrialRunner.FailingBatchSize);
        var plan = SweepSpecs.Expand(json);
        var store = SweepStore.Create(directory, plan);
        var calls = new ConcurrentDictionary<string, int>();
        var summary = SweepExecutor.Run(plan, store, Counting(calls), new SweepRunOptions { Parallelism = 3 });

        Assert.Equal(12, summary.InShard);
        Assert.Equal(6, summary.Done);
        Assert.Equal(6, summary.Failed);
        Assert.False(summary.Cancelled);
        Assert.All(calls.Values, count => Assert.Equal(1, count));
        var records = store.ReadAll();
        Assert.Equal(12, records.Count);
        var failed = records.Values.Where(r => r.Status == TrialStatus.Failed).ToList();
        Assert.Equal(6, failed.Count);
        Assert.All(failed, r => Assert.Equal("InvalidOperationException: batch size 13 fails on purpose", r.Error));
        var done = records[plan.Trials[0].Id];
        Assert.Equal(FakeTrialRunner.Outcome(plan.Trials[0]).Metrics, done.Metrics);
        Assert.Equal(0, done.Index);
        Assert.Equal(["min_delta 0.0 as actually run"], done.Deviations);
        Assert.Equal(SweepSpecs.Version, done.Provenance.ProgramVersion);
        Assert.Equal("iris", done.Provenance.Dataset);
        Assert.Equal(64, done.Provenance.DatasetSha256!.Length);
        Assert.Equal(Environment.MachineName, done.Provenance.Machine);
        Assert.Empty(Directory.GetFiles(store.TrialsDirectory, ".*"));

        // Run again: nothing to do. With --retry-failed: only the failures run again.
        calls.Clear();
        var again = SweepExecutor.Run(plan, store, Counting(calls), new SweepRunOptions { Parallelism = 2 });
        Assert.Equal(12, again.AlreadyRecorded);
        Assert.Empty(calls);
        var retry = SweepExecutor.Run(plan, store, Counting(calls), new SweepRunOptions { Parallelism = 2, RetryFailed = true });
        Assert.Equal(6, retry.AlreadyRecorded);
        Assert.Equal(6, retry.Failed);
        Assert.Equal(failed.Select(r => r.Id).Order(), calls.Keys.Order());
    }

    [Fact]
    public void AShardRunsEveryNthTrialAndTheShardsTogetherRunAll()
    {
        var plan = SweepSpecs.Expand(SweepSpecs.Small());
        var store = SweepStore.Create(directory, plan);
        var ran = new ConcurrentDictionary<string, int>();
        for (var s = 0; s < 5; s++)
        {
            var before = ran.Keys.ToHashSet();
            SweepExecutor.Run(plan, store, Counting(ran), new SweepRunOptions { Shard = new Shard(s, 5), Parallelism = 2 });
            var now = ran.Keys.Except(before).Select(id => plan.Trials.Single(t => t.Id == id).Index).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, 12).Where(k => k % 5 == s), now);
        }

        Assert.Equal(12, store.ReadAll().Count);
        Assert.All(ran.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public void CancellingStopsNewTrialsAndRecordsNoUnfinishedOne()
    {
        var plan = SweepSpecs.Expand(SweepSpecs.Small());
        var store = SweepStore.Create(directory, plan);
        using var cancellation = new CancellationTokenSource();
        var started = 0;
        TrialOutcome Runner(Trial trial, CancellationToken token)
        {
            if (Interlocked.Increment(ref started) == 3)
            {
                cancellation.Cancel();
            }

            // Trials after the first two wait for cancellation, as a long training would, and stop when it comes.
            if (trial.Index >= 2)
            {
                token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
                token.ThrowIfCancellationRequested();
            }

            return FakeTrialRunner.Outcome(trial);
        }

        var summary = SweepExecutor.Run(plan, store, Runner, new SweepRunOptions { Parallelism = 2 }, cancellation.Token);
        Assert.True(summary.Cancelled);
        var records = store.ReadAll();
        Assert.Equal(summary.Done, records.Count);
        Assert.InRange(records.Count, 1, 2);
        Assert.All(records.Values, r => Assert.True(r.Index < 2));
        Assert.Equal(12 - records.Count, summary.NotRun);
        Assert.Empty(Directory.GetFiles(store.TrialsDirectory, ".*"));

        // The next run does the rest.
        var rest = SweepExecutor.Run(plan, store, FakeTrialRunner.Run, new SweepRunOptions { Parallelism = 2 });
        Assert.Equal(12 - records.Count, rest.Done);
        Assert.Equal(12, store.ReadAll().Count);
    }

    [Fact]
    public void AnOutcomeWithAnErrorIsAFailureThatKeepsItsMetrics()
    {
        var plan = SweepSpecs.Expand(SweepSpecs.Small());
        var store = SweepStore.Create(directory, plan);
        SweepExecutor.Run(plan, store, (trial, _) => FakeTrialRunner.Outcome(trial) with { Error = "diverged at epoch 3" }, new SweepRunOptions { Parallelism = 1, Shard = new Shard(0, 12) });
        var record = Assert.Single(store.ReadAll()).Value;
        Assert.Equal(TrialStatus.Failed, record.Status);
        Assert.Equal("diverged at epoch 3", record.Error);
        Assert.Equal(3, record.Metrics.Count);
    }

    [Fact]
    public void TrialsRunConcurrentlyUpToTheParallelism()
    {
        var plan = SweepSpecs.Expand(SweepSpecs.Small());
        var store = SweepStore.Create(directory, plan);
        var running = 0;
        var most = 0;
        SweepExecutor.Run(plan, store, (trial, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(30);
            Interlocked.Decrement(ref running);
            return FakeTrialRunner.Outcome(trial);
        }, new SweepRunOptions { Parallelism = 4 });
        Assert.InRange(most, 2, 4);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static TrialRunner Counting(ConcurrentDictionary<string, int> calls) => (trial, token) =>
    {
        calls.AddOrUpdate(trial.Id, 1, (_, n) => n + 1);
        return FakeTrialRunner.Run(trial, token);
    };
}
