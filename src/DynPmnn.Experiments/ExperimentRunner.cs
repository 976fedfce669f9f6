using DynPmnn.Data;
using DynPmnn.Layers;
using DynPmnn.Metrics;
using DynPmnn.Models;
using DynPmnn.Stability;
using DynPmnn.Training;

namespace DynPmnn.Experiments;

/// <summary>Trains a preset on a split data set and evaluates it on the test rows with the task's metrics.</summary>
public static class ExperimentRunner
{
    /// <summary>
    /// Trains <paramref name="preset"/>'s model, sized for <paramref name="split"/>'s features and task, with
    /// <paramref name="seed"/> (initialisation and shuffling), and scores the best-validation parameters on the test rows.
    /// Before training every ODE layer's step size is checked against its integrator's stability region on the first
    /// batch; problems go to <paramref name="warn"/> and the result. A divergence is not thrown: it is recorded in
    /// <see cref="RunResult.Error"/>, so a comparison of many runs goes on.
    /// </summary>
    /// <remarks><paramref name="dataSha256"/>, the SHA-256 of the data file(s), goes into the trained model's provenance.</remarks>
    public static RunOutcome Run(
        Preset preset,
        DatasetSplit split,
        int seed,
        IProgress<EpochReport>? progress = null,
        CancellationToken cancellationToken = default,
        Action<string>? warn = null,
        string? dataSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(split);
        var train = split.Train;
        var spec = ForData(preset.Model, train.Task, train.Columns);
        var protocol = preset.Protocol;
        protocol.Validate();
        var model = ModelFactory.Build<float>(spec, seed);
        var trainer = new Trainer(model, ModelFactory.CreateLoss<float>(spec), protocol.CreateOptimizer(model));
        var history = new List<EpochReport>();
        var relay = new Progress(report =>
        {
            history.Add(report);
            progress?.Report(report);
        });
        var parameters = model.Parameters.Sum(p => p.Length);
        var warnings = StabilityCheck.BeforeTraining(model, train.ToTrainingData())
            .Where(r => !r.Report.IsStable)
            .Select(r => $"{r.Layer}: {r.Report.Suggestion}")
            .ToList();
        foreach (var warning in warnings)
        {
            warn?.Invoke(warning);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        TrainingResult result;
        try
        {
            result = trainer.Fit(train.ToTrainingData(), split.Validation.ToTrainingData(), protocol.ToOptions(seed), relay, cancellationToken);
        }
        catch (Exception error) when (error is OdeDivergenceException or TrainingDivergedException or ArithmeticException or DynPmnn.Models.OdeStepLimitException)
        {
            return new RunOutcome(Common(started.Elapsed.TotalSeconds) with { Error = error.Message }, null);
        }

        var seconds = started.Elapsed.TotalSeconds;
        var test = split.Test;
        var output = new float[test.Rows * model.OutputSize];
        trainer.Predict(test.Features, output, test.Rows, protocol.BatchSize);
        var metrics = TestMetrics(spec, trainer, split, output, protocol.BatchSize);
        var trained = new TrainedModel(
            spec,
            model,
            split.Train.Schema,
            split.FeatureScaler,
            split.TargetScaler,
            new ModelProvenance
            {
                ProgramVersion = ModelProvenance.CurrentProgramVersion,
                Dataset = split.Train.Name,
                DataSha256 = dataSha256,
                Split = Describe(split.Options),
                SplitMethod = split.Options.Method.ToString(),
                SplitSeed = split.Options.Seed,
                Seed = seed,
                TrainedAt = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                InstructionSet = ModelProvenance.CurrentInstructionSet,
            },
            protocol);
        var regression = train.Task.Kind == TaskKind.Regression;
        return new RunOutcome(
            Common(seconds) with
            {
                BestEpoch = result.BestEpoch,
                BestValidationMse = result.BestValidationLoss ?? double.NaN,
                BestValidationAccuracy = result.BestValidationAccuracy,
                TestRmse = regression ? metrics["batch_rmse"] : double.NaN,
                TestMae = regression ? metrics["mae"] : double.NaN,
                TestR2 = regression ? metrics["r2"] : double.NaN,
                TestMetrics = metrics,
            },
            trained);

        // What every run reports, finished or not; the epochs are the ones reported so far.
        RunResult Common(double trainingSeconds) => new()
        {
            Preset = preset.Name,
            Title = preset.Title,
            Seed = seed,
            Parameters = parameters,
            Epochs = history.Count,
            BestEpoch = 0,
            TrainingSeconds = trainingSeconds,
            MedianEpochSeconds = Median(history.Select(h => h.Seconds)),
            BestValidationMse = double.NaN,
            TestRmse = double.NaN,
            TestMae = double.NaN,
            TestR2 = double.NaN,
            History = history,
            StabilityWarnings = warnings,
        };
    }

    /// <summary>
    /// <paramref name="spec"/> sized for a data set: its inputs, and outputs and head for the task (a regression's
    /// targets; a classifier's classes with a softmax head, or one output when the spec asks for a sigmoid head on two classes).
    /// </summary>
    public static ModelSpec ForData(ModelSpec spec, DatasetTask task, int inputs)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(task);
        if (task.Kind == TaskKind.Regression)
        {
            return spec with { Inputs = inputs, Outputs = task.TargetWidth, Head = OutputHead.Regression };
        }

        return spec.Head == OutputHead.Sigmoid && task.IsBinary
            ? spec with { Inputs = inputs, Outputs = 1 }
            : spec with { Inputs = inputs, Outputs = task.ClassCount, Head = OutputHead.Softmax };
    }

