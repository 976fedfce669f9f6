using System.Globalization;
using DynPmnn.Cli.Terminal;
using DynPmnn.Experiments.Reporting;
using DynPmnn.Metrics;
using DynPmnn.Training;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn evaluate MODEL</c>: a saved model on the paper's test split.</summary>
internal static class EvaluateCommand
{
    public const string Usage = """
        usage: dynpmnn evaluate MODEL [--data PATH]

        Loads a model written by `dynpmnn train --save` and reports its metrics on the paper's test split.
        """;

    public static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var data = args.String("data");
        var quiet = args.Flag("quiet");
        args.EnsureAllUsed(positional: 1);
        if (args.Positional.Count == 0)
        {
            throw new UsageException("evaluate needs the path of a model file");
        }

        var path = args.Positional[0];
        var (saved, model) = SavedModel.Load(path);
        var split = await DataOptions.LoadSplitAsync(data, quiet, cancellationToken);
        var test = split.Test;
        var predictions = new float[test.Rows];
        var trainer = new Trainer(model, new MeanSquaredError<float>(), new Sgd<float>(model.Parameters, 0));
        trainer.Predict(test.Features, predictions, test.Rows, saved.Protocol.BatchSize);
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"{saved.Title} ({saved.Model.Summary}), seed {saved.Seed}, {model.Parameters.Sum(p => p.Length):N0} parameters");
        Console.Write(new ResultTable("split", "rows", "RMSE", "MAE", "R²")
            .AddRow(
                "test",
                test.Rows,
                RegressionMetrics.BatchedRootMeanSquaredError<float>(predictions, test.Targets, 1, saved.Protocol.BatchSize).ToString("F4", c),
                RegressionMetrics.MeanAbsoluteError<float>(predictions, test.Targets).ToString("F4", c),
                RegressionMetrics.RSquared<float>(predictions, test.Targets).ToString("F4", c))
            .ToText());
        return 0;
    }
}
