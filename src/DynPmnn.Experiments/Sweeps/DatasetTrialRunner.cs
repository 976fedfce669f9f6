using System.Collections.Concurrent;
using DynPmnn.Data;
using DynPmnn.Models;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// Trains one trial for real: the trial's data set (loaded once per process, found by the usual search and checked),
/// split as the trial says (method, seed, standardised targets), the trial's model and protocol, the trial's seed. Its metrics are the best epoch's
/// validation loss (<c>validLoss</c>) and, for a classifier, accuracy (<c>validAccuracy</c>), which the authors'
/// selection rules read, and every test metric as <c>test_NAME</c>.
/// </summary>
public sealed class DatasetTrialRunner(DataLocator locator)
{
    private readonly ConcurrentDictionary<string, Lazy<LocatedDataset>> located = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Dataset>> loaded = new(StringComparer.Ordinal);

    /// <summary>The runner the sweep executor calls, one trial at a time per thread.</summary>
    public TrialOutcome Run(Trial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var config = trial.Config;
        var builtIn = BuiltInDatasets.Find(config.Dataset);
        var files = located.GetOrAdd(builtIn.Name, _ => new Lazy<LocatedDataset>(() => locator.LocateAsync(builtIn, cancellationToken: cancellationToken).GetAwaiter().GetResult())).Value;
        var data = loaded.GetOrAdd(builtIn.Name, _ => new Lazy<Dataset>(files.Load)).Value;
        var options = (config.Split == SweepSplit.Paper && builtIn == BuiltInDatasets.California
            ? SplitOptions.PaperCalifornia with { Seed = config.SplitSeed }
            : new SplitOptions { Method = SplitMethod.Sklearn, Seed = config.SplitSeed }) with { StandardizeTargets = config.StandardizeTargets };
        var split = DatasetSplit.Create(data, options);
        var preset = new Preset(trial.Id, $"trial {trial.Index}", config.Model, config.Protocol);
        var result = ExperimentRunner.Run(preset, split, trial.Seed, cancellationToken: cancellationToken).Result;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (double.IsFinite(result.BestValidationMse))
        {
            metrics["validLoss"] = result.BestValidationMse;
        }

        if (result.BestValidationAccuracy is { } accuracy)
        {
            metrics["validAccuracy"] = accuracy;
        }

        foreach (var (name, value) in result.TestMetrics)
        {
            metrics["test_" + name] = value;
        }

        metrics["epochs"] = result.Epochs;
        metrics["parameters"] = result.Parameters;
        return new TrialOutcome
        {
            Metrics = metrics,
            DatasetSha256 = string.Join(",", files.Files.Select(f => f.File.Sha256)),
            Error = result.Error,
            Notes = result.StabilityWarnings,
        };
    }
}
