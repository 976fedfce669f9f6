using DynPmnn.Experiments.Reporting;

namespace DynPmnn.Tests.Reporting;

public sealed class LinePlotTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "dynpmnn-tests-" + Guid.NewGuid().ToString("N"));

    public LinePlotTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void TwoSeriesGiveAValidPngWithBothColours()
    {
        var epochs = Enumerable.Range(1, 30).ToArray();
        var png = new LinePlot("Validation MSE", "epoch", "MSE")
            .Add("NODE", epochs, epochs.Select(e => 1.0 / e).ToArray(), colorIndex: 0)
            .Add("CfC", epochs, epochs.Select(e => 0.5 + (0.01 * e)).ToArray(), colorIndex: 1)
            .ToPng(width: 640, height: 400);

        var image = PngReader.Decode(png);
        Assert.Equal((640, 400, 6), (image.Width, image.Height, image.ColorType));
        var colours = Colours(image);
        Assert.True(colours[LinePlot.PaletteColor(0)] > 200);
        Assert.True(colours[LinePlot.PaletteColor(1)] > 200);
        Assert.False(colours.ContainsKey(LinePlot.PaletteColor(2)));
    }

    [Fact]
    public void NonFiniteAndNonPositivePointsAreSkipped()
    {
        double[] xs = [1, 2, 3, 4, 5, 6];
        double[] ys = [1, double.NaN, 0.1, double.PositiveInfinity, -1, 0.01];
        var linear = Colours(PngReader.Decode(new LinePlot("t", "x", "y").Add("a", xs, ys).ToPng(300, 200)));
        var logarithmic = Colours(PngReader.Decode(new LinePlot("t", "x", "y") { LogY = true }.Add("a", xs, ys).ToPng(300, 200)));
        Assert.True(linear[LinePlot.PaletteColor(0)] > 0);
        Assert.True(logarithmic[LinePlot.PaletteColor(0)] > 0);

        // Nothing drawable at all still renders empty axes.
        var empty = new LinePlot("nothing", "x", "y") { LogY = true }.Add("a", xs, xs.Select(_ => double.NaN).ToArray());
        Assert.Equal(300, empty.Render(300, 200).Width);
    }

    [Fact]
    public void FixedRangeClipsSeriesToThePlotArea()
    {
        double[] xs = [0, 1, 2];
        double[] ys = [1e30, 0.5, -1e30];
        var canvas = new LinePlot("", "", "") { YMin = 0, YMax = 1 }.Add("", xs, ys).Render(200, 150);
        Assert.Contains(LinePlot.PaletteColor(0), Enumerable.Range(0, 200).Select(x => canvas.GetPixel(x, 75)));
    }

    [Fact]
    public void MismatchedSeriesAndTinyImagesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new LinePlot("t", "x", "y").Add("a", new[] { 1.0, 2.0 }, new[] { 1.0 }));
        var plot = new LinePlot("a long title", "x", "y").Add("a rather long legend entry", new[] { 1, 2 }, new[] { 1f, 2f });
        Assert.Throws<ArgumentException>(() => plot.Render(60, 40));
    }

    [Fact]
    public void SaveWritesOnlyThePng()
    {
        var path = Path.Combine(directory, "plot.png");
        new LinePlot("t", "x", "y").Add("a", new[] { 1, 2, 3 }, new[] { 3.0, 1.0, 2.0 }).Save(path, 300, 200);
        Assert.Equal(300, PngReader.Decode(File.ReadAllBytes(path)).Width);
        Assert.Equal(["plot.png"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    private static Dictionary<RgbaColor, int> Colours(PngImage image)
    {
        var counts = new Dictionary<RgbaColor, int>();
        for (var i = 0; i < image.Pixels.Length; i += 4)
        {
            var colour = new RgbaColor(image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2], image.Pixels[i + 3]);
            counts[colour] = counts.GetValueOrDefault(colour) + 1;
        }

        return counts;
    }
}
