using System.Globalization;
using System.Text.Json;
using System.CommandLine;
using DynPmnn.Cli.CommandLine;
using DynPmnn.Cli.Terminal;
using DynPmnn.Data;
using DynPmnn.Experiments;
using DynPmnn.Experiments.Reporting;
using DynPmnn.IO;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn paper</c>: the paper's comparison on California Housing, with its protocol, beside its numbers.</summary>
internal static class PaperCommand
{
    public static Command Create()
    {
        var seeds = new Option<int>("--seeds") { Description = "Runs per model, with seeds first-seed .. first-seed+N-1; the table reports median [min, max].", DefaultValueFactory = _ => 1 }.Within(1, 1000);
        var firstSeed = new Option<int>("--first-seed") { Description = "The first seed.", DefaultValueFactory = _ => 1 }.Within(0, int.MaxValue - 1000);
        var models = ListOption.Strings("--models", "Presets to run (default: the paper's four and this project's better DynPMNN; see `dynpmnn presets`).");
        var epochs = new Option<int?>("--epochs") { Description = "Cap the epochs (default: each preset's, 100 for the paper)." }.Within(1, 1_000_000);
        var output = new Option<string?>("--out") { Description = "Where results are written (default results/paper-<time>)." };
        var data = new Option<string?>("--data") { Description = "The California Housing file (cal_housing.data, cal_housing.tgz or a CSV); otherwise --data-dir, $DYNPMNN_DATA_DIR, $" + DataLocator.EnvironmentVariable + ", the user cache, then a download." };
        var dataDirectory = new Option<string?>("--data-dir") { Description = "A folder holding built-in data files." };
        var quiet = GlobalOptions.Quiet();
        var command = new Command("paper", "Rerun the paper's California Housing comparison with its split and protocol and print it beside the paper's numbers; results.json, results.csv and figures go to --out.")
        {
            seeds, firstSeed, models, epochs, output, data, dataDirectory, quiet,
        };
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var seedCount = parse.GetValue(seeds);
            var first = parse.GetValue(firstSeed);
            var isQuiet = parse.GetValue(quiet);
            var outputFolder = parse.GetValue(output) ?? Path.Combine("results", "paper-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            var presets = parse.List(models) is { } names ? [.. names.Select(Presets.Find)] : DefaultModels;
            if (parse.GetValue(epochs) is { } cap)
            {
                presets = [.. presets.Select(p => p with { Protocol = p.Protocol with { MaxEpochs = cap } })];
            }

            OutputPaths.CheckWritableDirectory(outputFolder, "--out");
            var locator = new DataLocator { DataDirectory = parse.GetValue(dataDirectory) };
            var located = await locator.LocateAsync(BuiltInDatasets.California, parse.GetValue(data), new DownloadPrinter("California Housing", isQuiet), cancellationToken);
            var dataset = located.Load();
            var split = DatasetSplit.Create(dataset, SplitOptions.PaperCalifornia);
            if (!isQuiet)
            {
                Console.Error.WriteLine($"data: {string.Join(", ", located.Files.Select(f => f.Path))} ({dataset.Rows:N0} rows; train/valid/test {split.Train.Rows:N0} / {split.Validation.Rows:N0} / {split.Test.Rows:N0})");
            }

            // Each finished run is stored as it ends, so an interrupted study resumes; another configuration is refused.
            var store = StudyStore.Open(outputFolder, new StudyConfiguration
            {
                Study = "paper california",
                ProgramVersion = DynPmnn.Models.ModelProvenance.CurrentProgramVersion,
                DataSha256 = string.Join(",", located.Files.Select(f => f.File.Sha256)),
                Presets = [.. presets.Select(p => $"{p.Name} {p.Model.ToJson()} {System.Text.Json.JsonSerializer.Serialize(p.Protocol, DynPmnn.Serialization.PublicJson.TrainingProtocol)}")],
                Seeds = [.. Enumerable.Range(first, seedCount)],
            });
            var runs = new List<RunResult>();
            var total = presets.Count * seedCount;
            foreach (var preset in presets)
            {
                for (var seed = first; seed < first + seedCount; seed++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (store.Find(preset.Name, seed) is { } stored)
                    {
                        runs.Add(stored);
                        Console.Error.WriteLine($"[{runs.Count}/{total}] {preset.Title}, seed {seed}: finished earlier, read from {store.Directory}");
                        continue;
                    }

                    Console.Error.WriteLine($"[{runs.Count + 1}/{total}] {preset.Title}: {preset.Model.Summary}; {preset.Protocol.Summary}; seed {seed}");
                    var progress = new ProgressPrinter(preset.Name, preset.Protocol.MaxEpochs, isQuiet);
                    var result = ExperimentRunner.Run(preset, split, seed, progress, cancellationToken, warning => Console.Error.WriteLine($"  warning: {warning}")).Result;
                    progress.Finish();
                    store.Add(result);
                    runs.Add(result);
                    Console.Error.WriteLine(result.Error is null
                        ? string.Create(CultureInfo.InvariantCulture, $"  → test RMSE {result.TestRmse:F4} after {result.Epochs} epochs ({result.TrainingSeconds:F1} s)")
                        : $"  → stopped: {result.Error}");
                }
            }

            var summaries = presets.Select(p => PaperSummary.Of(p, runs.Where(r => r.Preset == p.Name).ToList())).ToList();
            Console.WriteLine();
            Console.WriteLine($"California Housing, the paper's split and protocol, {seedCount} seed{(seedCount > 1 ? "s" : string.Empty)} per model" + (seedCount > 1 ? " (median [min, max])" : string.Empty));
            Console.Write(PaperSummary.Table(summaries, seedCount > 1).ToText());
            foreach (var failed in runs.Where(r => r.Error is not null))
            {
                Console.WriteLine($"note: {failed.Title}, seed {failed.Seed}: {failed.Error}");
            }

            ResultFiles.Write(outputFolder, summaries, runs);
            Console.WriteLine($"results: {Path.GetFullPath(outputFolder)}");
            return runs.Any(r => r.Error is null) ? 0 : 1;
        });
        return command;
    }

    /// <summary>The paper's four models, then this project's better DynPMNN.</summary>
    internal static IReadOnlyList<Preset> DefaultModels => Presets.Paper;
}

