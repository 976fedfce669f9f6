using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DynPmnn.Cli.CommandLine;
using DynPmnn.Cli.Terminal;
using DynPmnn.Data;
using DynPmnn.Experiments;
using DynPmnn.Experiments.Paper;
using DynPmnn.IO;
using DynPmnn.Serialization;
using DynPmnn.Training;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn paper</c>: the authors' study on their six data sets, with their splits and protocols, beside their numbers.</summary>
internal static class PaperCommand
{
    public static Command Create()
    {
        var datasets = ListOption.Strings("--dataset", $"Data sets: all (the default) or some of {string.Join(", ", PaperStudies.All.Select(s => s.Name))}.");
        var seeds = new Option<int>("--seeds") { Description = "Runs per network, with seeds first-seed .. first-seed+N-1; the tables report median [min, max]. The tree grid is deterministic and runs once.", DefaultValueFactory = _ => 1 }.Within(1, 1000);
        var firstSeed = new Option<int>("--first-seed") { Description = "The first seed.", DefaultValueFactory = _ => 1 }.Within(0, int.MaxValue - 1000);
        var models = ListOption.Strings("--models", $"Models to run: {string.Join(", ", PaperRole.Authors)} (the authors' five, as each data set's code ran them) or any preset (see `dynpmnn presets`). Default: the authors' five and this project's DynPMNN; California's tree grid (minutes) only when named.");
        var repeats = new Option<int>("--repeats") { Description = "Also run every model on N repeated splits (split seeds 0..N-1, the first seed) and report mean ± sd; the five small data sets only (California keeps the paper's split).", DefaultValueFactory = _ => 0 }.Within(0, 1000);
        var epochs = new Option<int?>("--epochs") { Description = "Cap the epochs (default: each model's, 100 for the authors')." }.Within(1, 1_000_000);
        var output = new Option<string?>("--out") { Description = "Where results are written, one folder per data set (default results/paper-<time>)." };
        var data = new Option<string?>("--data") { Description = "The data file of the one data set named by --dataset; otherwise --data-dir, $DYNPMNN_DATA_DIR, the user cache, then a download." };
        var dataDirectory = new Option<string?>("--data-dir") { Description = "A folder holding the built-in data files (as `dynpmnn datasets fetch --to DIR` writes it); also $DYNPMNN_DATA_DIR." };
        var quiet = GlobalOptions.Quiet();
        var command = new Command("paper", "Rerun the authors' study (California Housing, Banknote, Breast Cancer, Diabetes, Energy, Iris) with their splits, models and protocols, and print each data set's table beside the paper's numbers; results.json, results.csv, table.txt and figures go to --out/<data set>/.")
        {
            datasets, seeds, firstSeed, models, repeats, epochs, output, data, dataDirectory, quiet,
        };
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var studies = Studies(parse.List(datasets));
            var dataFile = parse.GetValue(data);
            if (dataFile is not null && studies.Count != 1)
            {
                throw new UsageException("--data names one file: give --dataset with exactly one data set.");
            }

            var seedList = Enumerable.Range(parse.GetValue(firstSeed), parse.GetValue(seeds)).ToList();
            var repeatCount = parse.GetValue(repeats);
            var cap = parse.GetValue(epochs);
            var isQuiet = parse.GetValue(quiet);
            var chosen = parse.List(models);
            var plans = studies.Select(s => (Study: s, Entries: Entries(s, chosen, cap))).ToList();
            var outputFolder = parse.GetValue(output) ?? Path.Combine("results", "paper-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            OutputPaths.CheckWritableDirectory(outputFolder, "--out");

            var locator = new DataLocator { DataDirectory = parse.GetValue(dataDirectory) };
            var total = Stopwatch.StartNew();
            var summary = new StringBuilder();
            var anyFinished = false;
            var timings = new List<(string Dataset, double Seconds, double TreeSeconds)>();
            foreach (var (study, entries) in plans)
            {
                var started = Stopwatch.StartNew();
                var located = await locator.LocateAsync(study.Dataset, dataFile, new DownloadPrinter(study.Dataset.Title, isQuiet), cancellationToken);
                var dataset = located.Load();
                var split = DatasetSplit.Create(dataset, study.Split);
                if (!isQuiet)
                {
                    Console.Error.WriteLine($"{study.Dataset.Title}: {string.Join(", ", located.Files.Select(f => f.Path))} ({dataset.Rows:N0} rows; train/valid/test {split.Train.Rows:N0} / {split.Validation.Rows:N0} / {split.Test.Rows:N0})");
                }

                var sha = string.Join(",", located.Files.Select(f => f.File.Sha256));
                var store = StudyStore.Open(Path.Combine(outputFolder, study.Name), new StudyConfiguration
                {
                    Study = $"paper {study.Name}",
                    ProgramVersion = DynPmnn.Models.ModelProvenance.CurrentProgramVersion,
                    DataSha256 = sha,
                    Presets = [.. entries.Select(Describe)],
                    Seeds = seedList,
                });
                var runs = PaperStudyRunner.Run(study, entries, dataset, store, seedList, repeatCount, new Listener(isQuiet), sha, cancellationToken);
                var report = new PaperReport(study, entries, runs);
                var text = report.ToText(seedList.Count);
                Console.WriteLine();
                Console.Write(text);
                report.Write(store.Directory, seedList.Count);
                summary.Append(text).Append('\n');
                anyFinished |= runs.Any(r => r.Error is null);
                timings.Add((study.Name, started.Elapsed.TotalSeconds, runs.Where(r => r.Preset == PaperTreeRun.Preset && r.SplitSeed is null).Sum(r => r.TrainingSeconds)));
            }

            var c = CultureInfo.InvariantCulture;
            var timing = string.Join("; ", timings.Select(t => string.Create(c, $"{t.Dataset} {t.Seconds:F1} s") + (t.TreeSeconds > 0 ? string.Create(c, $" (tree grid {t.TreeSeconds:F1} s)") : string.Empty)));
            var closing = string.Create(c, $"total {total.Elapsed.TotalSeconds:F1} s on {Environment.ProcessorCount} cores: {timing}");
            summary.Append(closing).Append('\n');
            AtomicFile.WriteAllText(Path.Combine(outputFolder, "summary.txt"), summary.ToString());
            Console.WriteLine();
            Console.WriteLine(closing);
            Console.WriteLine($"results: {Path.GetFullPath(outputFolder)}");
            return anyFinished ? 0 : 1;
        });
        return command;
    }

    /// <summary>The studies named by <c>--dataset</c>: all when absent or "all".</summary>
    private static IReadOnlyList<PaperStudy> Studies(string[]? names)
    {
        if (names is null || names.Any(n => n.Equals("all", StringComparison.OrdinalIgnoreCase)))
        {
            return PaperStudies.All;
        }

        var studies = new List<PaperStudy>();
        foreach (var name in names)
        {
            if (!PaperStudies.All.Any(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new UsageException($"--dataset: unknown data set '{name}'; use all or some of {string.Join(", ", PaperStudies.All.Select(s => s.Name))}.");
            }

            studies.Add(PaperStudies.Find(name));
        }

        return [.. studies.Distinct()];
    }

    /// <summary>The rows of one data set's study: by default its own, else the roles and presets <c>--models</c> names.</summary>
    private static IReadOnlyList<PaperEntry> Entries(PaperStudy study, string[]? names, int? epochCap)
    {
        IEnumerable<PaperEntry> entries;
        if (names is null)
        {
            entries = study.Entries.Where(e => e.ByDefault);
        }
        else
        {
            var list = new List<PaperEntry>();
            foreach (var name in names)
            {
                if (study.Entries.FirstOrDefault(e => e.Role.Equals(name, StringComparison.OrdinalIgnoreCase) || (e.Preset?.Name.Equals(name, StringComparison.OrdinalIgnoreCase) ?? false)) is { } entry)
                {
                    list.Add(entry);
                    continue;
                }

                if (!Presets.All.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new UsageException($"--models: '{name}' is neither one of the authors' models ({string.Join(", ", PaperRole.Authors)}) nor a preset (see `dynpmnn presets`).");
                }

                var preset = Presets.Find(name);
                list.Add(new PaperEntry(preset.Name, preset.Title, preset, new Dictionary<string, double>()));
            }

            entries = list.DistinctBy(e => e.Preset?.Name ?? e.Role);
        }

        return [.. entries.Select(e => epochCap is { } cap && e.Preset is { } p ? e with { Preset = p with { Protocol = p.Protocol with { MaxEpochs = cap } } } : e)];
    }

    /// <summary>What a stored run depends on, for refusing to mix configurations in one folder.</summary>
    private static string Describe(PaperEntry entry) => entry.Preset is { } p
        ? $"{p.Name} {p.Model.ToJson()} {JsonSerializer.Serialize(p.Protocol, PublicJson.TrainingProtocol)}"
        : $"{PaperTreeRun.Preset} the authors' grid, random_state 42";

    /// <summary>Progress on standard error: one line per run, then its epochs.</summary>
    private sealed class Listener(bool quiet) : IPaperStudyListener
    {
        private ProgressPrinter? progress;

        public void Starting(PaperStudy study, PaperEntry entry, DynPmnn.Models.ModelSpec? model, int seed, int? splitSeed, int index, int total, RunResult? stored)
        {
            var where = splitSeed is { } s ? $", split {s}" : string.Empty;
            if (stored is not null)
            {
                Console.Error.WriteLine($"[{study.Name} {index}/{total}] {entry.Title}, seed {seed}{where}: finished earlier, read back");
                return;
            }

            var what = entry.Preset is { } p && model is not null ? $"{model.Summary}; {p.Protocol.Summary}; seed {seed}" : "the authors' grid";
            Console.Error.WriteLine($"[{study.Name} {index}/{total}] {entry.Title}: {what}{where}");
            progress = entry.Preset is { } preset ? new ProgressPrinter(preset.Name, preset.Protocol.MaxEpochs, quiet) : null;
        }

        public void Epoch(EpochReport report) => progress?.Report(report);

        public void Warning(string warning) => Console.Error.WriteLine($"  warning: {warning}");

        public void Finished(RunResult result, bool stored)
        {
            progress?.Finish();
            progress = null;
            if (stored)
            {
                return;
            }

            var c = CultureInfo.InvariantCulture;
            var score = result.TestMetrics.TryGetValue("accuracy", out var accuracy)
                ? string.Create(c, $"test accuracy {accuracy:F4}")
                : result.TestMetrics.TryGetValue("rmse", out var rmse) ? string.Create(c, $"test RMSE {rmse:F4}") : string.Empty;
            Console.Error.WriteLine(result.Error is null
                ? string.Create(c, $"  → {score}{(result.Preset == PaperTreeRun.Preset ? $"; {result.Notes}" : $" after {result.Epochs} epochs")} ({result.TrainingSeconds:F1} s)")
                : $"  → stopped: {result.Error}");
        }
    }
}
