using System.Diagnostics;
using System.Globalization;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// Runs the trials of one shard that have no record yet, several at once, and records each as it finishes. A trial
/// that throws is recorded as failed and the others go on. Cancelling stops new trials from starting; running ones see
/// the token and may stop early, and a trial that ends by cancellation is not recorded, so it runs again next time.
/// </summary>
public static class SweepExecutor
{
    /// <summary>Runs <paramref name="options"/>' shard of <paramref name="plan"/> into <paramref name="store"/> with <paramref name="runner"/>.</summary>
    /// <exception cref="IOException">A record could not be written (the first such error, after the running trials end).</exception>
    public static SweepRunSummary Run(SweepPlan plan, SweepStore store, TrialRunner runner, SweepRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Parallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Parallelism, "At least one trial must run at a time.");
        }

        store.RemoveStaleTemporaryFiles();
        var inShard = plan.Trials.Where(t => options.Shard.Contains(t.Index)).ToList();
        var pending = inShard.Where(t => NeedsRun(store, t, options.RetryFailed)).ToList();
        var alreadyRecorded = inShard.Count - pending.Count;
        options.Log?.Invoke($"shard {options.Shard}: {inShard.Count} trial(s), {alreadyRecorded} already recorded, {pending.Count} to run, {Math.Min(options.Parallelism, Math.Max(1, pending.Count))} at a time");

        // A failed write stops the whole run: without a working store nothing it does can be kept.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var next = -1;
        var done = 0;
        var failed = 0;
        var skipped = 0;
        Exception? storeError = null;

        void Work()
        {
            while (!stop.IsCancellationRequested)
            {
                var k = Interlocked.Increment(ref next);
                if (k >= pending.Count)
                {
                    return;
                }

                var trial = pending[k];
                // Another process (an overlapping shard, a resubmitted task) may have finished it since the start.
                if (!NeedsRun(store, trial, options.RetryFailed))
                {
                    Interlocked.Increment(ref skipped);
                    continue;
                }

                var record = RunOne(plan, trial, runner, stop.Token, options.Log);
                if (record is null)
                {
                    // Stopped by cancellation: left to run again.
                    return;
                }

                try
                {
                    store.Write(record);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    Interlocked.CompareExchange(ref storeError, error, null);
                    stop.Cancel();
                    return;
                }

                if (record.Status == TrialStatus.Done)
                {
                    Interlocked.Increment(ref done);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        var workers = Enumerable.Range(0, Math.Min(options.Parallelism, Math.Max(1, pending.Count)))
            .Select(i => new Thread(Work) { IsBackground = true, Name = $"sweep trial {i}" })
            .ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        if (storeError is not null)
        {
            throw new IOException($"A trial's record could not be written to {store.TrialsDirectory}: {storeError.Message}", storeError);
        }

        var notRun = pending.Count - done - failed - skipped;
        var summary = new SweepRunSummary
        {
            Shard = options.Shard,
            InShard = inShard.Count,
            AlreadyRecorded = alreadyRecorded + skipped,
            Done = done,
            Failed = failed,
            NotRun = notRun,
        };
        options.Log?.Invoke($"shard {options.Shard}: {done} done, {failed} failed{(notRun > 0 ? $", {notRun} not run (cancelled)" : string.Empty)}");
        return summary;
    }

    private static bool NeedsRun(SweepStore store, Trial trial, bool retryFailed) =>
        retryFailed ? store.TryRead(trial.Id) is not { Status: TrialStatus.Done } : !store.Contains(trial.Id);

    /// <summary>Runs one trial; null if it stopped because of cancellation.</summary>
    private static TrialRecord? RunOne(SweepPlan plan, Trial trial, TrialRunner runner, CancellationToken cancellationToken, Action<string>? log)
    {
        log?.Invoke($"{trial}: started");
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        TrialOutcome outcome;
        string? error = null;
        try
        {
            outcome = runner(trial, cancellationToken) ?? throw new InvalidOperationException("The trial runner returned no outcome.");
            error = outcome.Error;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log?.Invoke($"{trial}: stopped by cancellation after {clock.Elapsed.TotalSeconds:F1} s; not recorded");
            return null;
        }
        catch (Exception thrown)
        {
            outcome = new TrialOutcome();
            error = $"{thrown.GetType().Name}: {thrown.Message}";
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var record = new TrialRecord
        {
            Id = trial.Id,
            Index = trial.Index,
            Sweep = plan.Spec.Name,
            Config = trial.ConfigJson(),
            Seed = trial.Seed,
            Status = error is null ? TrialStatus.Done : TrialStatus.Failed,
            Metrics = new SortedDictionary<string, double>(outcome.Metrics.ToDictionary(), StringComparer.Ordinal),
            Error = error,
            Notes = outcome.Notes,
            Deviations = plan.Spec.Deviations,
            Timings = new TrialTimings { Started = started, Finished = DateTimeOffset.UtcNow, Seconds = seconds },
            Provenance = Provenance.Capture(trial, outcome.DatasetSha256),
        };
        var metrics = string.Join(", ", record.Metrics.Select(m => $"{m.Key} {m.Value.ToString("G6", CultureInfo.InvariantCulture)}"));
        log?.Invoke(error is null
            ? $"{trial}: done in {seconds:F1} s{(metrics.Length > 0 ? ": " + metrics : string.Empty)}"
            : $"{trial}: failed after {seconds:F1} s: {error}");
        return record;
    }
}
