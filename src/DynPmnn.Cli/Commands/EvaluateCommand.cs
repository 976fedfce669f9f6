using System.CommandLine;
using System.Globalization;
using DynPmnn.Cli.CommandLine;
using DynPmnn.Data;
using DynPmnn.Experiments.Reporting;
using DynPmnn.Metrics;
using DynPmnn.Models;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn evaluate MODEL</c>: a saved model's metrics on a data set's test split or on a labelled file.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var modelPath = new Argument<string>("MODEL") { Description = "A model file written by `dynpmnn train --save`." };
        var assembly = new Option<string?>("--assembly") { Description = "The compiled assembly that declares the model's own neurons, if it uses any." };
        var dataset = new Option<string?>("--dataset") { Description = "Score on this built-in data set's test split, made as in training (default: the data set the model was trained on, when built in)." };
        var data = new Option<string?>("--data") { Description = "Score on every row of this file instead (CSV/TSV with the model's feature and target columns); with --dataset, that data set's own file." };
        var dataDirectory = new Option<string?>("--data-dir") { Description = "A folder holding built-in data files." };
        var quiet = GlobalOptions.Quiet();
        var command = new Command("evaluate", "Report a saved model's test metrics: on the test split of a built-in data set (split as in training), or on all rows of a labelled file.")
        {
            modelPath, assembly, dataset, data, dataDirectory, quiet,
        };
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            UserAssembly.Load(parse.GetValue(assembly));
            var path = parse.GetValue(modelPath)!;
            var model = TrainedModel.Load(path);
            var isQuiet = parse.GetValue(quiet);
            var name = parse.GetValue(dataset) ?? (parse.GetValue(data) is null && BuiltInDatasets.TryFind(model.Provenance.Dataset, out var trainedOn) ? trainedOn.Name : null);
            float[] features;
            float[] targets;
            int rows;
            string what;
            var batchSize = model.Protocol?.BatchSize ?? 32;
            if (name is not null)
            {
                var builtIn = BuiltInDatasets.Find(name);
                var locator = new DataLocator { DataDirectory = parse.GetValue(dataDirectory) };
                var raw = await locator.LoadAsync(builtIn, parse.GetValue(data), new Terminal.DownloadPrinter(builtIn.Title, isQuiet), cancellationToken);
                var options = TrainCommand.SplitOptionsFor(new LoadedData(raw, builtIn, string.Empty), SplitFrom(model.Provenance), SeedFrom(model.Provenance));
                var indices = DatasetSplit.Create(raw, options with { Features = ScalingKind.None }).Test;
                (features, targets, rows) = (indices.Features, indices.Targets, indices.Rows);
                what = $"{builtIn.Name} test split ({rows:N0} rows; {Experiments.ExperimentRunner.Describe(options)})";
            }
            else if (parse.GetValue(data) is { } file)
            {
                var encoded = model.Schema.ReadFile(file);
                if (encoded.Targets is null)
                {
                    throw new UsageException($"{file} lacks the target column(s) {string.Join(", ", model.Schema.Targets)}, so there is nothing to score against; `dynpmnn predict` predicts unlabelled rows.");
                }

                (features, targets, rows) = (encoded.Features, encoded.Targets, encoded.Rows);
                what = $"{file} ({rows:N0} rows)";
            }
            else
            {
                throw new UsageException($"The model was trained on '{model.Provenance.Dataset}', which is not a built-in data set: name the data with --data FILE or --dataset NAME.");
            }

            var prediction = model.Predict(features, rows, batchSize);
            Console.WriteLine($"{model.Spec.Summary}, seed {model.Provenance.Seed}, {model.Network.Parameters.Sum(p => p.Length):N0} parameters, trained on {model.Provenance.Dataset}");
            Console.WriteLine($"scored on {what}");
            Console.Write(Table(model, prediction, targets, batchSize).ToText());
            return 0;
        });
        return command;
    }

    private static ResultTable Table(TrainedModel model, Prediction prediction, float[] targets, int batchSize)
    {
        var c = CultureInfo.InvariantCulture;
        if (model.Task.Kind == TaskKind.Regression)
        {
            var scores = RegressionScores.Compute<float>(prediction.Values, targets, model.Task.TargetWidth);
            var table = new ResultTable("target", "rows", "RMSE", "MAE", "R²", "batch RMSE");
            table.AddRow("all", prediction.Rows, scores.RootMeanSquaredError.ToString("F4", c), scores.MeanAbsoluteError.ToString("F4", c), scores.RSquared.ToString("F4", c),
                RegressionMetrics.BatchedRootMeanSquaredError<float>(prediction.Values, targets, model.Task.TargetWidth, batchSize).ToString("F4", c));
            if (model.Task.TargetWidth > 1)
            {
                for (var t = 0; t < model.Task.TargetWidth; t++)
                {
                    table.AddRow(model.Task.TargetNames[t], prediction.Rows, scores.RootMeanSquaredErrorPerTarget[t].ToString("F4", c), scores.MeanAbsoluteErrorPerTarget[t].ToString("F4", c), scores.RSquaredPerTarget[t].ToString("F4", c), "-");
                }
            }

            return table;
        }

        var actual = targets.Select(t => (int)t).ToArray();
        var everyClass = actual.Distinct().Count() == model.Task.ClassCount;
        var report = ClassificationReport.Compute(model.Task.ClassNames, prediction.Classes, actual, everyClass ? prediction.Probabilities : default);
        var result = new ResultTable("rows", "accuracy", "F1", "precision", "recall", "specificity", "ROC AUC");
        result.AddRow(prediction.Rows, report.Accuracy.ToString("F4", c), report.F1.ToString("F4", c), report.Precision.ToString("F4", c), report.Recall.ToString("F4", c),
            report.Specificity.ToString("F4", c), report.RocAuc?.ToString("F4", c) ?? "-");
        return result;
    }

    private static SplitMethod? SplitFrom(ModelProvenance provenance) =>
        Enum.TryParse<SplitMethod>(provenance.SplitMethod, out var method) ? method : null;

    private static int? SeedFrom(ModelProvenance provenance) => provenance.SplitSeed;
}