/// <summary>One row of the paper table: a model's runs over all seeds, beside what the paper reported.</summary>
internal sealed record PaperSummary(Preset Preset, IReadOnlyList<RunResult> Runs)
{
    public static PaperSummary Of(Preset preset, IReadOnlyList<RunResult> runs) => new(preset, runs);

    public IEnumerable<RunResult> Finished => Runs.Where(r => r.Error is null);

    public static ResultTable Table(IReadOnlyList<PaperSummary> summaries, bool spread)
    {
        var c = CultureInfo.InvariantCulture;
        string Stat(IEnumerable<double> values, string format)
        {
            var list = values.Where(double.IsFinite).ToList();
            if (list.Count == 0)
            {
                return "-";
            }

            var median = ExperimentRunner.Median(list).ToString(format, c);
            return spread && list.Count > 1 ? $"{median} [{list.Min().ToString(format, c)}, {list.Max().ToString(format, c)}]" : median;
        }

        var table = new ResultTable("model", "params", "epochs", "train s", "s/epoch", "best valid MSE", "test RMSE", "paper RMSE", "paper params", "notes");
        foreach (var s in summaries)
        {
            var failed = s.Runs.Count(r => r.Error is not null);
            table.AddRow(
                s.Preset.Title,
                s.Runs.Count == 0 ? "-" : s.Runs[0].Parameters.ToString("N0", c),
                Stat(s.Finished.Select(r => (double)r.Epochs), "F0"),
                Stat(s.Finished.Select(r => r.TrainingSeconds), "F1"),
                Stat(s.Finished.Select(r => r.MedianEpochSeconds), "F3"),
                Stat(s.Finished.Select(r => r.BestValidationMse), "F4"),
                Stat(s.Finished.Select(r => r.TestRmse), "F4"),
                s.Preset.PublishedTestRmse?.ToString("F4", c) ?? "-",
                s.Preset.PublishedParameters ?? "-",
                failed > 0 ? $"{failed} diverged" : string.Empty);
        }

        return table;
    }
}

