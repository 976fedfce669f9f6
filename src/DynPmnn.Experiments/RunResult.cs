using DynPmnn.Training;

namespace DynPmnn.Experiments;

/// <summary>One training run of a preset with one seed, evaluated on the test split.</summary>
/// <remarks>
/// <see cref="TestRmse"/>, <see cref="TestMae"/> and <see cref="TestR2"/> are the regression scores (NaN for a
/// classifier); <see cref="TestMetrics"/> holds every test score of the task by name (regression: rmse, mse, mae, r2,
/// batch_mse and batch_rmse at the model's batch size, batch32_mse and batch32_rmse at batches of 32, and rmse[TARGET]
/// per target; classification: accuracy, f1, precision, recall, specificity, roc_auc, cross_entropy).
/// </remarks>
public sealed record RunResult
{
    public required string Preset { get; init; }

    public required string Title { get; init; }

    public required int Seed { get; init; }

    /// <summary>The split's seed when the run is one of a study's repeated splits; null on the study's own split.</summary>
    public int? SplitSeed { get; init; }

    public required int Parameters { get; init; }

    public required int Epochs { get; init; }

    public required int BestEpoch { get; init; }

    public required double TrainingSeconds { get; init; }

    public required double MedianEpochSeconds { get; init; }

    public required double BestValidationMse { get; init; }

    /// <summary>The paper's metric: the square root of the mean of the per-batch test MSEs.</summary>
    public required double TestRmse { get; init; }

    public required double TestMae { get; init; }

    public required double TestR2 { get; init; }

    /// <summary>The best epoch's validation accuracy, for a classifier.</summary>
    public double? BestValidationAccuracy { get; init; }

    /// <summary>Every test score by name; empty when training failed.</summary>
    public IReadOnlyDictionary<string, double> TestMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Set when training stopped with an error (for example an ODE layer that diverged); the metrics are then NaN.</summary>
    public string? Error { get; init; }

    public required IReadOnlyList<EpochReport> History { get; init; }

    /// <summary>What else a reader should know about the run, such as the configuration a tree grid chose.</summary>
    public string? Notes { get; init; }

    /// <summary>ODE layers whose step size was outside the integrator's stability region for the first batch, checked before training.</summary>
    public IReadOnlyList<string> StabilityWarnings { get; init; } = [];
}
