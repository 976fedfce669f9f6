using System.Numerics;

namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// A line chart of named (x, y) series rendered to PNG: axes with round tick values, a title, axis labels and a legend,
/// e.g. validation MSE per epoch for several models and seeds.
/// </summary>
/// <example>
/// <code>
/// new LinePlot("Validation MSE", "epoch", "MSE") { LogY = true }
///     .Add("NODE", epochs, nodeSeed1, colorIndex: 0)
///     .Add("NODE", epochs, nodeSeed2, colorIndex: 0)
///     .Add("CfC", epochs, cfcSeed1, colorIndex: 1)
///     .Save("curves.png", width: 900, height: 600);
/// </code>
/// </example>
/// <remarks>
/// Points whose x or y is not finite (or whose y is not positive on a log axis) are skipped and break the line there,
/// so a diverged run shows as a curve that stops rather than one that jumps. Series sharing a name and colour index,
/// such as the seeds of one model, get one legend entry.
/// </remarks>
public sealed class LinePlot
{
    // Tableau's ten-colour palette: distinct hues that stay distinguishable for most colour-vision deficiencies.
    private static readonly RgbaColor[] PaletteColors =
    [
        new(0x1F, 0x77, 0xB4), new(0xFF, 0x7F, 0x0E), new(0x2C, 0xA0, 0x2C), new(0xD6, 0x27, 0x28), new(0x94, 0x67, 0xBD),
        new(0x8C, 0x56, 0x4B), new(0xE3, 0x77, 0xC2), new(0x7F, 0x7F, 0x7F), new(0xBC, 0xBD, 0x22), new(0x17, 0xBE, 0xCF),
    ];

    private static readonly RgbaColor Background = RgbaColor.White;
    private static readonly RgbaColor Ink = new(0x22, 0x22, 0x22);
    private static readonly RgbaColor Grid = new(0xE4, 0xE4, 0xE4);

    // Fraction of the data's span left empty on each side, so extreme points do not sit on the frame.
    private const double Margin = 0.04;

    private readonly List<Series> series = [];

    /// <summary>A plot with the given title and axis labels (any may be empty) and no series yet.</summary>
    public LinePlot(string title, string xLabel, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(yLabel);
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
    }

    /// <summary>The colours series are drawn in, chosen by colour index modulo the count.</summary>
    public static IReadOnlyList<RgbaColor> Palette => PaletteColors;

    /// <summary>Text centred above the plot.</summary>
    public string Title { get; }

    /// <summary>Text below the x axis.</summary>
    public string XLabel { get; }

    /// <summary>Text beside the y axis, reading upwards.</summary>
    public string YLabel { get; }

    /// <summary>Whether the y axis is logarithmic (base 10); useful for losses that fall over orders of magnitude.</summary>
    public bool LogY { get; set; }

    /// <summary>A fixed left end of the x axis instead of one fitted to the data.</summary>
    public double? XMin { get; set; }

    /// <summary>A fixed right end of the x axis instead of one fitted to the data.</summary>
    public double? XMax { get; set; }

    /// <summary>A fixed bottom of the y axis, e.g. to keep early huge losses from flattening the rest.</summary>
    public double? YMin { get; set; }

    /// <summary>A fixed top of the y axis.</summary>
    public double? YMax { get; set; }

    /// <summary>How many series have been added.</summary>
    public int SeriesCount => series.Count;

    /// <summary>The palette colour for <paramref name="colorIndex"/>, wrapping around the palette.</summary>
    public static RgbaColor PaletteColor(int colorIndex)
        => PaletteColors[((colorIndex % PaletteColors.Length) + PaletteColors.Length) % PaletteColors.Length];

