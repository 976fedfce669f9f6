using DynPmnn.Experiments.Reporting;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace DynPmnn.Tests.Reporting;

public sealed class FiguresTests : IDisposable
{
    private static readonly SKColor MissingCell = SKColor.Parse("#D9D9D9");

    private readonly string directory = Path.Combine(Path.GetTempPath(), "dynpmnn-tests-" + Guid.NewGuid().ToString("N"));

    public FiguresTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public static TheoryData<string> Kinds => ["curves", "comparison", "heatmap"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PngHeaderHasTheRequestedSize(string kind)
    {
        using var figure = Make(kind);
        figure.Width = 640;
        figure.Height = 430;
        Assert.Equal((640, 430), FigureFiles.PngSize(figure.ToPng()));

        var path = Path.Combine(directory, kind + ".png");
        figure.Width = 333;
        figure.Height = 222;
        figure.SavePng(path);
        Assert.Equal((333, 222), FigureFiles.PngSize(File.ReadAllBytes(path)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SvgParsesAndHasTheRequestedSize(string kind)
    {
        using var figure = Make(kind);
        figure.Width = 500;
        figure.Height = 300;
        var path = Path.Combine(directory, kind + ".svg");
        figure.SaveSvg(path);
        var root = System.Xml.Linq.XDocument.Load(path).Root!;
        Assert.Equal("500", root.Attribute("width")?.Value);
        Assert.Equal("300", root.Attribute("height")?.Value);
        Assert.NotEmpty(FigureFiles.SvgTexts(File.ReadAllText(path)));
    }

    [Fact]
    public void CurvesSvgHasTitleAxisLabelsAndOneLegendEntryPerModel()
    {
        using var figure = Figures.ValidationCurves(
            [Curve("NODE", 1.0, 0.5), Curve("NODE", 1.1, 0.6), Curve("CfC", 0.9, 0.4)],
            title: "Validation MSE per epoch",
            yLabel: "validation MSE");
        var texts = FigureFiles.SvgTexts(figure.ToSvg());
        Assert.Contains("Validation MSE per epoch", texts);
        Assert.Contains("epoch", texts);
        Assert.Contains("validation MSE", texts);
        Assert.Single(texts, t => t == "NODE");
        Assert.Single(texts, t => t == "CfC");
    }

    [Fact]
    public void ComparisonNamesTheMetricWhichWayIsBetterTheModelsAndTheirMedians()
    {
        using var figure = Figures.Comparison(
            "California Housing",
            "test RMSE",
            [new ComparisonBar("NODE", [0.56, 0.55, 0.57], reference: 0.554), new ComparisonBar("CfC", [0.61, 0.60])],
            lowerIsBetter: true,
            referenceLabel: "paper");
        var texts = FigureFiles.SvgTexts(figure.ToSvg());
        Assert.Contains("California Housing", texts);
        Assert.Contains("test RMSE (lower is better)", texts);
        Assert.Contains("NODE", texts);
        Assert.Contains("CfC", texts);
        Assert.Contains("0.56", texts);
        Assert.Contains("0.605", texts);
        Assert.Contains("paper", texts);
        Assert.Contains("median of 2–3 seeds", texts);

        using var accuracy = Figures.Comparison("Iris", "test accuracy", [new ComparisonBar("MLP", [0.9, 0.95])], lowerIsBetter: false);
        Assert.Contains("test accuracy (higher is better)", FigureFiles.SvgTexts(accuracy.ToSvg()));
    }

    [Fact]
    public void AComparisonOfZerosStillHasAnAxisToDrawOn()
    {
        using var figure = Figures.Comparison("data", "loss", [new ComparisonBar("a", [0, 0])], lowerIsBetter: true);
        figure.ToPng();
        var limits = figure.Plot.Axes.GetLimits();
        Assert.True(limits.Top > limits.Bottom, $"y axis {limits.Bottom} .. {limits.Top}");
    }

    [Fact]
    public void ComparisonBarsSpanSmallestToLargestAroundTheMedian()
    {
        var bar = new ComparisonBar("NODE", [0.75, 0.25, 0.5, 1.0]);
        Assert.Equal((0.25, 0.625, 1.0), (bar.Min, bar.Median, bar.Max));
    }

    [Fact]
    public void HeatmapLabelsAxesTicksCellsAndSaysWhichCellsAreMissing()
    {
        using var figure = Figures.Heatmap("CfC sweep", "best validation MSE", Grid(), lowerIsBetter: true);
        var texts = FigureFiles.SvgTexts(figure.ToSvg());
        Assert.Contains("CfC sweep", texts);
        Assert.Contains("learning rate", texts);
        Assert.Contains("batch size", texts);
        Assert.Contains("best validation MSE (lower is better)", texts);
        Assert.Contains("1e-3", texts);
        Assert.Contains("128", texts);
        Assert.Contains("no result: 1 failed trial", texts);
        // Three cells have values, one has none: three value labels.
        Assert.Equal(3, texts.Count(t => t is "0.412" or "0.333" or "0.378"));
    }

    [Fact]
    public void HeatmapDrawsTheFirstRowOnTopAndAMissingCellGrey()
    {
        // The missing cell is row 0, column 0: the top left, as in a table.
        using var figure = Figures.Heatmap("sweep", "loss", Grid());
        figure.Width = 600;
        figure.Height = 600;
        var png = figure.ToPng();
        var topLeft = FigureFiles.CountPixels(png, c => c == MissingCell, new SKRectI(0, 0, 300, 300));
        var elsewhere = FigureFiles.CountPixels(png, c => c == MissingCell) - topLeft;
        Assert.True(topLeft > 10_000, $"{topLeft} grey pixels in the top-left quarter");
        // The legend's swatch is grey too, but small.
        Assert.True(elsewhere < 1_000, $"{elsewhere} grey pixels outside the top-left quarter");

        using var complete = Figures.Heatmap("sweep", "loss", new SweepGrid("a", ["1"], "b", ["x", "y"], new double?[,] { { 1, 2 } }));
        Assert.DoesNotContain(FigureFiles.SvgTexts(complete.ToSvg()), t => t.StartsWith("no result", StringComparison.Ordinal));
    }

    [Fact]
    public void HeatmapOfOneValueOrNoneDrawsWithoutAColourRange()
    {
        using var constant = Figures.Heatmap("one", "loss", new SweepGrid("a", ["1"], "b", ["x"], new double?[,] { { 0.5 } }));
        Assert.Contains("0.5", FigureFiles.SvgTexts(constant.ToSvg()));
        using var empty = Figures.Heatmap("none", "loss", new SweepGrid("a", ["1", "2"], "b", ["x"], new double?[,] { { null }, { null } }));
        Assert.Contains("no result: 2 failed trials", FigureFiles.SvgTexts(empty.ToSvg()));
        Assert.Equal((800, 600), FigureFiles.PngSize(empty.ToPng()));
    }

    [Fact]
    public void NonFinitePointsAreSkippedSaidInTheLegendAndLeaveTheAxisFitted()
    {
        double[] epochs = [1, 2, 3, 4, 5, 6];
        using var figure = Figures.ValidationCurves(
            [
                new Curve("stable", epochs, [2.0, 1.5, 1.2, 1.1, 1.0, 0.9]),
                new Curve("diverged", epochs, [1.8, 1.4, double.PositiveInfinity, double.NaN, 1.0e308 * 10, 1.3]),
            ],
            logY: false);
        var texts = FigureFiles.SvgTexts(figure.ToSvg());
        Assert.Contains("stable", texts);
        Assert.Contains("diverged: NaN or infinite values not drawn in 1 of 1 run", texts);

        var limits = figure.Plot.Axes.GetLimits();
        Assert.True(double.IsFinite(limits.Bottom) && double.IsFinite(limits.Top), $"y axis {limits.Bottom} .. {limits.Top}");
        Assert.InRange(limits.Top, 2.0, 2.5);
        Assert.InRange(limits.Bottom, 0.5, 0.9);
    }

    [Fact]
    public void RunsWithNoFinitePointStillGiveAFigureThatSaysSo()
    {
        using var figure = Figures.ValidationCurves([new Curve("gone", [1, 2], [double.NaN, double.NaN])]);
        Assert.Contains("gone: NaN or infinite values not drawn in 1 of 1 run", FigureFiles.SvgTexts(figure.ToSvg()));
        Assert.Equal((900, 600), FigureFiles.PngSize(figure.ToPng()));
    }

    [Fact]
    public void LossesSpanningDecadesGetALogAxisAndNarrowOnesALinearOne()
    {
        using var wide = Figures.ValidationCurves([new Curve("a", [1, 2, 3, 4], [120, 8, 0.9, 0.05])], yLabel: "MSE");
        wide.ToPng();
        Assert.Equal("MSE (log scale)", wide.Plot.Axes.Left.Label.Text);
        var ticks = Assert.IsType<NumericManual>(wide.Plot.Axes.Left.TickGenerator).Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        Assert.Equal(["0.1", "1", "10", "100"], ticks.Intersect(["0.1", "1", "10", "100"]));

        using var narrow = Figures.ValidationCurves([new Curve("a", [1, 2, 3], [1.2, 0.8, 0.5])], yLabel: "MSE");
        Assert.Equal("MSE", narrow.Plot.Axes.Left.Label.Text);

        // Asked for a log axis, a curve with zeros keeps its positive points and says what it lost.
        using var zeros = Figures.ValidationCurves([new Curve("z", [1, 2, 3], [1.0, 0.0, 0.1])], logY: true);
        Assert.Contains("z: NaN, infinite or non-positive values not drawn in 1 of 1 run", FigureFiles.SvgTexts(zeros.ToSvg()));
    }

    [Fact]
    public void SavingIsAtomicLeavesOnlyTheFileAndReplacesAnOldOne()
    {
        using var figure = Make("curves");
        var nested = Path.Combine(directory, "a", "b");
        var png = Path.Combine(nested, "curves.png");
        var svg = Path.Combine(nested, "curves.svg");
        File.WriteAllText(Path.Combine(directory, "placeholder"), string.Empty);
        Directory.CreateDirectory(nested);
        File.WriteAllText(png, "old contents");

        figure.SavePng(png);
        figure.SaveSvg(svg);

        Assert.Equal(["curves.png", "curves.svg"], Directory.GetFiles(nested).Select(Path.GetFileName).Order());
        Assert.Equal((900, 600), FigureFiles.PngSize(File.ReadAllBytes(png)));
        Assert.NotEmpty(FigureFiles.SvgTexts(File.ReadAllText(svg)));
    }

    [Fact]
    public void AFailedSaveLeavesNoTemporaryFileAndTheTargetAsItWas()
    {
        using var figure = Make("comparison");
        // A folder where the file should go: the rename fails after the bytes were written.
        var blocked = Path.Combine(directory, "figure.png");
        Directory.CreateDirectory(blocked);
        Assert.ThrowsAny<IOException>(() => figure.SavePng(blocked));
        Assert.Empty(Directory.GetFiles(directory));
        Assert.True(Directory.Exists(blocked));
    }

    [Fact]
    public void SizesOutsideOneToTenThousandPixelsAreRefused()
    {
        using var figure = Make("curves");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => figure.Width = 0);
        Assert.Contains("width must be 1 to 10000 pixels", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => figure.Height = 10_001);
    }

    internal static Figure Make(string kind) => kind switch
    {
        "curves" => Figures.ValidationCurves([Curve("NODE", 1.0, 0.5), Curve("CfC", 0.9, 0.4)]),
        "comparison" => Figures.Comparison("data", "test RMSE", [new ComparisonBar("NODE", [0.5, 0.6], 0.55)], lowerIsBetter: true),
        "heatmap" => Figures.Heatmap("sweep", "loss", Grid()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // A loss falling from start to end over ten epochs.
    private static Curve Curve(string group, double start, double end)
        => new(group, [.. Enumerable.Range(1, 10).Select(e => (double)e)], [.. Enumerable.Range(0, 10).Select(i => start + ((end - start) * i / 9))]);

    private static SweepGrid Grid() => new(
        "learning rate",
        ["1e-4", "1e-3"],
        "batch size",
        ["32", "128"],
        new double?[,] { { null, 0.4123 }, { 0.3333, 0.3777 } });
}
