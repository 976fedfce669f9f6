using System.Globalization;
using System.Text.Json;
using DynPmnn.Cli.Terminal;
using DynPmnn.Experiments;
using DynPmnn.Experiments.Reporting;
using DynPmnn.IO;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn paper</c>: the paper's comparison on California Housing, with its protocol, beside its numbers.</summary>
internal static class PaperCommand
{
    public const string Usage = """
        usage: dynpmnn paper [--seeds N] [--models a,b,...] [options]

        Trains the paper's models on California Housing with the paper's protocol and prints one table beside the
        paper's numbers. Results go to OUT/results.json, OUT/results.csv and OUT/curves.png.

          --seeds N           runs per model with seeds first-seed .. first-seed+N-1; reports median [min, max] (default 1)
          --first-seed N      (default 1)
          --models LIST       presets to run (default: the paper's four and this project's better DynPMNN; see `dynpmnn presets`)
          --epochs N          cap the epochs (default: each preset's, 100 for the paper)
          --out DIR           where results are written (default results/paper-<time>)
          --quiet             no per-epoch progress
        """ + "\n  " + DataOptions.Usage;

    public static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var seeds = args.Int("seeds", 1, 1000) ?? 1;
        var firstSeed = args.Int("first-seed") ?? 1;
        var names = args.List("models");
        var epochs = args.Int("epochs", 1);
        var output = args.String("out") ?? Path.Combine("results", "paper-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var data = args.String("data");
        var quiet = args.Flag("quiet");
        args.EnsureAllUsed(positional: 0);

        var presets = names is null ? DefaultModels : [.. names.Select(Presets.Find)];
        if (epochs is { } cap)
        {
            presets = [.. presets.Select(p => p with { Protocol = p.Protocol with { MaxEpochs = cap } })];
        }

        var split = await DataOptions.LoadSplitAsync(data, quiet, cancellationToken);
        var runs = new List<RunResult>();
        var total = presets.Count * seeds;
        foreach (var preset in presets)
        {
            for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Console.Error.WriteLine($"[{runs.Count + 1}/{total}] {preset.Title}: {preset.Model.Summary}; {preset.Protocol.Summary}; seed {seed}");
                var result = ExperimentRunner.Run(
                    preset,
                    split,
                    seed,
                    new ProgressPrinter(preset.Name, preset.Protocol.MaxEpochs, quiet),
                    cancellationToken,
                    warn: warning => Console.Error.WriteLine($"  warning: {warning}"));
                runs.Add(result);
                Console.Error.WriteLine(result.Error is null
                    ? string.Create(CultureInfo.InvariantCulture, $"  → test RMSE {result.TestRmse:F4} after {result.Epochs} epochs ({result.TrainingSeconds:F1} s)")
                    : $"  → stopped: {result.Error}");
            }
        }

        var summaries = presets.Select(p => PaperSummary.Of(p, runs.Where(r => r.Preset == p.Name).ToList())).ToList();
        Console.WriteLine();
        Console.WriteLine($"California Housing, the paper's split and protocol, {seeds} seed{(seeds > 1 ? "s" : string.Empty)} per model" + (seeds > 1 ? " (median [min, max])" : string.Empty));
        Console.Write(PaperSummary.Table(summaries, seeds > 1).ToText());
        foreach (var failed in runs.Where(r => r.Error is not null))
        {
            Console.WriteLine($"note: {failed.Title}, seed {failed.Seed}: {failed.Error}");
        }

        Directory.CreateDirectory(output);
        ResultFiles.Write(output, summaries, runs);
        Console.WriteLine($"results: {Path.GetFullPath(output)}");
        return 0;
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

/// <summary>The result files of a paper run: every run in JSON, the table in CSV.</summary>
internal static class ResultFiles
{
    public static void Write(string directory, IReadOnlyList<PaperSummary> summaries, IReadOnlyList<RunResult> runs)
    {
        var json = JsonSerializer.Serialize(
            new
            {
                experiment = "California Housing, the paper's split and protocol",
                models = summaries.Select(s => new
                {
                    preset = s.Preset.Name,
                    title = s.Preset.Title,
                    model = s.Preset.Model,
                    protocol = s.Preset.Protocol,
                    paperTestRmse = s.Preset.PublishedTestRmse,
                    paperParameters = s.Preset.PublishedParameters,
                }),
                runs = runs.Select(r => new
                {
                    r.Preset,
                    r.Seed,
                    r.Parameters,
                    r.Epochs,
                    r.BestEpoch,
                    r.TrainingSeconds,
                    MedianEpochSeconds = Finite(r.MedianEpochSeconds),
                    BestValidationMse = Finite(r.BestValidationMse),
                    TestRmse = Finite(r.TestRmse),
                    TestMae = Finite(r.TestMae),
                    TestR2 = Finite(r.TestR2),
                    r.Error,
                    r.StabilityWarnings,
                    history = r.History.Select(h => new { h.Epoch, TrainLoss = Finite(h.TrainLoss), ValidationLoss = h.ValidationLoss is { } v ? Finite(v) : null, h.Seconds }),
                }),
            },
            new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.WriteAllText(Path.Combine(directory, "results.json"), json);

        var csv = new ResultTable("preset", "title", "seed", "parameters", "epochs", "best_epoch", "training_seconds", "median_epoch_seconds", "best_validation_mse", "test_rmse", "test_mae", "test_r2", "paper_test_rmse", "error");
        foreach (var r in runs)
        {
            var preset = summaries.First(s => s.Preset.Name == r.Preset).Preset;
            csv.AddRow(r.Preset, r.Title, r.Seed, r.Parameters, r.Epochs, r.BestEpoch, r.TrainingSeconds, Finite(r.MedianEpochSeconds), Finite(r.BestValidationMse),
                Finite(r.TestRmse), Finite(r.TestMae), Finite(r.TestR2), preset.PublishedTestRmse, r.Error);
        }

        csv.SaveCsv(Path.Combine(directory, "results.csv"));

        var plot = new LinePlot("California Housing: validation MSE per epoch", "epoch", "validation MSE") { LogY = true };
        for (var m = 0; m < summaries.Count; m++)
        {
            foreach (var run in summaries[m].Runs.Where(r => r.History.Count > 0))
            {
                plot.Add(summaries[m].Preset.Title, run.History.Select(h => h.Epoch).ToList(), run.History.Select(h => h.ValidationLoss ?? double.NaN).ToList(), m);
            }
        }

        if (plot.SeriesCount > 0)
        {
            plot.Save(Path.Combine(directory, "curves.png"), 900, 600);
        }
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