    /// <summary>
    /// Adds a series drawn as a polyline through (<paramref name="xs"/>[i], <paramref name="ys"/>[i]) in order, in
    /// palette colour <paramref name="colorIndex"/> (by default the series' own position, so each gets a new colour).
    /// The values are copied.
    /// </summary>
    /// <returns>This plot, so calls can be chained.</returns>
    public LinePlot Add<TX, TY>(string name, IReadOnlyList<TX> xs, IReadOnlyList<TY> ys, int? colorIndex = null)
        where TX : INumberBase<TX>
        where TY : INumberBase<TY>
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count)
        {
            throw new ArgumentException($"Series '{name}' has {xs.Count} x values but {ys.Count} y values.", nameof(ys));
        }

        var x = new double[xs.Count];
        var y = new double[ys.Count];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = double.CreateTruncating(xs[i]);
            y[i] = double.CreateTruncating(ys[i]);
        }

        series.Add(new Series(name, x, y, colorIndex ?? series.Count));
        return this;
    }

    /// <summary>Renders the plot onto a new <paramref name="width"/> × <paramref name="height"/> canvas.</summary>
    /// <exception cref="ArgumentException">The canvas is too small for the labels and legend, or a fixed axis end is invalid.</exception>
    public Canvas Render(int width = 900, int height = 600)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        // Text and line weights grow with the image so a large export reads like a small one zoomed in.
        var scale = Math.Max(1, (int)Math.Round(Math.Min(width, height) / 250.0));
        var lineRadius = Math.Max(1, scale - 1);
        var pad = 6 * scale;
        var gap = 3 * scale;
        var tickLength = 3 * scale;
        var textHeight = BitmapFont.GlyphHeight * scale;

        var (xAxis, yAxis) = FitAxes();
        var legend = LegendEntries();

        var top = pad + (Title.Length > 0 ? textHeight + pad : textHeight / 2);
        var bottom = height - (pad + (XLabel.Length > 0 ? textHeight + pad : 0) + textHeight + gap + tickLength);
        var plotHeight = bottom - top;
        var yTicks = yAxis.Ticks(Math.Max(2, plotHeight / (textHeight * 4)));
        var yLabelWidth = yTicks.Count == 0 ? 0 : yTicks.Max(t => BitmapFont.Measure(t.Label, scale).Width);
        var left = pad + (YLabel.Length > 0 ? textHeight + pad : 0) + yLabelWidth + gap + tickLength;
        var legendWidth = legend.Count == 0 ? 0
            : pad + (8 * scale) + gap + legend.Max(e => BitmapFont.Measure(e.Name, scale).Width) + pad;
        var legendHeight = (2 * pad) + (legend.Count * (textHeight + (2 * gap))) - (2 * gap);
        // Beside the plot while that costs at most a quarter of the width; a wider legend would squeeze the data, so it
        // goes inside the plot instead, into the corner the series cover least.
        var legendOutside = legend.Count > 0 && legendWidth <= width / 4;
        var right = width - (legendOutside ? legendWidth + (2 * pad) : 3 * pad);
        var plotWidth = right - left;
        if (plotWidth < 20 || plotHeight < 20)
        {
            throw new ArgumentException(
                $"A {width}×{height} image leaves no room for the plot beside its labels and legend; make it larger.");
        }

        var xTicks = FittingXTicks(xAxis, plotWidth, scale, gap);

        var canvas = new Canvas(width, height);
        canvas.Clear(Background);

        // Grid first so series and frame draw over it.
        int ToX(double value) => left + (int)Math.Round(xAxis.Fraction(value) * (plotWidth - 1));
        int ToY(double value) => bottom - 1 - (int)Math.Round(yAxis.Fraction(value) * (plotHeight - 1));
        foreach (var (value, _) in xTicks)
        {
            canvas.FillRectangle(ToX(value), top, 1, plotHeight, Grid);
        }

        foreach (var (value, _) in yTicks)
        {
            canvas.FillRectangle(left, ToY(value), plotWidth, 1, Grid);
        }

        canvas.SetClip(left, top, plotWidth, plotHeight);
        foreach (var s in series)
        {
            DrawSeries(canvas, s, xAxis, yAxis, left, bottom - 1, plotWidth - 1, plotHeight - 1, lineRadius);
        }

        canvas.ResetClip();
        var (legendX, legendY) = legendOutside
            ? (right + pad, top)
            : EmptiestCorner(canvas, left, top, right, bottom, legendWidth, legendHeight, gap);
        canvas.DrawRectangle(left - 1, top - 1, plotWidth + 2, plotHeight + 2, Ink);

        foreach (var (value, label) in xTicks)
        {
            var x = ToX(value);
            canvas.FillRectangle(x, bottom + 1, 1, tickLength, Ink);
            var labelWidth = BitmapFont.Measure(label, scale).Width;
            canvas.DrawText(x - (labelWidth / 2), bottom + 1 + tickLength + gap, label, Ink, scale);
        }

        foreach (var (value, label) in yTicks)
        {
            var y = ToY(value);
            canvas.FillRectangle(left - 1 - tickLength, y, tickLength, 1, Ink);
            var labelWidth = BitmapFont.Measure(label, scale).Width;
            canvas.DrawText(left - 1 - tickLength - gap - labelWidth, y - (textHeight / 2), label, Ink, scale);
        }

        if (Title.Length > 0)
        {
            var titleWidth = BitmapFont.Measure(Title, scale).Width;
            canvas.DrawText(Math.Max(0, left + ((plotWidth - titleWidth) / 2)), pad, Title, Ink, scale);
        }

        if (XLabel.Length > 0)
        {
            var labelWidth = BitmapFont.Measure(XLabel, scale).Width;
            canvas.DrawText(left + ((plotWidth - labelWidth) / 2), height - pad - textHeight, XLabel, Ink, scale);
        }

        if (YLabel.Length > 0)
        {
            var labelLength = BitmapFont.Measure(YLabel, scale).Width;
            canvas.DrawTextVertical(pad, top + ((plotHeight - labelLength) / 2), YLabel, Ink, scale);
        }

        DrawLegend(canvas, legend, legendX, legendY, legendWidth, legendHeight, scale, pad, gap, lineRadius);
        return canvas;
    }

    /// <summary>Renders the plot and encodes it as PNG bytes.</summary>
    public byte[] ToPng(int width = 900, int height = 600) => Render(width, height).ToPng();

    /// <summary>Renders the plot and writes it to <paramref name="path"/> as PNG, atomically.</summary>
    public void Save(string path, int width = 900, int height = 600) => Render(width, height).Save(path);

    private (PlotAxis X, PlotAxis Y) FitAxes()
    {
        double xLow = double.NaN, xHigh = double.NaN, yLow = double.NaN, yHigh = double.NaN;
        foreach (var s in series)
        {
            for (var i = 0; i < s.X.Length; i++)
            {
                var (x, y) = (s.X[i], s.Y[i]);
                // Only points that will be drawn, and that lie within any fixed range on the other axis, set a range.
                if (!IsDrawable(x, y)
                    || (XMin is { } x0 && x < x0) || (XMax is { } x1 && x > x1))
                {
                    continue;
                }

                xLow = double.IsNaN(xLow) ? x : Math.Min(xLow, x);
                xHigh = double.IsNaN(xHigh) ? x : Math.Max(xHigh, x);
                if ((YMin is { } y0 && y < y0) || (YMax is { } y1 && y > y1))
                {
                    continue;
                }

                yLow = double.IsNaN(yLow) ? y : Math.Min(yLow, y);
                yHigh = double.IsNaN(yHigh) ? y : Math.Max(yHigh, y);
            }
        }

        return (PlotAxis.Fit(xLow, xHigh, logarithmic: false, Margin, XMin, XMax),
                PlotAxis.Fit(yLow, yHigh, LogY, Margin, YMin, YMax));
    }

    private bool IsDrawable(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && (!LogY || y > 0);

    // Fewer ticks until the widest label fits between neighbours, so numbers never run into each other.
    private static IReadOnlyList<(double Value, string Label)> FittingXTicks(PlotAxis axis, int plotWidth, int scale, int gap)
    {
        for (var target = Math.Max(2, plotWidth / (60 * scale)); ; target--)
        {
            var ticks = axis.Ticks(target);
            if (ticks.Count < 2 || target <= 2)
            {
                return ticks;
            }

            var widest = ticks.Max(t => BitmapFont.Measure(t.Label, scale).Width);
            var spacing = (axis.Fraction(ticks[1].Value) - axis.Fraction(ticks[0].Value)) * plotWidth;
            if (widest + (4 * gap) <= spacing)
            {
                return ticks;
            }
        }
    }

    private void DrawSeries(Canvas canvas, Series s, PlotAxis xAxis, PlotAxis yAxis, int originX, int originY, int spanX, int spanY, int radius)
    {
        var color = PaletteColor(s.ColorIndex);
        double previousX = double.NaN, previousY = double.NaN;
        var previousAlone = false;
        for (var i = 0; i < s.X.Length; i++)
        {
            // Positions stay doubles here: a point far off a fixed range must clip, not overflow an int.
            var x = originX + (xAxis.Fraction(s.X[i]) * spanX);
            var y = originY - (yAxis.Fraction(s.Y[i]) * spanY);
            var drawable = IsDrawable(s.X[i], s.Y[i]);
            if (drawable && !double.IsNaN(previousX))
            {
                canvas.DrawLine(previousX, previousY, x, y, color, radius);
                previousAlone = false;
            }
            else
            {
                // A point with no drawable neighbour would draw nothing as a line; mark it with a dot instead.
                if (previousAlone)
                {
                    Dot(canvas, previousX, previousY, radius + 1, color);
                }

                previousAlone = drawable;
            }

            (previousX, previousY) = drawable ? (x, y) : (double.NaN, double.NaN);
        }

        if (previousAlone)
        {
            Dot(canvas, previousX, previousY, radius + 1, color);
        }
    }

    private static void Dot(Canvas canvas, double x, double y, int radius, RgbaColor color)
    {
        // Compare in double first: a value far off a fixed range would overflow the int conversion.
        var bounds = canvas.ClipBounds;
        if (x >= bounds.Left - radius && x < bounds.Right + radius && y >= bounds.Top - radius && y < bounds.Bottom + radius)
        {
            canvas.FillCircle((int)Math.Round(x), (int)Math.Round(y), radius, color);
        }
    }

    private List<(string Name, int ColorIndex)> LegendEntries()
    {
        var entries = new List<(string Name, int ColorIndex)>();
        foreach (var s in series)
        {
            var key = (s.Name, PaletteIndex(s.ColorIndex));
            if (s.Name.Length > 0 && !entries.Contains(key))
            {
                entries.Add(key);
            }
        }

        return entries;
    }

    private static int PaletteIndex(int colorIndex)
        => ((colorIndex % PaletteColors.Length) + PaletteColors.Length) % PaletteColors.Length;

    // The top-left of a legend box in the plot corner (top-right first on ties) with the fewest series pixels under it.
    private static (int X, int Y) EmptiestCorner(Canvas canvas, int left, int top, int right, int bottom, int width, int height, int gap)
    {
        (int X, int Y)[] corners =
        [
            (right - gap - width, top + gap), (left + gap, top + gap),
            (right - gap - width, bottom - gap - height), (left + gap, bottom - gap - height),
        ];
        var best = corners[0];
        var fewest = int.MaxValue;
        foreach (var corner in corners)
        {
            var covered = 0;
            for (var y = Math.Max(corner.Y, 0); y < Math.Min(corner.Y + height, canvas.Height); y++)
            {
                for (var x = Math.Max(corner.X, 0); x < Math.Min(corner.X + width, canvas.Width); x++)
                {
                    var pixel = canvas.GetPixel(x, y);
                    covered += pixel != Background && pixel != Grid ? 1 : 0;
                }
            }

            if (covered < fewest)
            {
                (best, fewest) = (corner, covered);
            }
        }

        return best;
    }

    private static void DrawLegend(Canvas canvas, List<(string Name, int ColorIndex)> entries, int x, int y, int width, int height, int scale, int pad, int gap, int radius)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var textHeight = BitmapFont.GlyphHeight * scale;
        var rowHeight = textHeight + (2 * gap);
        canvas.FillRectangle(x, y, width, height, Background);
        canvas.DrawRectangle(x, y, width, height, Ink);
        for (var i = 0; i < entries.Count; i++)
        {
            var rowTop = y + pad + (i * rowHeight);
            var middle = rowTop + (textHeight / 2);
            var swatchLeft = x + pad;
            var swatchRight = swatchLeft + (8 * scale);
            canvas.DrawLine(swatchLeft + radius, middle, swatchRight - radius, middle, PaletteColor(entries[i].ColorIndex), radius);
            canvas.DrawText(swatchRight + gap, rowTop, entries[i].Name, Ink, scale);
        }
    }

    private sealed record Series(string Name, double[] X, double[] Y, int ColorIndex);
}
