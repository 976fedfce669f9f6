using DynPmnn.Data;
using DynPmnn.Layers;
using DynPmnn.Metrics;
using DynPmnn.Models;
using DynPmnn.Stability;
using DynPmnn.Training;

namespace DynPmnn.Experiments;

/// <summary>Trains a preset on the paper's split and evaluates it the way the paper does.</summary>
public static class ExperimentRunner
{
    /// <summary>
    /// Trains <paramref name="preset"/> with <paramref name="seed"/> (initialisation and shuffling) and reports test
    /// metrics of the best-validation parameters. Before training, every ODE layer's step size is checked against its
    /// integrator's stability region on the first batch; problems go to <paramref name="warn"/> and the result. A divergence is not thrown: it is recorded in <see cref="RunResult.Error"/>
    /// so a comparison of many runs goes on.
    /// </summary>
    public static RunResult Run(Preset preset, PaperSplit split, int seed, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default, Action<Sequential<float>>? trained = null, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(split);
        var model = ModelFactory.Build<float>(preset.Model, seed);
        var protocol = preset.Protocol;
        var optimizer = CreateOptimizer(model, protocol);
        var trainer = new Trainer(model, new MeanSquaredError<float>(), optimizer);
        var options = new TrainingOptions
        {
            BatchSize = protocol.BatchSize,
            MaxEpochs = protocol.MaxEpochs,
            Seed = seed,
            EarlyStopping = protocol.EarlyStopping,
            RestoreBestParameters = true,
        };

        var history = new List<EpochReport>();
        var relay = new Progress(report =>
        {
            history.Add(report);
            progress?.Report(report);
        });
        var parameters = model.Parameters.Sum(p => p.Length);
        var warnings = StabilityCheck.BeforeTraining(model, split.Train.ToTrainingData())
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
            result = trainer.Fit(split.Train.ToTrainingData(), split.Validation.ToTrainingData(), options, relay, cancellationToken);
        }
        catch (Exception error) when (error is OdeDivergenceException or TrainingDivergedException or ArithmeticException)
        {
            return new RunResult
            {
                Preset = preset.Name,
                Title = preset.Title,
                Seed = seed,
                Parameters = parameters,
                Epochs = history.Count,
                BestEpoch = 0,
                TrainingSeconds = started.Elapsed.TotalSeconds,
                MedianEpochSeconds = Median(history.Select(h => h.Seconds)),
                BestValidationMse = double.NaN,
                TestRmse = double.NaN,
                TestMae = double.NaN,
                TestR2 = double.NaN,
                Error = error.Message,
                History = history,
                StabilityWarnings = warnings,
            };
        }

        var seconds = started.Elapsed.TotalSeconds;
        trained?.Invoke(model);
        var test = split.Test;
        var predictions = new float[test.Rows];
        trainer.Predict(test.Features, predictions, test.Rows, protocol.BatchSize);
        return new RunResult
        {
            Preset = preset.Name,
            Title = preset.Title,
            Seed = seed,
            Parameters = parameters,
            Epochs = result.Epochs.Count,
            BestEpoch = result.BestEpoch,
            TrainingSeconds = seconds,
            MedianEpochSeconds = Median(result.Epochs.Select(e => e.Seconds)),
            BestValidationMse = result.BestValidationLoss ?? double.NaN,
            TestRmse = RegressionMetrics.BatchedRootMeanSquaredError<float>(predictions, test.Targets, 1, protocol.BatchSize),
            TestMae = RegressionMetrics.MeanAbsoluteError<float>(predictions, test.Targets),
            TestR2 = RegressionMetrics.RSquared<float>(predictions, test.Targets),
            History = history,
            StabilityWarnings = warnings,
        };
    }

    public static Optimizer<float> CreateOptimizer(Layer<float> model, TrainingProtocol protocol) => protocol.Optimizer.ToLowerInvariant() switch
    {
        "adam" => new Adam<float>(model.Parameters, protocol.LearningRate, weightDecay: protocol.WeightDecay),
        "adamw" => new AdamW<float>(model.Parameters, protocol.LearningRate, weightDecay: protocol.WeightDecay),
        _ => throw new ArgumentException($"Unknown optimizer '{protocol.Optimizer}'; use adam or adamw.", nameof(protocol)),
    };

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

    /// <summary>Reports synchronously on the training thread (System.Progress would post to the thread pool).</summary>
    private sealed class Progress(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
