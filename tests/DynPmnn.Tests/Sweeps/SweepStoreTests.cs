using System.Text.Json.Nodes;
using DynPmnn.Experiments.Sweeps;
using DynPmnn.Sweeps.TestWorker;

namespace DynPmnn.Tests.Sweeps;

/// <summary>The sweep directory: one spec per directory, whole trial files, temporary files ignored.</summary>
public sealed class SweepStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dynpmnn-store-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void TheSameSpecOpensTheSameDirectoryAgain()
    {
        var plan = SweepSpecs.Expand(SweepSpecs.Small());
        var first = SweepStore.Create(directory, plan);
        var second = SweepStore.Create(directory, SweepSpecs.Expand(SweepSpecs.Small()));
        Assert.Equal(first.Manifest.Trials.Select(t => t.Id), second.Manifest.Trials.Select(t => t.Id));
        Assert.Equal(plan.Trials.Select(t => t.Id), SweepStore.Open(directory).Manifest.Trials.Select(t => t.Id));
        Assert.True(File.Exists(Path.Combine(directory, "sweep.json")));
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Fact]
    public void ADifferentSpecIsRefusedNamingTheDifference()
    {
        SweepStore.Create(directory, SweepSpecs.Expand(SweepSpecs.Small()));
        var changed = SweepSpecs.Small();
        changed["grid"]!["protocol.learningRate"] = new JsonArray(0.01, 0.002, 0.0001);
        var error = Assert.Throws<SweepDirectoryException>(() => SweepStore.Create(directory, SweepSpecs.Expand(changed))).Message;
        Assert.Contains("holds the sweep 'small' of a different spec", error, StringComparison.Ordinal);
        Assert.Contains("$.grid.protocol.learningRate[1]", error, StringComparison.Ordinal);
        Assert.Contains("0.001 in its sweep.json and 0.002 in this spec", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ADifferentProgramVersionIsRefused()
    {
        SweepStore.Create(directory, SweepSpecs.Expand(SweepSpecs.Small(), "1.0.0"));
        var error = Assert.Throws<SweepDirectoryException>(() => SweepStore.Create(directory, SweepSpecs.Expand(SweepSpecs.Small(), "1.0.1"))).Message;
        Assert.Contains("was started by program version 1.0.0; this is 1.0.1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsRoundTripAndTemporaryFilesAreIgnored()
    {
        var plan = SweepSpecs.Expand(SweepSpecs.Small());
        var store = SweepStore.Create(directory, plan);
        var record = Record(plan, plan.Trials[2], TrialStatus.Done);
        store.Write(record);

        // What a process killed while writing leaves behind: a partial temporary file.
        var partial = Path.Combine(store.TrialsDirectory, $".{plan.Trials[3].Id}.json.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(partial, "{\"id\": \"trunc");
        File.WriteAllText(Path.Combine(store.TrialsDirectory, "notes.json"), "not a trial");

        var all = store.ReadAll();
        var read = Assert.Single(all).Value;
        Assert.Equal(record.Id, read.Id);
        Assert.Equal(record.Metrics, read.Metrics);
        Assert.Equal(double.NaN, read.Metrics["testR2"]);
        Assert.Equal(record.Config.ToJsonString(), read.Config.ToJsonString());
        Assert.Equal(record.Provenance.InstructionSets, read.Provenance.InstructionSets);
        Assert.False(store.Contains(plan.Trials[3].Id));
        Assert.Null(store.TryRead(plan.Trials[3].Id));

        // Young temporary files may belong to a writer still at work; old ones are removed.
        Assert.Equal(0, store.RemoveStaleTemporaryFiles());
        File.SetLastWriteTimeUtc(partial, DateTime.UtcNow.AddHours(-2));
        Assert.Equal(1, store.RemoveStaleTemporaryFiles());
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public void ADamagedRecordIsNamed()
    {
        var plan = SweepSpecs.Expand(SweepSpecs.Small());
        var store = SweepStore.Create(directory, plan);
        File.WriteAllText(store.PathOf(plan.Trials[0].Id), "{\"id\": ");
        var error = Assert.Throws<SweepDirectoryException>(() => store.ReadAll()).Message;
        Assert.Contains(store.PathOf(plan.Trials[0].Id), error, StringComparison.Ordinal);
        Assert.Contains("Delete it to run the trial again", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyProcessesCreatingOneDirectoryAgree()
    {
        // Threads stand in for processes: each creates the store at once; one manifest, no temporary file left.
        var plan = SweepSpecs.Expand(SweepSpecs.Small());
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, _ => SweepStore.Create(directory, plan));
        Assert.Single(Directory.GetFiles(directory));
        Assert.Equal(plan.Trials.Count, SweepStore.Open(directory).Manifest.Trials.Count);
    }

    [Fact]
    public void OpeningADirectoryWithoutASweepSaysSo()
    {
        var error = Assert.Throws<SweepDirectoryException>(() => SweepStore.Open(directory)).Message;
        Assert.Contains("is not a sweep directory: it has no sweep.json", error, StringComparison.Ordinal);
    }

    internal static TrialRecord Record(SweepPlan plan, Trial trial, TrialStatus status)
    {
        var outcome = FakeTrialRunner.Outcome(trial);
        return new TrialRecord
        {
            Id = trial.Id,
            Index = trial.Index,
            Sweep = plan.Spec.Name,
            Config = trial.ConfigJson(),
            Seed = trial.Seed,
            Status = status,
            Metrics = new Dictionary<string, double>(outcome.Metrics) { ["testR2"] = double.NaN },
            Error = status == TrialStatus.Failed ? "it failed" : null,
            Timings = new TrialTimings { Started = DateTimeOffset.UtcNow, Finished = DateTimeOffset.UtcNow, Seconds = 0.5 },
            Provenance = Provenance.Capture(trial, outcome.DatasetSha256),
        };
    }
}
