using System.Diagnostics;
using DynPmnn.Data;
using DynPmnn.Metrics;
using DynPmnn.Trees;

namespace DynPmnn.Experiments.Paper;

/// <summary>
/// The authors' decision-tree row: their whole grid (2,592 classifiers or 1,944 regressors, random_state 42) fitted to
/// the split's standardised training rows, the best chosen on the validation rows by their rule, scored on the test rows
/// with the same metrics as the networks.
/// </summary>
public static class PaperTreeRun
{
    /// <summary>The row's name in result files.</summary>
    public const string Preset = "tree";

    /// <summary>Fits the grid on <paramref name="split"/>; the result's <see cref="RunResult.Epochs"/> holds the number of fits.</summary>
    /// <param name="split">The split, features standardised as for the networks (the authors' trees read the same files).</param>
    /// <param name="title">The row label.</param>
    /// <param name="splitSeed">The split's seed when it is one of repeated splits, else null.</param>
    /// <param name="threads">Threads for the grid; -1 for all cores.</param>
    public static (RunResult Result, string TreeText) Run(DatasetSplit split, string title, int? splitSeed = null, int threads = -1)
    {
        ArgumentNullException.ThrowIfNull(split);
        var stopwatch = Stopwatch.StartNew();
        var train = split.Train;
        var test = split.Test;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        string configuration;
        string text;
        int fits;
        int leaves;
        int depth;
        double validation;
        if (train.Task.Kind == TaskKind.Classification)
        {
            var grid = DecisionTreeGrid.SearchClassifiers(Classification(train), Classification(split.Validation), maxDegreeOfParallelism: threads);
            var tree = grid.BestModel;
            var predicted = tree.Predict(test.Features);
            // A class missing from the training rows leaves the tree's probabilities without its column: no AUC then.
            var probabilities = tree.Classes.Count == train.Task.ClassCount ? tree.PredictProbability(test.Features) : [];
            ExperimentRunner.AddClassificationScores(metrics, train.Task, predicted, test.Labels(), probabilities);

            (configuration, fits, leaves, depth, validation) = (grid.Best.Options.ToString(), grid.Entries.Count, tree.LeafCount, tree.Depth, grid.Best.ValidAccuracy);
            text = TreeText.Export(tree, train.FeatureNames, train.Task.ClassNames);
        }
        else
        {
            var grid = DecisionTreeGrid.SearchRegressors(Regression(train), Regression(split.Validation), maxDegreeOfParallelism: threads);
            var tree = grid.BestModel;
            var predicted = tree.Predict(test.Features);
            var targets = Array.ConvertAll(test.Targets, v => (double)v);
            var scores = DynPmnn.Metrics.RegressionScores.Compute<double>(predicted, targets, test.Task.TargetWidth);
            metrics["mse"] = scores.MeanSquaredError;
            metrics["rmse"] = scores.RootMeanSquaredError;
            metrics["mae"] = scores.MeanAbsoluteError;
            metrics["r2"] = scores.RSquared;
            metrics["batch32_mse"] = RegressionMetrics.BatchedMeanSquaredError<double>(predicted, targets, test.Task.TargetWidth, ExperimentRunner.ComparisonBatchSize);
            metrics["batch32_rmse"] = Math.Sqrt(metrics["batch32_mse"]);
            for (var t = 0; t < test.Task.TargetWidth && test.Task.TargetWidth > 1; t++)
            {
                metrics[$"rmse[{test.Task.TargetNames[t]}]"] = scores.RootMeanSquaredErrorPerTarget[t];
            }

            (configuration, fits, leaves, depth, validation) = (grid.Best.Options.ToString(), grid.Entries.Count, tree.LeafCount, tree.Depth, grid.Best.ValidMeanSquaredError);
            text = TreeText.Export(tree, train.FeatureNames);
        }

        stopwatch.Stop();
        var result = new RunResult
        {
            Preset = Preset,
            Title = title,
            Seed = 0,
            SplitSeed = splitSeed,
            Parameters = 0,
            Epochs = fits,
            BestEpoch = 0,
            TrainingSeconds = stopwatch.Elapsed.TotalSeconds,
            MedianEpochSeconds = stopwatch.Elapsed.TotalSeconds / fits,
            BestValidationMse = train.Task.Kind == TaskKind.Regression ? validation : double.NaN,
            BestValidationAccuracy = train.Task.Kind == TaskKind.Classification ? validation : null,
            TestRmse = metrics.GetValueOrDefault("rmse", double.NaN),
            TestMae = metrics.GetValueOrDefault("mae", double.NaN),
            TestR2 = metrics.GetValueOrDefault("r2", double.NaN),
            TestMetrics = metrics,
            History = [],
            Notes = $"{configuration.Replace($", random_state={DecisionTreeGrid.RandomState}", string.Empty, StringComparison.Ordinal)}; depth {depth}, {leaves} leaves",
        };
        return (result, text);
    }

    private static ClassificationData Classification(Dataset data) => new(data.Features, data.Columns, data.Labels());

    private static RegressionData Regression(Dataset data) => new(data.Features, data.Columns, data.Targets, data.Task.TargetWidth);
}
