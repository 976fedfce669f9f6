using System.CommandLine;
using System.Globalization;
using DynPmnn.Cli.CommandLine;
using DynPmnn.Cli.Terminal;
using DynPmnn.Data;
using DynPmnn.Experiments;
using DynPmnn.Experiments.Reporting;
using DynPmnn.Models;
using DynPmnn.Neurons;
using DynPmnn.Training;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn train</c>: one model, any settings, on a built-in data set or a user's file, optionally saved.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new DataSelection();
        var model = new ModelOptions();
        var split = new Option<SplitMethod?>("--split") { Description = "Sklearn (scikit-learn's train_test_split twice, 70/20/10, stratified for classification; the default) or Paper (the California Housing experiment's numpy split; its default)." }.NamesOnly();
        var splitSeed = new Option<int?>("--split-seed") { Description = "The split's seed (default 42, the paper's)." }.Within(0, int.MaxValue);
        var repeats = new Option<int?>("--repeats") { Description = "Train on N repeated random splits (split seeds 0..N-1) and report each test metric's mean ± standard deviation, for a robust comparison on small data sets." }.Within(2, 1000);
        var scale = new Option<ScalingKind?>("--scale") { Description = "Feature scaling fitted on the training rows: Standard (the paper's, default), MinMax or None." }.NamesOnly();
        var standardizeTargets = new Option<bool>("--standardize-targets") { Description = "Standardise regression targets for training (predictions are mapped back; the paper keeps them in their units). Presets that train so (the recipes) do it without this option." };
        var seed = new Option<int>("--seed") { Description = "Initialisation and shuffling seed.", DefaultValueFactory = _ => 1 };
        var save = new Option<string?>("--save") { Description = "Write the trained model (a safetensors file carrying everything `dynpmnn predict` needs)." };
        var quiet = GlobalOptions.Quiet();
        var command = new Command("train", "Train one model (a preset, a JSON spec, with any overrides) on a built-in data set or your own CSV, report its test metrics, and optionally save it.");
        data.AddTo(command);
        model.AddTo(command);
        foreach (var option in new Option[] { split, splitSeed, repeats, scale, standardizeTargets, seed, save, quiet })
        {
            command.Options.Add(option);
        }

        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var isQuiet = parse.GetValue(quiet);
            var savePath = parse.GetValue(save);
            var repeatCount = parse.GetValue(repeats);
            if (savePath is not null)
            {
                if (repeatCount is not null)
                {
                    throw new UsageException("--save keeps one model; with --repeats every split trains its own. Drop one of them.");
                }

                OutputPaths.CheckWritableFile(savePath, "--save");
            }

            var preset = model.Configure(parse);
            var loaded = await data.LoadAsync(parse, isQuiet, cancellationToken);
            preset = ForTask(preset, loaded.Dataset.Task, model.MonitorGiven(parse));
            var splitOptions = SplitOptionsFor(loaded, parse.GetValue(split), parse.GetValue(splitSeed)) with
            {
                Features = parse.GetValue(scale) ?? ScalingKind.Standard,
                StandardizeTargets = parse.GetValue(standardizeTargets) || (preset.StandardizeTargets && loaded.Dataset.Task.Kind == TaskKind.Regression),
            };
            var runSeed = parse.GetValue(seed);
            if (!isQuiet)
            {
                Console.Error.WriteLine($"model: {ExperimentRunner.ForData(preset.Model, loaded.Dataset.Task, loaded.Dataset.Columns).Summary}");
                Console.Error.WriteLine($"training: {preset.Protocol.Summary}");
            }

            if (repeatCount is { } count)
            {
                return Repeated(preset, loaded, splitOptions, count, runSeed, isQuiet, cancellationToken);
            }

            var splitData = DatasetSplit.Create(loaded.Dataset, splitOptions);
            if (!isQuiet)
            {
                Console.Error.WriteLine($"split: {ExperimentRunner.Describe(splitOptions)}: train/valid/test {splitData.Train.Rows:N0} / {splitData.Validation.Rows:N0} / {splitData.Test.Rows:N0} rows");
            }

            var progress = new ProgressPrinter(preset.Name, preset.Protocol.MaxEpochs, isQuiet, LossName(preset.Model));
            var outcome = ExperimentRunner.Run(preset, splitData, runSeed, progress, cancellationToken, warning => Console.Error.WriteLine($"warning: {warning}"), loaded.Sha256);
            progress.Finish();
            var result = outcome.Result;
            if (result.Error is not null)
            {
                Console.Error.WriteLine($"{Program.CommandPath(command)}: error: training stopped: {result.Error}");
                return 1;
            }

            Console.Write(ResultTableFor(loaded.Dataset.Task, [(preset.Title, result)]).ToText());
            if (savePath is not null)
            {
                outcome.Model!.Save(savePath);
                Console.WriteLine($"saved: {Path.GetFullPath(savePath)}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The split a data set gets unless told otherwise: the paper's for California Housing, scikit-learn's for the rest.</summary>
    internal static SplitOptions SplitOptionsFor(LoadedData data, SplitMethod? method, int? seed)
    {
        var chosen = method ?? (data.BuiltIn == BuiltInDatasets.California ? SplitMethod.Paper : SplitMethod.Sklearn);
        return chosen == SplitMethod.Paper
            ? SplitOptions.PaperCalifornia with { Seed = seed ?? (int)PaperSplit.DefaultSeed }
            : new SplitOptions { Method = SplitMethod.Sklearn, Seed = seed ?? 42 };
    }

    /// <summary>
    /// The protocol a task gets unless told otherwise: a classifier watches validation accuracy, with the validation loss
    /// averaged over batches, as the authors' classification scripts do.
    /// </summary>
    internal static Preset ForTask(Preset preset, DatasetTask task, bool monitorGiven) =>
        task.Kind == TaskKind.Classification && !monitorGiven && !preset.KeepsMonitorForClassifiers
            ? preset with { Protocol = preset.Protocol with { Monitor = TrainingMonitor.ValidationAccuracy, ValidationAveraging = LossAveraging.Batches } }
            : preset;

    internal static string LossName(ModelSpec spec) => spec.Head switch
    {
        OutputHead.Softmax => "CE",
        OutputHead.Sigmoid => "BCE",
        _ => "MSE",
    };

    /// <summary>One row per run with the columns of the task's metrics.</summary>
    internal static ResultTable ResultTableFor(DatasetTask task, IReadOnlyList<(string Title, RunResult Result)> runs)
    {
        var c = CultureInfo.InvariantCulture;
        string F(double value) => double.IsFinite(value) ? value.ToString("F4", c) : "-";
        string M(RunResult r, string name) => r.TestMetrics.TryGetValue(name, out var v) ? F(v) : "-";
        if (task.Kind == TaskKind.Classification)
        {
            var table = new ResultTable("model", "params", "epochs", "best epoch", "train s", "s/epoch", "valid acc", "test accuracy", "test F1", "test ROC AUC", "test CE");
            foreach (var (title, r) in runs)
            {
                table.AddRow(title, r.Parameters.ToString("N0", c), r.Epochs, r.BestEpoch, r.TrainingSeconds.ToString("F1", c), r.MedianEpochSeconds.ToString("F3", c),
                    r.BestValidationAccuracy is { } a ? F(a) : "-", M(r, "accuracy"), M(r, "f1"), M(r, "roc_auc"), M(r, "cross_entropy"));
            }

            return table;
        }

        var regression = new ResultTable("model", "params", "epochs", "best epoch", "train s", "s/epoch", "best valid loss", "test RMSE", "test MAE", "test R²");
        foreach (var (title, r) in runs)
        {
            regression.AddRow(title, r.Parameters.ToString("N0", c), r.Epochs, r.BestEpoch, r.TrainingSeconds.ToString("F1", c), r.MedianEpochSeconds.ToString("F3", c),
                F(r.BestValidationMse), F(r.TestRmse), F(r.TestMae), F(r.TestR2));
        }

        return regression;
    }

    private static int Repeated(Preset preset, LoadedData loaded, SplitOptions splitOptions, int count, int seed, bool quiet, CancellationToken cancellationToken)
    {
        var runs = new List<RunResult>();
        for (var repeat = 0; repeat < count; repeat++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var split = DatasetSplit.Create(loaded.Dataset, splitOptions with { Seed = repeat });
            var result = ExperimentRunner.Run(preset, split, seed, null, cancellationToken, dataSha256: loaded.Sha256).Result;
            runs.Add(result);
            if (!quiet)
            {
                Console.Error.WriteLine(result.Error is null
                    ? $"  split seed {repeat}: " + string.Join(", ", result.TestMetrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:F4}")))
                    : $"  split seed {repeat}: stopped: {result.Error}");
            }
        }

        var finished = runs.Where(r => r.Error is null).ToList();
        var c = CultureInfo.InvariantCulture;
        var table = new ResultTable("metric", "mean", "sd", "min", "max", "splits");
        foreach (var name in finished.SelectMany(r => r.TestMetrics.Keys).Distinct())
        {
            var values = finished.Select(r => r.TestMetrics.TryGetValue(name, out var v) ? v : double.NaN).Where(double.IsFinite).ToArray();
            var (mean, sd) = ExperimentRunner.MeanAndDeviation(values);
            table.AddRow("test " + name, mean.ToString("F4", c), sd.ToString("F4", c), values.Min().ToString("F4", c), values.Max().ToString("F4", c), values.Length);
        }

        Console.WriteLine($"{preset.Title} on {loaded.Dataset.Name}, {count} repeated splits (seeds 0–{count - 1}), {runs.Count - finished.Count} failed");
        Console.Write(table.ToText());
        return finished.Count == 0 ? 1 : 0;
    }
}
