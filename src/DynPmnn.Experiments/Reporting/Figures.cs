using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// The project's figures, drawn with ScottPlot in the bundled font: validation curves per run, a per-data-set
/// comparison of models, and a heat map of a two-hyperparameter sweep. Each returns a <see cref="Figure"/> to save as PNG
/// or SVG.
/// </summary>
/// <example>
/// <code>
/// using var figure = Figures.ValidationCurves(
///     [new Curve("NODE", epochs, nodeSeed1), new Curve("NODE", epochs, nodeSeed2), new Curve("CfC", epochs, cfcSeed1)],
///     title: "Validation MSE per epoch", yLabel: "validation MSE");
/// figure.SavePng("curves.png");
/// figure.SaveSvg("curves.svg");
/// </code>
/// </example>
public static class Figures
{
    /// <summary>How far apart, as a ratio, the smallest and largest loss must be for an automatic log axis: two decades.</summary>
    public const double AutoLogRatio = 100;

    // Up to this many numeric values of a swept parameter each get a tick of their own on a linear axis.
    private const int MaxLabelledValues = 12;

    // Tableau's ten colours, the default of most plotting tools: distinct hues that stay apart for most colour-vision
    // deficiencies. A model keeps its colour across figures when it keeps its position.
    internal static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    internal static readonly Color Ink = Color.FromHex("#222222");
    private static readonly Color MissingCell = Color.FromHex("#D9D9D9");

