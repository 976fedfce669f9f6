using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DynPmnn.Experiments.Reporting;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// Every trial of a sweep as a row (its searched values, status and metrics) and the best trial by a
/// <see cref="SelectionRule"/>, as CSV, JSON and a terminal table.
/// </summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property.</remarks>
public sealed record SweepReport
{
    public required string Name { get; set; }

    public required string ProgramVersion { get; set; }

    /// <summary>The spec's notes on how the search deviates from a published one.</summary>
    public required IReadOnlyList<string> Deviations { get; set; }

    public required ExpansionSummary Expansion { get; set; }

    public required SelectionRule Selection { get; set; }

    /// <summary>The searched parameter paths, the parameter columns in order.</summary>
    public required IReadOnlyList<string> Parameters { get; set; }

    /// <summary>Every metric any trial reported, in ordinal order, the metric columns.</summary>
    public required IReadOnlyList<string> Metrics { get; set; }

    /// <summary>The best trial's index, or null if no trial qualifies.</summary>
    public int? Best { get; set; }

    /// <summary>Every trial, in expansion order.</summary>
    public required IReadOnlyList<ReportRow> Rows { get; set; }

    /// <summary>The report of <paramref name="store"/> with the best trial chosen by <paramref name="rule"/> (by default the spec's metric and direction).</summary>
    public static SweepReport Of(SweepStore store, SelectionRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var manifest = store.Manifest;
        rule ??= SelectionRule.Of(manifest.Spec);
        var records = store.ReadAll();
        var rows = manifest.Trials.Select((trial, index) =>
        {
            records.TryGetValue(trial.Id, out var record);
            return new ReportRow
            {
                Index = index,
                Id = trial.Id,
                Seed = trial.Seed,
                Status = record is null ? "pending" : record.Status == TrialStatus.Done ? "done" : "failed",
                Parameters = (JsonObject)trial.Parameters.DeepClone(),
                Metrics = record?.Metrics ?? new Dictionary<string, double>(),
                Error = record?.Error,
                Seconds = record?.Timings.Seconds,
                Machine = record?.Provenance.Machine,
            };
        }).ToList();
        var best = rule.Best(rows, r => r.Status == "done" ? TrialStatus.Done : null, r => r.Metrics);
        return new SweepReport
        {
            Name = manifest.Name,
            ProgramVersion = manifest.ProgramVersion,
            Deviations = manifest.Spec.Deviations,
            Expansion = manifest.Summary,
            Selection = rule,
            Parameters = manifest.Summary.SearchedParameters,
            Metrics = [.. rows.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal)],
            Best = best?.Index,
            Rows = rows,
        };
    }

    /// <summary>The best row, or null.</summary>
    public ReportRow? BestRow => Best is { } index ? Rows[index] : null;

    /// <summary>Every row as a table: index, id, seed, status, one column per searched parameter and per metric, seconds, machine, error.</summary>
    public ResultTable ToTable(IEnumerable<ReportRow>? rows = null)
    {
        var table = new ResultTable([.. (string[])["index", "id", "seed", "status"], .. Parameters, .. Metrics, "seconds", "machine", "error"]);
        foreach (var row in rows ?? Rows)
        {
            var cells = new List<object?> { row.Index, row.Id, row.Seed, row.Status };
            cells.AddRange(Parameters.Select(p => (object?)Cell(row.Parameters[p])));
            cells.AddRange(Metrics.Select(m => row.Metrics.TryGetValue(m, out var value) ? (object?)value : null));
            cells.Add(row.Seconds is { } seconds ? Math.Round(seconds, 3) : null);
            cells.Add(row.Machine);
            cells.Add(row.Error);
            table.AddRow([.. cells]);
        }

        return table;
    }

    /// <summary>Every row as CSV (see <see cref="ToTable"/>).</summary>
    public string ToCsv() => ToTable().ToCsv();

    /// <summary>The whole report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SweepJson.Indented.SweepReport) + "\n";

    /// <summary>For the terminal: the counts, the deviations, the best trial and the <paramref name="top"/> best rows by the rule.</summary>
    public string ToText(int top = 10)
    {
        var text = new StringBuilder();
        var done = Rows.Count(r => r.Status == "done");
        var failed = Rows.Count(r => r.Status == "failed");
        text.Append(CultureInfo.InvariantCulture, $"sweep {Name} ({ProgramVersion}): {Rows.Count} trials, {done} done, {failed} failed, {Rows.Count - done - failed} pending\n");
        foreach (var deviation in Deviations)
        {
            text.Append("deviation: ").Append(deviation).Append('\n');
        }

        if (BestRow is not { } best)
        {
            text.Append(CultureInfo.InvariantCulture, $"best by {Selection}: none yet (no done trial has {string.Join(" and ", Selection.Keys.Select(k => k.Metric))})\n");
            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $"best by {Selection}: trial {best.Index} ({best.Id}, seed {best.Seed})\n");
        foreach (var parameter in Parameters)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {parameter} = {Cell(best.Parameters[parameter])}\n");
        }

        foreach (var (metric, value) in best.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {metric}: {value.ToString("R", CultureInfo.InvariantCulture)}\n");
        }

        var ranked = Rows.Where(r => r.Status == "done").ToList();
        var order = new List<ReportRow>();
        while (order.Count < top && Selection.Best(ranked, _ => TrialStatus.Done, r => r.Metrics) is { } next)
        {
            order.Add(next);
            ranked.Remove(next);
        }

        text.Append(CultureInfo.InvariantCulture, $"\ntop {order.Count}:\n").Append(ToTable(order).ToText());
        return text.ToString();
    }

    /// <summary>A parameter value as a cell: strings as they are, anything else as its JSON.</summary>
    private static string Cell(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : CanonicalJson.Write(value);
}
