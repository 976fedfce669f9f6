using System.Text.Json;
using DynPmnn.Experiments.Sweeps;
using DynPmnn.Sweeps.TestWorker;

namespace DynPmnn.Tests.Sweeps;

/// <summary>Status counts, report rows, and the best trial by each selection rule.</summary>
public sealed class SweepReportTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dynpmnn-report-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void StatusCountsOverallAndPerShard()
    {
        var plan = SweepSpecs.Expand(SweepSpecs.Small());
        var store = SweepStore.Create(directory, plan);
        SweepExecutor.Run(plan, store, FakeTrialRunner.Run, new SweepRunOptions { Shard = new Shard(1, 3), Parallelism = 1 });
        store.Write(SweepStoreTests.Record(plan, plan.Trials[0], TrialStatus.Failed));

        var status = SweepStatus.Of(store, 3);
        Assert.Equal((12, 4, 1, 7), (status.Overall.Trials, status.Overall.Done, status.Overall.Failed, status.Overall.Remaining));
        Assert.Equal((4, 0, 1, 3), (status.Shards[0].Trials, status.Shards[0].Done, status.Shards[0].Failed, status.Shards[0].Remaining));
        Assert.Equal((4, 4, 0, 0), (status.Shards[1].Trials, status.Shards[1].Done, status.Shards[1].Failed, status.Shards[1].Remaining));
        var text = status.ToText();
        Assert.Contains("sweep small: 41.7% recorded", text, StringComparison.Ordinal);
        Assert.Contains("1/3", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReportHasEveryTrialAndTheBestByTheSpecsMetric()
    {
        var plan = SweepSpecs.Expand(SweepSpecs.Small());
        var store = SweepStore.Create(directory, plan);
        SweepExecutor.Run(plan, store, FakeTrialRunner.Run, new SweepRunOptions { Shard = new Shard(0, 2), Parallelism = 2 });
        var report = SweepReport.Of(store);

        Assert.Equal(12, report.Rows.Count);
        Assert.Equal(["protocol.learningRate", "protocol.batchSize"], report.Parameters);
        Assert.Equal(["testRmse", "validAccuracy", "validLoss"], report.Metrics);
        Assert.Equal("pending", report.Rows[1].Status);
        Assert.Equal("done", report.Rows[2].Status);

        // The fake loss is lowest at learning rate 1e-3: trials 4 to 7; only even ones ran.
        var best = report.Rows.Where(r => r.Status == "done").MinBy(r => r.Metrics["validLoss"])!;
        Assert.Equal(best.Index, report.Best);
        Assert.InRange(best.Index, 4, 7);

        var csv = report.ToCsv().Split("\r\n");
        Assert.Equal("index,id,seed,status,protocol.learningRate,protocol.batchSize,testRmse,validAccuracy,validLoss,seconds,machine,error", csv[0]);
        Assert.StartsWith($"0,{plan.Trials[0].Id},0,done,0.01,16,", csv[1], StringComparison.Ordinal);
        Assert.StartsWith($"1,{plan.Trials[1].Id},1,pending,0.01,16,,,,,,", csv[2], StringComparison.Ordinal);

        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(best.Index, json.RootElement.GetProperty("best").GetInt32());
        Assert.Equal("min_delta 0.0 as actually run", json.RootElement.GetProperty("deviations")[0].GetString());
        Assert.Equal(12, json.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Contains("best by spec (min validLoss): trial", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void TiesGoToTheFirstTrialInExpansionOrder()
    {
        var rows = new[] { Row(0, 0.9, 0.5), Row(1, 0.95, 0.4), Row(2, 0.95, 0.3), Row(3, 0.95, 0.3), Row(4, double.NaN, 0.1) };
        Assert.Equal(2, SelectionRule.Classification.Best(rows, r => TrialStatus.Done, r => r.Metrics)!.Index);
        Assert.Equal(4, SelectionRule.Regression.Best(rows, r => TrialStatus.Done, r => r.Metrics)!.Index);
        var accuracyOnly = new SelectionRule { Name = "spec", Keys = [new() { Metric = "validAccuracy", Direction = SelectionDirection.Max }] };
        Assert.Equal(1, accuracyOnly.Best(rows, r => TrialStatus.Done, r => r.Metrics)!.Index);
        Assert.Null(accuracyOnly.Best(rows, r => TrialStatus.Failed, r => r.Metrics));
        Assert.Contains("Unknown selection rule 'fastest'", Assert.Throws<FormatException>(() => SelectionRule.Named("fastest", SweepSpecs.Read(SweepSpecs.Small()))).Message, StringComparison.Ordinal);
    }

    private static ReportRow Row(int index, double accuracy, double loss) => new()
    {
        Index = index,
        Id = new string('0', 32),
        Seed = 0,
        Status = "done",
        Parameters = [],
        Metrics = new Dictionary<string, double> { ["validAccuracy"] = accuracy, ["validLoss"] = loss },
    };
}
