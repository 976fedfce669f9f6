using System.Globalization;
using System.Text;
using System.Text.Json;
using DynPmnn.Data;
using DynPmnn.Experiments.Reporting;
using DynPmnn.IO;

namespace DynPmnn.Experiments.Paper;

/// <summary>
/// A data set's study in print and on disk: the table beside the paper's numbers (median [min, max] over seeds), the
/// repeated-split table (mean ± standard deviation), the target line, and <c>results.json</c>, <c>results.csv</c>,
/// <c>table.txt</c> and the figures in the study's folder.
/// </summary>
public sealed class PaperReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private readonly PaperStudy study;
    private readonly IReadOnlyList<PaperEntry> entries;
    private readonly IReadOnlyList<RunResult> runs;
    private readonly bool classification;

    public PaperReport(PaperStudy study, IReadOnlyList<PaperEntry> entries, IReadOnlyList<RunResult> runs)
    {
        this.study = study ?? throw new ArgumentNullException(nameof(study));
        this.entries = entries ?? throw new ArgumentNullException(nameof(entries));
        this.runs = runs ?? throw new ArgumentNullException(nameof(runs));
        classification = study.Dataset.Task.Kind == TaskKind.Classification;
    }

    /// <summary>The number of training seeds of the networks on the authors' split.</summary>
    public int Seeds => Math.Max(1, runs.Where(r => r.SplitSeed is null && r.Preset != PaperTreeRun.Preset).Select(r => r.Seed).Distinct().Count());

    /// <summary>The study's heading, such as "Iris, the authors' split and protocol".</summary>
    public string Heading => $"{study.Dataset.Title}, the authors' split and protocol";

    /// <summary>The runs on the authors' split (not the repeated splits) of <paramref name="entry"/>.</summary>
    public IReadOnlyList<RunResult> RunsOf(PaperEntry entry, bool repeated = false) =>
        [.. runs.Where(r => r.Preset == Key(entry) && (r.SplitSeed is not null) == repeated)];

    /// <summary>The main table: each model on the authors' split beside the paper's numbers.</summary>
    public ResultTable Table()
    {
        var table = classification
            ? new ResultTable("model", "params", "paper params", "epochs", "accuracy", "paper", "cross-entropy", "paper", "F1", "paper", "notes")
            : new ResultTable("model", "params", "paper params", "epochs", "MSE (as paper)", "paper", "RMSE (as paper)", "paper", "MAE", "paper", "MSE, batches of 32", "notes");
        foreach (var entry in entries)
        {
            var all = RunsOf(entry);
            var done = all.Where(r => r.Error is null).ToList();
            var failed = all.Count - done.Count;
            var notes = entry.Preset is null ? all.FirstOrDefault()?.Notes ?? string.Empty : failed > 0 ? $"{failed} of {all.Count} failed" : string.Empty;
            var parameters = entry.Preset is null ? "-" : all.Count == 0 ? "-" : all[0].Parameters.ToString("N0", C);
            var epochs = entry.Preset is null ? "-" : Stat(done.Select(r => (double)r.Epochs), "F0");
            if (classification)
            {
                table.AddRow(entry.Title, parameters, entry.ReportedParameters ?? "-", epochs,
                    Stat(Metric(done, "accuracy"), "F4"), Paper(entry, "accuracy"),
                    Stat(Metric(done, "cross_entropy"), "F4"), Paper(entry, "cross_entropy"),
                    Stat(Metric(done, "f1"), "F4"), Paper(entry, "f1"),
                    notes);
            }
            else
            {
                table.AddRow(entry.Title, parameters, entry.ReportedParameters ?? "-", epochs,
                    Stat(Metric(done, entry.AsPaper("mse")), null), Paper(entry, entry.AsPaper("mse")),
                    Stat(Metric(done, entry.AsPaper("rmse")), null), Paper(entry, entry.AsPaper("rmse")),
                    Stat(Metric(done, "mae"), null), Paper(entry, "mae"),
                    Stat(Metric(done, "batch32_mse"), null),
                    notes);
            }
        }

        return table;
    }

    /// <summary>Every model over the repeated splits, mean ± standard deviation; null when none ran.</summary>
    public ResultTable? RepeatsTable()
    {
        if (!runs.Any(r => r.SplitSeed is not null))
        {
            return null;
        }

        var table = classification
            ? new ResultTable("model", "splits", "accuracy", "cross-entropy", "F1", "failed")
            : new ResultTable("model", "splits", "MSE", "RMSE", "MAE", "MSE, batches of 32", "failed");
        foreach (var entry in entries)
        {
            var all = RunsOf(entry, repeated: true);
            var done = all.Where(r => r.Error is null).ToList();
            var failed = (all.Count - done.Count).ToString(C);
            if (classification)
            {
                table.AddRow(entry.Title, all.Count, MeanSd(Metric(done, "accuracy"), "F4"), MeanSd(Metric(done, "cross_entropy"), "F4"), MeanSd(Metric(done, "f1"), "F4"), failed);
            }
            else
            {
                table.AddRow(entry.Title, all.Count, MeanSd(Metric(done, "mse"), null), MeanSd(Metric(done, "rmse"), null), MeanSd(Metric(done, "mae"), null), MeanSd(Metric(done, "batch32_mse"), null), failed);
            }
        }

        return table;
    }

    /// <summary>This project's models against the best baseline.</summary>
    public StudyTarget Target()
    {
        var target = study.Target;
        var result = new StudyTarget { Metric = target.Metric, Value = target.Value, LowerIsBetter = target.LowerIsBetter, Baseline = target.Baseline };
        foreach (var entry in entries.Where(e => !e.IsAuthors))
        {
            var done = RunsOf(entry).Where(r => r.Error is null).ToList();
            if (done.Count == 0)
            {
                continue;
            }

            var median = ExperimentRunner.Median(Metric(done, target.Metric));
            double? rows = target.RowsMetric is { } key ? ExperimentRunner.Median(Metric(done, key)) : null;
            result.Results.Add(new StudyTargetResult { Preset = Key(entry), Median = median, RowsMedian = rows, Met = target.IsMetBy(median) });
        }

        return result;
    }

    /// <summary>The target in words, one line per model of this project.</summary>
    public IEnumerable<string> TargetLines()
    {
        var target = Target();
        var sign = target.LowerIsBetter ? "≤" : "≥";
        yield return $"target: {target.Metric} {sign} {Number(target.Value, null)} ({target.Baseline})";
        foreach (var result in target.Results)
        {
            var title = entries.First(e => Key(e) == result.Preset).Title;
            var rows = result.RowsMedian is { } r && study.Target.RowsMetric is { } key ? $"; {key} over all rows {Number(r, null)}" : string.Empty;
            yield return $"  {title}: median {Number(result.Median, null)}{rows} → {(result.Met ? "met" : "not met")}";
        }
    }

    /// <summary>The whole report as the terminal shows it.</summary>
    public string ToText(int seeds)
    {
        var text = new StringBuilder();
        text.Append(Heading).Append($", {seeds} seed{(seeds > 1 ? "s" : string.Empty)} per network").Append(seeds > 1 ? " (median [min, max])" : string.Empty).Append('\n');
        text.Append(Table().ToText());
        foreach (var line in TargetLines())
        {
            text.Append(line).Append('\n');
        }

        if (RepeatsTable() is { } repeats)
        {
            var splits = runs.Where(r => r.SplitSeed is not null).Select(r => r.SplitSeed!.Value).Distinct().Order().ToList();
            text.Append('\n').Append($"{study.Dataset.Title}, {splits.Count} repeated splits (seeds {splits[0]}–{splits[^1]}; mean ± sd)\n").Append(repeats.ToText());
        }

        foreach (var failed in runs.Where(r => r.Error is not null))
        {
            text.Append($"note: {failed.Title}, seed {failed.Seed}{(failed.SplitSeed is { } s ? $", split {s}" : string.Empty)}: {failed.Error}\n");
        }

        return text.ToString();
    }

    /// <summary>Writes results.json, results.csv, table.txt and the figures (PNG and SVG) into <paramref name="directory"/>.</summary>
    public void Write(string directory, int seeds)
    {
        var results = new StudyResults
        {
            Experiment = Heading,
            Dataset = study.Name,
            Target = Target(),
            Models = [.. entries.Select(e => new StudyModel
            {
                Preset = Key(e),
                Title = e.Title,
                Role = e.Role,
                Model = e.Preset?.Model ?? new DynPmnn.Models.ModelSpec { Kind = DynPmnn.Models.ModelKind.Dnn },
                Protocol = e.Preset?.Protocol ?? new DynPmnn.Training.TrainingProtocol(),
                PaperTestRmse = e.Reported.TryGetValue(e.AsPaper("rmse"), out var rmse) ? rmse : null,
                PaperParameters = e.ReportedParameters,
                PaperTest = e.Reported.Count == 0 ? null : new Dictionary<string, double>(e.Reported),
            })],
            Runs = [.. runs],
        };
        AtomicFile.WriteAllText(Path.Combine(directory, "results.json"), JsonSerializer.Serialize(results, ExperimentsJson.Default.StudyResults));
        AtomicFile.WriteAllText(Path.Combine(directory, "table.txt"), ToText(seeds));
        Csv().SaveCsv(Path.Combine(directory, "results.csv"));
        WriteFigures(directory);
    }

    /// <summary>One row per run with every test metric the study reports.</summary>
    public ResultTable Csv()
    {
        var metrics = runs.SelectMany(r => r.TestMetrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var table = new ResultTable(["preset", "title", "seed", "split_seed", "parameters", "epochs", "best_epoch", "training_seconds", "median_epoch_seconds", .. metrics.Select(m => "test_" + m), "error", "notes"]);
        foreach (var r in runs)
        {
            table.AddRow([r.Preset, r.Title, r.Seed, r.SplitSeed, r.Parameters, r.Epochs, r.BestEpoch, r.TrainingSeconds, Finite(r.MedianEpochSeconds),
                .. metrics.Select(m => r.TestMetrics.TryGetValue(m, out var v) ? (object?)Finite(v) : null), r.Error, r.Notes]);
        }

        return table;
    }

    /// <summary>
    /// The report of a study's <c>results.json</c> as this class wrote it, so its tables and figures can be made again
    /// (after a change to the figures, say) without training again.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not such a study's results.</exception>
    public static PaperReport Read(string json)
    {
        StudyResults results;
        try
        {
            results = JsonSerializer.Deserialize(json, ExperimentsJson.Default.StudyResults) ?? throw new InvalidDataException("results.json is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a study's results.json: {DynPmnn.Serialization.PublicJson.Describe(e)}", e);
        }

        if (results.Dataset is null)
        {
            throw new InvalidDataException("This results.json names no data set: it was written by an older version, before the six-data-set study.");
        }

        var study = PaperStudies.Find(results.Dataset);
        var entries = results.Models.Select(m => study.Entries.FirstOrDefault(e => Key(e) == m.Preset)
            ?? new PaperEntry(m.Role ?? m.Preset, m.Title, new Preset(m.Preset, m.Title, m.Model, m.Protocol), m.PaperTest ?? new Dictionary<string, double>())).ToList();
        return new PaperReport(study, entries, results.Runs);
    }

    /// <summary>Draws <c>comparison</c> (the target metric per model beside the paper's) and <c>curves</c> (validation per epoch) as PNG and SVG.</summary>
    public void WriteFigures(string directory)
    {
        var target = study.Target;
        var bars = new List<ComparisonBar>();
        foreach (var entry in entries)
        {
            var values = Metric(RunsOf(entry).Where(r => r.Error is null), target.Metric).ToList();
            if (values.Count > 0)
            {
                bars.Add(new ComparisonBar(entry.Title, values, entry.Reported.TryGetValue(target.Metric, out var paper) ? paper : null));
            }
        }

        if (bars.Count > 0)
        {
            using var figure = Figures.Comparison($"{study.Dataset.Title}: test {target.Metric} per model", target.Metric, bars, target.LowerIsBetter, referenceLabel: "paper");
            figure.SavePng(Path.Combine(directory, "comparison.png"));
            figure.SaveSvg(Path.Combine(directory, "comparison.svg"));
        }

        var curves = runs.Where(r => r.SplitSeed is null && r.History.Count > 0)
            .Select(r => classification
                ? new Curve(r.Title, [.. r.History.Select(h => (double)h.Epoch)], [.. r.History.Select(h => h.ValidationAccuracy ?? double.NaN)])
                : new Curve(r.Title, [.. r.History.Select(h => (double)h.Epoch)], [.. r.History.Select(h => h.ValidationLoss ?? double.NaN)]))
            .ToList();
        if (curves.Count > 0)
        {
            using var figure = classification
                ? Figures.ValidationCurves(curves, $"{study.Dataset.Title}: validation accuracy per epoch", "epoch", "validation accuracy", logY: false)
                : Figures.ValidationCurves(curves, $"{study.Dataset.Title}: validation MSE per epoch", "epoch", "validation MSE");
            figure.SavePng(Path.Combine(directory, "curves.png"));
            figure.SaveSvg(Path.Combine(directory, "curves.svg"));
        }
    }

    private static string Key(PaperEntry entry) => entry.Preset?.Name ?? PaperTreeRun.Preset;

    private static IEnumerable<double> Metric(IEnumerable<RunResult> runs, string key) =>
        runs.Select(r => r.TestMetrics.TryGetValue(key, out var v) ? v : double.NaN).Where(double.IsFinite);

    private static string Paper(PaperEntry entry, string key) => entry.Reported.TryGetValue(key, out var v) ? Number(v, null) : "-";

    private static string Stat(IEnumerable<double> values, string? format)
    {
        var list = values.Where(double.IsFinite).ToList();
        if (list.Count == 0)
        {
            return "-";
        }

        var median = Number(ExperimentRunner.Median(list), format);
        return list.Count > 1 ? $"{median} [{Number(list.Min(), format)}, {Number(list.Max(), format)}]" : median;
    }

    private static string MeanSd(IEnumerable<double> values, string? format)
    {
        var (mean, sd) = ExperimentRunner.MeanAndDeviation(values);
        return double.IsNaN(mean) ? "-" : $"{Number(mean, format)} ± {Number(sd, format)}";
    }

    /// <summary>Four decimals, or one for values in the hundreds and more (Diabetes' MSE is in the thousands).</summary>
    private static string Number(double value, string? format) => value.ToString(format ?? (Math.Abs(value) >= 100 ? "F1" : "F4"), C);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