/// <summary>The result files of a paper run: every run in JSON, the table in CSV, the figures as PNG and SVG.</summary>
internal static class ResultFiles
{
    public static void Write(string directory, IReadOnlyList<PaperSummary> summaries, IReadOnlyList<RunResult> runs)
    {
        var results = new StudyResults
        {
            Experiment = "California Housing, the paper's split and protocol",
            Models = [.. summaries.Select(s => new StudyModel
            {
                Preset = s.Preset.Name,
                Title = s.Preset.Title,
                Model = s.Preset.Model,
                Protocol = s.Preset.Protocol,
                PaperTestRmse = s.Preset.PublishedTestRmse,
                PaperParameters = s.Preset.PublishedParameters,
            })],
            Runs = [.. runs],
        };
        var json = JsonSerializer.Serialize(results, ExperimentsJson.Default.StudyResults);
        AtomicFile.WriteAllText(Path.Combine(directory, "results.json"), json);

        var csv = new ResultTable("preset", "title", "seed", "parameters", "epochs", "best_epoch", "training_seconds", "median_epoch_seconds", "best_validation_mse", "test_rmse", "test_mae", "test_r2", "paper_test_rmse", "error");
        foreach (var r in runs)
        {
            var preset = summaries.First(s => s.Preset.Name == r.Preset).Preset;
            csv.AddRow(r.Preset, r.Title, r.Seed, r.Parameters, r.Epochs, r.BestEpoch, r.TrainingSeconds, Finite(r.MedianEpochSeconds), Finite(r.BestValidationMse),
                Finite(r.TestRmse), Finite(r.TestMae), Finite(r.TestR2), preset.PublishedTestRmse, r.Error);
        }

        csv.SaveCsv(Path.Combine(directory, "results.csv"));

        WriteFigures(directory, summaries.SelectMany(s => s.Runs.Select(r => new PlottedRun(
            s.Preset.Title,
            s.Preset.PublishedTestRmse,
            r.Error is null ? Finite(r.TestRmse) : null,
            [.. r.History.Select(h => (double)h.Epoch)],
            [.. r.History.Select(h => h.ValidationLoss ?? double.NaN)]))).ToList());
    }

    /// <summary>
    /// Draws the figures of a paper run into <paramref name="directory"/>, each as PNG and SVG: <c>curves</c>, the
    /// validation MSE per epoch of every run, and <c>comparison</c>, each model's test RMSE over its seeds beside the
    /// paper's. A figure with nothing to show is not written.
    /// </summary>
    public static void WriteFigures(string directory, IReadOnlyList<PlottedRun> runs)
    {
        // A run that stopped within its first epoch has no point to draw; one NaN keeps it in the legend, marked as not
        // drawn, instead of letting its model vanish from the figure.
        var curves = runs.Select(r => r.Epochs.Count > 0 ? new Curve(r.Model, r.Epochs, r.ValidationLoss) : new Curve(r.Model, [1], [double.NaN])).ToList();
        if (curves.Count > 0)
        {
            using var figure = Figures.ValidationCurves(curves, "California Housing: validation MSE per epoch", "epoch", "validation MSE");
            figure.SavePng(Path.Combine(directory, "curves.png"));
            figure.SaveSvg(Path.Combine(directory, "curves.svg"));
        }

        var models = runs.GroupBy(r => r.Model).ToList();
        var bars = models.Where(m => m.Any(r => r.TestRmse is not null))
            .Select(m => new ComparisonBar(m.Key, [.. m.Where(r => r.TestRmse is not null).Select(r => r.TestRmse!.Value)], m.First().PaperTestRmse))
            .ToList();
        var unfinished = models.Where(m => m.All(r => r.TestRmse is null)).Select(m => m.Key).ToList();
        if (bars.Count > 0)
        {
            using var figure = Figures.Comparison(
                "California Housing: test RMSE per model",
                "test RMSE",
                bars,
                lowerIsBetter: true,
                referenceLabel: "paper",
                caption: unfinished.Count == 0 ? string.Empty : $"no run finished, not shown: {string.Join(", ", unfinished)}");
            figure.SavePng(Path.Combine(directory, "comparison.png"));
            figure.SaveSvg(Path.Combine(directory, "comparison.svg"));
        }
    }

    /// <summary>
    /// The runs in a results.json this class wrote, in the file's order, so its figures can be drawn again (after a
    /// change to the figures, say) without training again. A run that stopped with an error has no test RMSE; a missing
    /// validation loss in a history comes back as NaN.
    /// </summary>
    public static IReadOnlyList<PlottedRun> ReadRuns(string json)
    {
        var results = JsonSerializer.Deserialize(json, ExperimentsJson.Default.StudyResults) ?? throw new InvalidDataException("results.json is empty (null).");
        var models = results.Models.ToDictionary(m => m.Preset);
        return [.. results.Runs.Select(run =>
        {
            var model = models[run.Preset];
            return new PlottedRun(
                model.Title,
                model.PaperTestRmse,
                run.Error is null ? Finite(run.TestRmse) : null,
                [.. run.History.Select(h => (double)h.Epoch)],
                [.. run.History.Select(h => h.ValidationLoss ?? double.NaN)]);
        })];
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    /// <summary>What the figures need of one run: its model's title and paper value, its test RMSE if it finished, its validation MSE per epoch.</summary>
    internal sealed record PlottedRun(string Model, double? PaperTestRmse, double? TestRmse, IReadOnlyList<double> Epochs, IReadOnlyList<double> ValidationLoss);
}