    /// <summary>The batch size of the <c>batch32_mse</c> and <c>batch32_rmse</c> test metrics, whatever the model's own.</summary>
    public const int ComparisonBatchSize = 32;

    /// <summary>One line naming the split, for provenance.</summary>
    public static string Describe(SplitOptions options) => options.Method == SplitMethod.Paper
        ? $"paper (numpy RandomState({options.Seed}).rand, 70/20/10, cut to multiples of {options.PaperBatchMultiple})"
        : $"scikit-learn train_test_split twice, random_state {options.Seed}, {options.Ratios.Train}/{options.Ratios.Validation}/{options.Ratios.Test}, features {options.Features}" + (options.StandardizeTargets ? ", targets standardised" : string.Empty);

    /// <summary>
    /// The mean and the sample standard deviation (n − 1; 0 for one value) of the finite values, as repeated runs are
    /// reported; NaN for both when there are none.
    /// </summary>
    public static (double Mean, double Deviation) MeanAndDeviation(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).ToArray();
        if (list.Length == 0)
        {
            return (double.NaN, double.NaN);
        }

        var mean = list.Average();
        return (mean, list.Length > 1 ? Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Length - 1)) : 0);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static Dictionary<string, double> TestMetrics(ModelSpec spec, Trainer trainer, DatasetSplit split, float[] output, int batchSize)
    {
        var test = split.Test;
        var task = test.Task;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (task.Kind == TaskKind.Regression)
        {
            var targets = test.Targets;
            if (split.TargetScaler is { } scaler)
            {
                scaler.Inverse(output, output);
                targets = new float[targets.Length];
                scaler.Inverse(test.Targets, targets);
            }

            var scores = RegressionScores.Compute<float>(output, targets, task.TargetWidth);
            metrics["rmse"] = scores.RootMeanSquaredError;
            metrics["mse"] = scores.MeanSquaredError;
            metrics["mae"] = scores.MeanAbsoluteError;
            metrics["r2"] = scores.RSquared;
            metrics["batch_mse"] = RegressionMetrics.BatchedMeanSquaredError<float>(output, targets, task.TargetWidth, batchSize);
            metrics["batch_rmse"] = Math.Sqrt(metrics["batch_mse"]);

            // The authors' batch-averaged numbers on the small data sets are at batches of 32: the same averaging for every model.
            metrics["batch32_mse"] = RegressionMetrics.BatchedMeanSquaredError<float>(output, targets, task.TargetWidth, ComparisonBatchSize);
            metrics["batch32_rmse"] = Math.Sqrt(metrics["batch32_mse"]);
            if (task.TargetWidth > 1)
            {
                for (var t = 0; t < task.TargetWidth; t++)
                {
                    metrics[$"rmse[{task.TargetNames[t]}]"] = scores.RootMeanSquaredErrorPerTarget[t];
                }
            }

            return metrics;
        }

        var head = (IClassifierHead<float>)ModelFactory.CreateLoss<float>(spec);
        var outputs = trainer.Model.OutputSize;
        var predicted = new int[test.Rows];
        var probabilities = new double[test.Rows * task.ClassCount];
        for (var r = 0; r < test.Rows; r++)
        {
            var row = output.AsSpan(r * outputs, outputs);
            predicted[r] = head.PredictClass(row);
            head.Probabilities(row, probabilities.AsSpan(r * task.ClassCount, task.ClassCount));
        }

        var actual = test.Labels();
        AddClassificationScores(metrics, task, predicted, actual, probabilities);
        metrics["cross_entropy"] = trainer.Score(test.ToTrainingData(), batchSize).BatchMeanLoss;
        return metrics;
    }

    /// <summary>
    /// A classifier's test scores under their names in <see cref="RunResult.TestMetrics"/>: accuracy, f1, precision,
    /// recall, specificity, and roc_auc when <paramref name="probabilities"/> (rows × classes) is given and every class
    /// occurs among the rows.
    /// </summary>
    internal static void AddClassificationScores(Dictionary<string, double> metrics, DatasetTask task, int[] predicted, int[] actual, double[] probabilities)
    {
        var withAuc = probabilities.Length == actual.Length * task.ClassCount && HasEveryClass(actual, task.ClassCount);
        var report = ClassificationReport.Compute(task.ClassNames, predicted, actual, withAuc ? probabilities : default);
        metrics["accuracy"] = report.Accuracy;
        metrics["f1"] = report.F1;
        metrics["precision"] = report.Precision;
        metrics["recall"] = report.Recall;
        metrics["specificity"] = report.Specificity;
        if (report.RocAuc is { } auc)
        {
            metrics["roc_auc"] = auc;
        }
    }

    /// <summary>ROC AUC is undefined when a class is missing from the test rows (a tiny test set can lack one).</summary>
    private static bool HasEveryClass(int[] labels, int classes) => labels.Distinct().Count() == classes;

    /// <summary>Reports synchronously on the training thread (System.Progress would post to the thread pool).</summary>
    private sealed class Progress(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}

/// <summary>A run's result and, when it finished, the trained model ready to save.</summary>
public sealed record RunOutcome(RunResult Result, TrainedModel? Model);