    /// <summary>
    /// One line per run of a value per epoch, e.g. validation loss: runs of one group (model) share a colour and a
    /// legend entry. The y axis is logarithmic when <paramref name="logY"/> says so or, if it is null, when every value
    /// is positive and the largest is at least <see cref="AutoLogRatio"/> times the smallest.
    /// </summary>
    /// <remarks>
    /// Points whose x or y is NaN or infinite (a diverged run), or whose y is not positive on a log axis, are skipped:
    /// the line breaks there, the axis is fitted to the points that remain, and the group's legend entry says how many
    /// runs lost points. A figure whose runs all diverged is drawn with empty axes and that legend, not refused.
    /// </remarks>
    /// <exception cref="ArgumentException">There are no curves, or one is null.</exception>
    public static Figure ValidationCurves(
        IEnumerable<Curve> curves,
        string title = "Validation loss per epoch",
        string xLabel = "epoch",
        string yLabel = "validation loss",
        bool? logY = null,
        int width = 900,
        int height = 600)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var list = curves.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("There are no curves to plot; pass at least one run's history.", nameof(curves));
        }

        if (list.Any(c => c is null))
        {
            throw new ArgumentException("A curve in the list is null.", nameof(curves));
        }

        var finite = list.SelectMany(c => c.X.Zip(c.Y)).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).Select(p => p.Second).ToList();
        var log = logY ?? (finite.Count > 0 && finite.Min() > 0 && finite.Max() >= AutoLogRatio * finite.Min());
        bool Drawable(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && (!log || y > 0);

        var plot = NewPlot(title, xLabel, log ? $"{yLabel} (log scale)" : yLabel);
        var groups = list.Select(c => c.Group).Distinct(StringComparer.Ordinal).ToList();
        foreach (var curve in list)
        {
            var color = Palette.GetColor(groups.IndexOf(curve.Group)).WithOpacity(0.85);
            foreach (var (xs, ys) in Segments(curve, Drawable))
            {
                var scatter = plot.Add.ScatterLine(xs, log ? [.. ys.Select(Math.Log10)] : ys, color);
                scatter.LineWidth = 1.5f;
                // A lone point has no neighbour to draw a line to; a dot keeps it visible.
                scatter.MarkerSize = xs.Length == 1 ? 5 : 0;
                scatter.MarkerShape = MarkerShape.FilledCircle;
            }
        }

        if (list.All(c => c.X.All(x => double.IsFinite(x) && x == Math.Floor(x))))
        {
            // Epochs are whole numbers; a tick at 2.5 would suggest otherwise.
            plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        }

        var drawn = list.SelectMany(c => c.X.Zip(c.Y)).Where(p => Drawable(p.First, p.Second)).ToList();
        if (drawn.Count > 0 && log)
        {
            var low = Math.Log10(drawn.Min(p => p.Second));
            var high = Math.Log10(drawn.Max(p => p.Second));
            LogTicks.ApplyToLeftAxis(plot, low, high);
        }
        else if (drawn.Count == 0)
        {
            // Nothing to fit: a plain unit square instead of ScottPlot's default ±10, which would suggest values.
            plot.Axes.SetLimits(0, 1, 0, 1);
        }

        foreach (var (group, index) in groups.Select((g, i) => (g, i)))
        {
            var members = list.Where(c => c.Group == group).ToList();
            var broken = members.Count(c => c.X.Zip(c.Y).Any(p => !Drawable(p.First, p.Second)));
            var label = broken == 0 ? group
                : string.Create(CultureInfo.InvariantCulture, $"{group}: {SkipReason(log)} values not drawn in {broken} of {members.Count} run{(members.Count == 1 ? string.Empty : "s")}");
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, LineColor = Palette.GetColor(index), LineWidth = 2 });
        }

        plot.ShowLegend(Alignment.UpperRight);
        return Finish(plot, width, height);
    }

    /// <summary>
    /// One model's bar per entry on one data set: the bar is the median over seeds, the whisker spans the smallest to
    /// the largest value, the number above it is the median, and a black diamond marks a published value where one is
    /// given. The axis label names <paramref name="metric"/> and whether lower or higher is better.
    /// </summary>
    /// <param name="title">The figure's title, typically the data set (<c>"California Housing"</c>).</param>
    /// <param name="metric">What the bars measure (<c>"test RMSE"</c>, <c>"test accuracy"</c>).</param>
    /// <param name="bars">The models in the order they should appear, left to right.</param>
    /// <param name="lowerIsBetter">Whether a smaller value is the better result (true for errors, false for accuracy).</param>
    /// <param name="referenceLabel">What the diamonds are, for the legend (<c>"published"</c>, <c>"paper"</c>).</param>
    /// <param name="caption">A line under the model names, e.g. which models are missing and why; empty for none.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    /// <exception cref="ArgumentException">There are no bars, one is null, or two have the same model name.</exception>
    public static Figure Comparison(
        string title,
        string metric,
        IEnumerable<ComparisonBar> bars,
        bool lowerIsBetter,
        string referenceLabel = "published",
        string caption = "",
        int width = 800,
        int height = 500)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(referenceLabel);
        ArgumentNullException.ThrowIfNull(caption);
        var list = bars.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("There are no bars to plot; pass at least one model's results.", nameof(bars));
        }

        if (list.Any(b => b is null))
        {
            throw new ArgumentException("A bar in the list is null.", nameof(bars));
        }

        if (list.GroupBy(b => b.Model, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Model '{twice.Key}' has more than one bar; give each model one.", nameof(bars));
        }

        var plot = NewPlot(title, caption, $"{metric} ({(lowerIsBetter ? "lower" : "higher")} is better)");
        // A caption is a remark, not an axis name: smaller and not bold.
        plot.Axes.Bottom.Label.FontSize = 12;
        plot.Axes.Bottom.Label.Bold = false;
        var positions = Enumerable.Range(0, list.Count).Select(i => (double)i).ToArray();
        plot.Add.Bars(list.Select((b, i) => new Bar
        {
            Position = i,
            Value = b.Median,
            Size = 0.6,
            FillColor = Palette.GetColor(i).WithOpacity(0.8),
            LineWidth = 0,
        }).ToArray());

        var whiskers = plot.Add.ErrorBar(positions, [.. list.Select(b => b.Median)], [.. list.Select(b => b.Max - b.Median)]);
        whiskers.YErrorNegative = [.. list.Select(b => b.Median - b.Min)];
        whiskers.Color = Ink;
        whiskers.LineWidth = 1.5f;
        whiskers.CapSize = 10;

        foreach (var (bar, i) in list.Select((b, i) => (b, i)))
        {
            var label = plot.Add.Text(FigureNumber.Format(bar.Median), i, bar.Max);
            label.Alignment = Alignment.LowerCenter;
            label.OffsetY = -4;
            label.LabelFontSize = 12;
            label.LabelFontColor = Ink;
        }

        var references = list.Select((b, i) => (b.Reference, Position: (double)i)).Where(r => r.Reference is not null).ToList();
        if (references.Count > 0)
        {
            var markers = plot.Add.ScatterPoints(references.Select(r => r.Position).ToArray(), references.Select(r => r.Reference!.Value).ToArray(), Colors.Black);
            markers.MarkerShape = MarkerShape.FilledDiamond;
            markers.MarkerSize = 11;
        }

        // Long names are wrapped at spaces to the width of their slot so neighbours never run into each other.
        var slot = 0.9f * (width - 120) / (list.Count + 0.2f);
        var tickLabels = new NumericManual();
        using (var paint = Paint.NewDisposablePaint())
        {
            foreach (var (bar, i) in list.Select((b, i) => (b, i)))
            {
                tickLabels.AddMajor(i, Wrap(bar.Model, text => plot.Axes.Bottom.TickLabelStyle.Measure(text, paint).Size.Width <= slot));
            }
        }

        plot.Axes.Bottom.TickGenerator = tickLabels;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.IsVisible = false;

        // Bars grow from zero; a little headroom keeps the median labels and the legend inside the frame.
        var bottom = Math.Min(0, list.Min(b => Math.Min(b.Min, b.Reference ?? b.Min)));
        var top = Math.Max(0, list.Max(b => Math.Max(b.Max, b.Reference ?? b.Max)));
        var span = top > bottom ? top - bottom : 1;
        plot.Axes.SetLimits(-0.6, list.Count - 0.4, bottom - (bottom < 0 ? 0.08 * span : 0), top + (0.25 * span));

        var seeds = list.Select(b => b.Values.Count).Distinct().Order().ToList();
        var seedText = seeds.Count == 1 ? seeds[0].ToString(CultureInfo.InvariantCulture) : $"{seeds[0]}–{seeds[^1]}";
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"median of {seedText} seed{(seeds[^1] == 1 ? string.Empty : "s")}", FillColor = Colors.Gray.WithOpacity(0.6) });
        if (seeds[^1] > 1)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "smallest to largest", LineColor = Ink, LineWidth = 1.5f });
        }

        if (references.Count > 0)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = referenceLabel,
                MarkerShape = MarkerShape.FilledDiamond,
                MarkerSize = 11,
                MarkerColor = Colors.Black,
            });
        }

        plot.ShowLegend(Alignment.UpperRight);
        return Finish(plot, width, height);
    }

    /// <summary>
    /// A heat map of <paramref name="metric"/> over <paramref name="grid"/>'s two hyperparameters: one cell per pair,
    /// coloured on a colour bar and labelled with its value. Cells without a result are light grey and unlabelled, and
    /// the legend says how many there are.
    /// </summary>
    /// <param name="title">The figure's title (<c>"CfC on California Housing: learning rate × batch size"</c>).</param>
    /// <param name="metric">What the cells hold, the colour bar's label (<c>"best validation MSE"</c>).</param>
    /// <param name="grid">The sweep's results.</param>
    /// <param name="lowerIsBetter">Whether a smaller value is better; said on the colour bar when given.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    public static Figure Heatmap(
        string title,
        string metric,
        SweepGrid grid,
        bool? lowerIsBetter = null,
        int width = 800,
        int height = 600)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentNullException.ThrowIfNull(grid);

        var rows = grid.RowValues.Count;
        var columns = grid.ColumnValues.Count;
        var plot = NewPlot(title, grid.ColumnParameter, grid.RowParameter);

        // ScottPlot draws intensity row 0 at the top, as a table reads; cell centres sit at whole coordinates, so row r
        // is at y = rows - 1 - r and column c at x = c.
        var intensities = new double[rows, columns];
        var present = new List<double>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                intensities[r, c] = grid[r, c] ?? double.NaN;
                if (grid[r, c] is { } v)
                {
                    present.Add(v);
                }
            }
        }

        ScottPlot.Panels.ColorBar? colorBar = null;
        if (present.Count == 0)
        {
            // ScottPlot's heat map fits its colour scale to the values and fails with none; there is nothing to scale.
            var blank = plot.Add.Rectangle(-0.5, columns - 0.5, -0.5, rows - 0.5);
            blank.FillColor = MissingCell;
            blank.LineWidth = 0;
        }
        else
        {
            var heatmap = plot.Add.Heatmap(intensities);
            if (present.Min() == present.Max())
            {
                // A colour scale needs two ends; give a constant grid a narrow one around its value.
                var half = present[0] == 0 ? 1 : Math.Abs(present[0]) * 0.05;
                heatmap.ManualRange = new ScottPlot.Range(present[0] - half, present[0] + half);
            }

            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            heatmap.NaNCellColor = MissingCell;
            // Rectangles, not a stretched bitmap: crisp cell edges in the PNG and one <rect> per cell in the SVG.
            heatmap.RenderStrategy = new ScottPlot.Plottables.Heatmap.RenderStrategies.Rectangles();
            var range = heatmap.GetRange();
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    if (grid[r, c] is { } value)
                    {
                        var label = plot.Add.Text(FigureNumber.Format(value), c, rows - 1 - r);
                        label.Alignment = Alignment.MiddleCenter;
                        label.LabelFontSize = 13;
                        label.LabelFontColor = IsDark(heatmap.Colormap.GetColor(value, range)) ? Colors.White : Colors.Black;
                    }
                }
            }

            colorBar = plot.Add.ColorBar(heatmap);
            colorBar.Label = lowerIsBetter is { } lower ? $"{metric} ({(lower ? "lower" : "higher")} is better)" : metric;
        }

        var xTicks = new NumericManual();
        for (var c = 0; c < columns; c++)
        {
            xTicks.AddMajor(c, grid.ColumnValues[c]);
        }

        var yTicks = new NumericManual();
        for (var r = 0; r < rows; r++)
        {
            yTicks.AddMajor(rows - 1 - r, grid.RowValues[r]);
        }

        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);

        var missing = grid.MissingCount;
        if (missing > 0)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = string.Create(CultureInfo.InvariantCulture, $"no result: {missing} failed trial{(missing == 1 ? string.Empty : "s")}"),
                FillColor = MissingCell,
                OutlineColor = Colors.Gray,
                OutlineWidth = 1,
            });
            // Below the cells rather than over them, where it would hide values.
            plot.ShowLegend(Edge.Bottom);
        }
        else
        {
            plot.HideLegend();
        }

        var figure = Finish(plot, width, height);
        if (colorBar is not null)
        {
            colorBar.Axis.Label.FontName = FigureFont.Family;
            colorBar.Axis.TickLabelStyle.FontName = FigureFont.Family;
        }

        return figure;
    }

    /// <summary>
    /// <paramref name="metric"/> against one hyperparameter: the best result per value as a line with dots and, when
    /// given, the median over configurations as a dashed line. Numbers are placed by value, on a log axis when they are
    /// positive and span at least <see cref="AutoLogRatio"/>; other values are evenly spaced categories. Values without
    /// a result are left out and counted in the legend.
    /// </summary>
    /// <param name="title">The figure's title.</param>
    /// <param name="metric">What the y axis shows (<c>"validLoss"</c>).</param>
    /// <param name="series">The results per value.</param>
    /// <param name="lowerIsBetter">Whether a smaller value is better; said on the y axis.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    public static Figure SweepCurve(string title, string metric, SweepSeries series, bool lowerIsBetter, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentNullException.ThrowIfNull(series);
        var count = series.Labels.Count;
        var numbers = series.Positions;
        var log = numbers is not null && numbers.Min() > 0 && numbers.Max() >= AutoLogRatio * numbers.Min();
        var xs = Enumerable.Range(0, count).Select(i => numbers is null ? i : log ? Math.Log10(numbers[i]) : numbers[i]).ToArray();
        var plot = NewPlot(title, log ? $"{series.Parameter} (log scale)" : series.Parameter, $"{metric} ({(lowerIsBetter ? "lower" : "higher")} is better)");

        void Line(IReadOnlyList<double?> values, Color color, LinePattern pattern, float markerSize)
        {
            var points = Enumerable.Range(0, count).Where(i => values[i] is not null).ToList();
            if (points.Count == 0)
            {
                return;
            }

            var line = plot.Add.ScatterLine(points.Select(i => xs[i]).ToArray(), points.Select(i => values[i]!.Value).ToArray(), color);
            line.LineWidth = 2;
            line.LinePattern = pattern;
            line.MarkerShape = MarkerShape.FilledCircle;
            line.MarkerSize = markerSize;
        }

        var hasMedian = series.Median.Any(v => v is not null) && !series.Median.SequenceEqual(series.Best);
        if (hasMedian)
        {
            Line(series.Median, Colors.Gray, LinePattern.Dashed, 5);
        }

        Line(series.Best, Palette.GetColor(0), LinePattern.Solid, 8);

        // Categories, and a few numbers such as batch sizes, are labelled where they are, not at round numbers between.
        if (numbers is null || (!log && count <= MaxLabelledValues))
        {
            var ticks = new NumericManual();
            for (var i = 0; i < count; i++)
            {
                ticks.AddMajor(xs[i], series.Labels[i]);
            }

            plot.Axes.Bottom.TickGenerator = ticks;
            plot.Grid.XAxisStyle.IsVisible = numbers is not null;
        }
        else if (log)
        {
            var ticks = LogTicks.Generator(xs.Min(), xs.Max());
            plot.Axes.Bottom.TickGenerator = ticks;
        }

        var drawn = series.Best.Concat(series.Median).OfType<double>().ToList();
        var (left, right) = (xs.Min(), xs.Max());
        var margin = right > left ? 0.08 * (right - left) : 0.5;
        if (drawn.Count == 0)
        {
            plot.Axes.SetLimits(left - margin, right + margin, 0, 1);
        }
        else
        {
            var (low, high) = (drawn.Min(), drawn.Max());
            var pad = high > low ? 0.1 * (high - low) : Math.Max(Math.Abs(low) * 0.05, 1e-9);
            plot.Axes.SetLimits(left - margin, right + margin, low - pad, high + pad);
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "best configuration", LineColor = Palette.GetColor(0), LineWidth = 2, MarkerShape = MarkerShape.FilledCircle, MarkerColor = Palette.GetColor(0), MarkerSize = 8 });
        if (hasMedian)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "median over configurations", LineColor = Colors.Gray, LineWidth = 2, LinePattern = LinePattern.Dashed });
        }

        if (series.MissingCount > 0)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = string.Create(CultureInfo.InvariantCulture, $"no result at {series.MissingCount} value{(series.MissingCount == 1 ? string.Empty : "s")}: every trial failed"),
                FillColor = MissingCell,
                OutlineColor = Colors.Gray,
                OutlineWidth = 1,
            });
        }

        plot.ShowLegend(Edge.Bottom);
        return Finish(plot, width, height);
    }

    internal static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(yLabel);
        FigureFont.EnsureRegistered();
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Legend.IsVisible = false;
        // Now, so that text measured while the figure is built (to wrap labels) is measured in the font it is drawn in.
        FigureFont.Apply(plot);
        return plot;
    }

    internal static Figure Finish(Plot plot, int width, int height)
    {
        FigureFont.Apply(plot);
        foreach (var text in plot.GetPlottables<Text>())
        {
            text.LabelFontName = FigureFont.Family;
        }

        return new Figure(plot, width, height);
    }

    // Runs of consecutive drawable points: each becomes its own line so a gap is a gap, not a straight jump.
    private static IEnumerable<(double[] X, double[] Y)> Segments(Curve curve, Func<double, double, bool> drawable)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i <= curve.X.Count; i++)
        {
            if (i < curve.X.Count && drawable(curve.X[i], curve.Y[i]))
            {
                xs.Add(curve.X[i]);
                ys.Add(curve.Y[i]);
            }
            else if (xs.Count > 0)
            {
                yield return ([.. xs], [.. ys]);
                xs.Clear();
                ys.Clear();
            }
        }
    }

    // Greedy word wrap: as many words on a line as fit; a single word wider than the line gets a line of its own.
    private static string Wrap(string text, Func<string, bool> fits)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var longer = line.Length == 0 ? word : line + " " + word;
            if (line.Length == 0 || fits(longer))
            {
                line = longer;
            }
            else
            {
                lines.Add(line);
                line = word;
            }
        }

        lines.Add(line);
        return string.Join('\n', lines);
    }

    private static string SkipReason(bool log) => log ? "NaN, infinite or non-positive" : "NaN or infinite";

    // Relative luminance (ITU-R BT.709) below one half: white text reads better than black on it.
    private static bool IsDark(Color color) => ((0.2126 * color.R) + (0.7152 * color.G) + (0.0722 * color.B)) / 255 < 0.5;
}
