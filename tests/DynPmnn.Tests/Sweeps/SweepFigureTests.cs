using System.Text.Json.Nodes;
using DynPmnn.Experiments.Sweeps;
using DynPmnn.Sweeps.TestWorker;
using DynPmnn.Tests.Reporting;

namespace DynPmnn.Tests.Sweeps;

/// <summary><c>sweep report --figure</c>: the aggregation per cell, the heat map and curve files, and the mistakes.</summary>
public sealed class SweepFigureTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("dynpmnn-sweepfigure-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void ACellIsTheBestConfigurationsMeanOverSeeds()
    {
        // Learning rate × batch size, with units free: two configurations per cell, two seeds each.
        ReportRow[] rows =
        [
            Row(0.01, 16, 2, "done", 1.0), Row(0.01, 16, 2, "done", 3.0), // mean 2
            Row(0.01, 16, 4, "done", 1.5), Row(0.01, 16, 4, "done", 2.1), // mean 1.8: the best
            Row(0.01, 32, 2, "done", 5.0), Row(0.01, 32, 2, "failed", 0.1), // the failed seed does not count: 5
            Row(0.01, 32, 4, "done", double.NaN), Row(0.01, 32, 4, "pending", 0), // no value
            Row(0.001, 16, 2, "failed", 0.5), Row(0.001, 16, 2, "failed", 0.5),
            Row(0.001, 16, 4, "failed", 0.5), Row(0.001, 16, 4, "pending", 0), // every trial failed or pending: empty
            Row(0.001, 32, 2, "done", 4.0), Row(0.001, 32, 2, "done", 6.0), // 5
            Row(0.001, 32, 4, "done", 7.0), Row(0.001, 32, 4, "done", 9.0), // 8
        ];

        var lowest = SweepFigure.Aggregate(rows, "lr", "bs", "loss", SelectionDirection.Min);
        // Numbers ascending: learning rate 0.001 first.
        Assert.Equal(
            new (double, int, double?, double?, int, int)[] { (0.001, 16, null, null, 0, 3), (0.001, 32, 5.0, 6.5, 2, 0), (0.01, 16, 1.8, 1.9, 2, 0), (0.01, 32, 5.0, 5.0, 1, 2) },
            lowest.Select(c => (c.X!.GetValue<double>(), c.Y!.GetValue<int>(), Round(c.Best), Round(c.Median), c.Configurations, c.Failed)));

        var highest = SweepFigure.Aggregate(rows, "lr", "bs", "loss", SelectionDirection.Max);
        Assert.Equal(new double?[] { null, 8.0, 2.0, 5.0 }, highest.Select(c => Round(c.Best)));

        var byRate = SweepFigure.Aggregate(rows, "lr", null, "loss", SelectionDirection.Min);
        Assert.Equal(new (double, double, int)[] { (5.0, 6.5, 2), (1.8, 2.0, 3) }, byRate.Select(c => (Round(c.Best)!.Value, Round(c.Median)!.Value, c.Configurations)));
        Assert.All(byRate, c => Assert.Null(c.Y));
    }

    [Fact]
    public void CategoricalValuesKeepTheirExpansionOrder()
    {
        // The two tanh rows are two seeds of one configuration.
        ReportRow[] rows = [Row("tanh", 1.0), Row("relu", 2.5), Row("tanh", 3.0), Row("elu", 0.5)];
        var cells = SweepFigure.Aggregate(rows, "act", null, "loss", SelectionDirection.Min);
        Assert.Equal(["tanh", "relu", "elu"], cells.Select(c => c.X!.GetValue<string>()));
        Assert.Equal([2.0, 2.5, 0.5], cells.Select(c => c.Best!.Value));
    }

    [Fact]
    public void TheHeatMapAndTheCurveAreWrittenWithTheirNamesAndTheFailures()
    {
        var directory = RunSmallSweepWithOneFailedConfiguration();

        var svg = Path.Combine(scratch, "figures", "heat.svg");
        var heat = Run("report", directory, "--figure", svg, "--x", "protocol.learningRate", "--y", "protocol.batchSize");
        Assert.True(heat.Code == 0, heat.Error);
        Assert.Contains($"wrote {svg}", heat.Output, StringComparison.Ordinal);
        var texts = FigureFiles.SvgTexts(File.ReadAllText(svg));
        Assert.Contains("small: best validLoss (mean over seeds) by protocol.learningRate × protocol.batchSize (2 of 12 trials failed)", texts);
        Assert.Contains("protocol.learningRate", texts);
        Assert.Contains("protocol.batchSize", texts);
        Assert.Contains("1e-4", texts);
        Assert.Contains("no result: 1 failed trial", texts);

        var png = Path.Combine(scratch, "heat.png");
        Assert.Equal(0, Run("report", directory, "--figure", png, "--x", "protocol.batchSize", "--y", "protocol.learningRate").Code);
        Assert.Equal((800, 600), FigureFiles.PngSize(File.ReadAllBytes(png)));

        var curveSvg = Path.Combine(scratch, "curve.svg");
        var curve = Run("report", directory, "--figure", curveSvg, "--x", "protocol.learningRate", "--metric", "validAccuracy", "--direction", "max");
        Assert.True(curve.Code == 0, curve.Error);
        var curveTexts = FigureFiles.SvgTexts(File.ReadAllText(curveSvg));
        // 1e-4 to 1e-2 spans two decades: a log axis.
        Assert.Contains("protocol.learningRate (log scale)", curveTexts);
        Assert.Contains("validAccuracy (higher is better)", curveTexts);
        Assert.Contains("best configuration", curveTexts);
        Assert.Contains("1e-4", curveTexts);
        Assert.Contains("0.01", curveTexts);

        var curvePng = Path.Combine(scratch, "curve.png");
        Assert.Equal(0, Run("report", directory, "--figure", curvePng, "--x", "protocol.batchSize", "--metric", "testRmse", "--direction", "min").Code);
        Assert.Equal((800, 500), FigureFiles.PngSize(File.ReadAllBytes(curvePng)));
    }

    [Theory]
    [InlineData(2, "--x: 'protocol.epochs' is not a searched parameter of sweep small; the searched ones are: protocol.learningRate, protocol.batchSize", "--figure", "f.png", "--x", "protocol.epochs")]
    [InlineData(2, "--y: 'units' is not a searched parameter", "--figure", "f.png", "--x", "protocol.batchSize", "--y", "units")]
    [InlineData(2, "no trial has the metric 'accuracy'; the trials have: testR2, testRmse, validAccuracy, validLoss", "--figure", "f.png", "--x", "protocol.batchSize", "--metric", "accuracy")]
    [InlineData(2, "does not say whether a larger or smaller 'testRmse' is better; give --direction min or max", "--figure", "f.png", "--x", "protocol.batchSize", "--metric", "testRmse")]
    [InlineData(2, "f.pdf: the file must end in .png or .svg", "--figure", "f.pdf", "--x", "protocol.batchSize")]
    [InlineData(2, "--figure needs --x PARAMETER", "--figure", "f.png")]
    [InlineData(2, "give --figure FILE.png or FILE.svg too", "--x", "protocol.batchSize")]
    [InlineData(2, "--x and --y are both 'protocol.batchSize'", "--figure", "f.png", "--x", "protocol.batchSize", "--y", "protocol.batchSize")]
    public void MistakesAreOneLineUsageErrors(int code, string expected, params string[] options)
    {
        var directory = RunSmallSweepWithOneFailedConfiguration();
        var result = Run(["report", directory, .. options.Select(o => o.StartsWith("f.", StringComparison.Ordinal) ? Path.Combine(scratch, o) : o)]);
        Assert.Equal(code, result.Code);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(Directory.GetFiles(scratch, "f.*"));
    }

    [Fact]
    public void ASweepWithoutResultsOrWithoutADirectoryIsAnError()
    {
        var plan = SweepSpecs.Expand(SweepSpecs.Small());
        var directory = Path.Combine(scratch, "empty");
        SweepStore.Create(directory, plan);
        var figure = Path.Combine(scratch, "f.png");

        var pending = Run("report", directory, "--figure", figure, "--x", "protocol.batchSize");
        Assert.Equal(1, pending.Code);
        Assert.Contains("sweep small has no recorded trial yet; there is nothing to draw", pending.Error, StringComparison.Ordinal);

        var none = Run("report", Path.Combine(scratch, "nothing"), "--figure", figure, "--x", "protocol.batchSize");
        Assert.Equal(1, none.Code);
        Assert.Contains("is not a sweep directory", none.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(figure));
    }

    // The small spec (learning rate 1e-2, 1e-3, 1e-4 × batch size 16, 32, two seeds) with both seeds of learning
    // rate 1e-2, batch size 16 failed, and the rest run by the fake runner.
    private string RunSmallSweepWithOneFailedConfiguration()
    {
        var plan = SweepSpecs.Expand(SweepSpecs.Small());
        var directory = Path.Combine(scratch, "sweep");
        var store = SweepStore.Create(directory, plan);
        store.Write(SweepStoreTests.Record(plan, plan.Trials[0], TrialStatus.Failed));
        store.Write(SweepStoreTests.Record(plan, plan.Trials[1], TrialStatus.Failed));
        SweepExecutor.Run(plan, store, FakeTrialRunner.Run, new SweepRunOptions { Shard = new Shard(0, 1), Parallelism = 1 });
        return directory;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = SweepCommand.Run(args, FakeTrialRunner.Run, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 9) : null;

    private static ReportRow Row(double rate, int batch, int units, string status, double loss) => new()
    {
        Index = 0,
        Id = new string('0', 32),
        Seed = 0,
        Status = status,
        Parameters = new JsonObject { ["lr"] = rate, ["bs"] = batch, ["units"] = units },
        Metrics = status == "pending" ? new Dictionary<string, double>() : new Dictionary<string, double> { ["loss"] = loss },
    };

    private static ReportRow Row(string activation, double loss) => new()
    {
        Index = 0,
        Id = new string('0', 32),
        Seed = 0,
        Status = "done",
        Parameters = new JsonObject { ["act"] = activation },
        Metrics = new Dictionary<string, double> { ["loss"] = loss },
    };
}
