using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DynPmnn.Experiments.Reporting;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// The figure of <c>sweep report --figure</c>: a metric against one searched parameter (a curve) or two (a heat map).
/// A configuration (one set of searched values) scores the mean of the metric over its seeds that finished with it;
/// a point or cell shows the best configuration's score among those with its values, the other parameters free.
/// </summary>
public static class SweepFigure
{
    /// <summary>Draws <paramref name="metric"/> (by default the selection rule's first) of <paramref name="report"/> against <paramref name="x"/> and, if given, <paramref name="y"/>.</summary>
    /// <param name="report">The sweep's report.</param>
    /// <param name="x">The parameter along the x axis.</param>
    /// <param name="y">The parameter along the y axis of a heat map, or null for a curve.</param>
    /// <param name="metric">The metric; null for the selection rule's first.</param>
    /// <param name="direction">Which way is better; null for the rule's direction of <paramref name="metric"/>.</param>
    /// <exception cref="SweepUsageException">An unknown parameter, a metric no trial has, or a metric the rule does not rank without a direction.</exception>
    /// <exception cref="SweepDirectoryException">No trial has a result yet.</exception>
    public static Figure Draw(SweepReport report, string x, string? y = null, string? metric = null, SelectionDirection? direction = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(x);
        CheckParameter(report, x, "--x");
        if (y is not null)
        {
            CheckParameter(report, y, "--y");
            if (y == x)
            {
                throw new SweepUsageException($"--x and --y are both '{x}'; give two different parameters.");
            }
        }

        if (!report.Rows.Any(r => r.Status != "pending"))
        {
            throw new SweepDirectoryException($"sweep {report.Name} has no recorded trial yet; there is nothing to draw.");
        }

        metric ??= report.Selection.Keys[0].Metric;
        if (!report.Metrics.Contains(metric, StringComparer.Ordinal))
        {
            throw new SweepUsageException($"no trial has the metric '{metric}'; the trials have: {List(report.Metrics)}.");
        }

        var better = direction
            ?? report.Selection.Keys.FirstOrDefault(k => k.Metric == metric)?.Direction
            ?? throw new SweepUsageException($"the selection rule {report.Selection} does not say whether a larger or smaller '{metric}' is better; give --direction min or max.");
        var lowerIsBetter = better == SelectionDirection.Min;
        var cells = Aggregate(report.Rows, x, y, metric, better);
        var failed = report.Rows.Count(r => r.Status == "failed" || (r.Status == "done" && !HasValue(r, metric)));
        var pending = report.Rows.Count(r => r.Status == "pending");
        var counts = string.Create(CultureInfo.InvariantCulture, $"{failed} of {report.Rows.Count} trials failed{(pending > 0 ? $", {pending} pending" : string.Empty)}");
        var score = $"best {metric} (mean over seeds)";

        if (y is null)
        {
            var numbers = cells.All(c => IsNumber(c.X)) ? cells.Select(c => Number(c.X)).ToList() : null;
            var series = new SweepSeries(x, [.. cells.Select(c => Label(c.X))], numbers, [.. cells.Select(c => c.Best)], [.. cells.Select(c => c.Median)]);
            return Figures.SweepCurve($"{report.Name}: {score} by {x} ({counts})", metric, series, lowerIsBetter);
        }

        var columns = Values(report.Rows, x);
        // Rows are drawn top first: the largest number on top, as on a y axis.
        var rows = Values(report.Rows, y);
        if (rows.All(IsNumber))
        {
            rows.Reverse();
        }

        var grid = new double?[rows.Count, columns.Count];
        foreach (var cell in cells)
        {
            grid[rows.FindIndex(v => JsonNode.DeepEquals(v, cell.Y)), columns.FindIndex(v => JsonNode.DeepEquals(v, cell.X))] = cell.Best;
        }

        var sweepGrid = new SweepGrid(y, [.. rows.Select(Label)], x, [.. columns.Select(Label)], grid);
        return Figures.Heatmap($"{report.Name}: {score} by {x} × {y} ({counts})", metric, sweepGrid, lowerIsBetter);
    }

    /// <summary>
    /// Per value of <paramref name="x"/> (and of <paramref name="y"/>), in the order <see cref="Values"/> gives: each
    /// configuration's mean of <paramref name="metric"/> over its done seeds with a finite value, then the best of those
    /// means by <paramref name="direction"/> and their median. A value whose every trial failed or is pending has none.
    /// </summary>
    internal static IReadOnlyList<SweepFigureCell> Aggregate(IReadOnlyList<ReportRow> rows, string x, string? y, string metric, SelectionDirection direction)
    {
        var cells = new List<SweepFigureCell>();
        var yValues = y is null ? [null] : Values(rows, y);
        foreach (var xValue in Values(rows, x))
        {
            foreach (var yValue in yValues)
            {
                var here = rows.Where(r => JsonNode.DeepEquals(r.Parameters[x], xValue) && (y is null || JsonNode.DeepEquals(r.Parameters[y], yValue))).ToList();
                var means = here
                    .Where(r => r.Status == "done" && HasValue(r, metric))
                    .GroupBy(r => CanonicalJson.Write(r.Parameters), StringComparer.Ordinal)
                    .Select(g => g.Average(r => r.Metrics[metric]))
                    .Order()
                    .ToList();
                double? best = means.Count == 0 ? null : direction == SelectionDirection.Min ? means[0] : means[^1];
                double? median = means.Count == 0 ? null : means.Count % 2 == 1 ? means[means.Count / 2] : (means[(means.Count / 2) - 1] + means[means.Count / 2]) / 2;
                var failed = here.Count(r => r.Status == "failed" || (r.Status == "done" && !HasValue(r, metric)));
                cells.Add(new SweepFigureCell(xValue, yValue, best, median, means.Count, failed));
            }
        }

        return cells;
    }

    /// <summary>The distinct values of <paramref name="parameter"/> over every trial: numbers ascending when all are numbers, else in expansion order.</summary>
    internal static List<JsonNode?> Values(IReadOnlyList<ReportRow> rows, string parameter)
    {
        var values = new List<JsonNode?>();
        foreach (var row in rows)
        {
            var value = row.Parameters[parameter];
            if (!values.Any(v => JsonNode.DeepEquals(v, value)))
            {
                values.Add(value);
            }
        }

        return values.All(IsNumber) ? [.. values.OrderBy(Number)] : values;
    }

    private static void CheckParameter(SweepReport report, string name, string option)
    {
        if (!report.Parameters.Contains(name, StringComparer.Ordinal))
        {
            throw new SweepUsageException($"{option}: '{name}' is not a searched parameter of sweep {report.Name}; the searched ones are: {List(report.Parameters)}.");
        }
    }

    private static bool HasValue(ReportRow row, string metric) => row.Metrics.TryGetValue(metric, out var value) && double.IsFinite(value);

    private static bool IsNumber(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    private static double Number(JsonNode? value) => double.Parse(value!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Label(JsonNode? value) =>
        IsNumber(value) ? FigureNumber.Format(Number(value))
        : value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
        : CanonicalJson.Write(value);

    private static string List(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}
