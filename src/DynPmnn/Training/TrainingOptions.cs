namespace DynPmnn.Training;

/// <summary>How <see cref="Trainer.Fit"/> runs.</summary>
public sealed record TrainingOptions
{
    /// <summary>Rows per mini-batch; the last batch of an epoch holds whatever rows remain.</summary>
    public int BatchSize { get; init; } = 32;

    public int MaxEpochs { get; init; } = 100;

    /// <summary>Seeds the per-epoch shuffle: the same seed, data and model give bit-identical results.</summary>
    public int Seed { get; init; }

    /// <summary>Whether to reshuffle the training rows every epoch.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Early stopping on the validation loss, or null to run every epoch.</summary>
    public EarlyStoppingOptions? EarlyStopping { get; init; }

    /// <summary>Whether to put back the parameters of the epoch with the lowest validation loss at the end.</summary>
    public bool RestoreBestParameters { get; init; } = true;

    /// <summary>Rows per batch when evaluating; defaults to <see cref="BatchSize"/>.</summary>
    public int? EvaluationBatchSize { get; init; }

    /// <summary>
    /// What early stopping and the choice of the best epoch watch: the validation loss (lower is better), or for a
    /// classifier the validation accuracy (higher is better; early stopping then sees −accuracy, as the paper's code does).
    /// </summary>
    public TrainingMonitor Monitor { get; init; } = TrainingMonitor.ValidationLoss;

    /// <summary>How the validation loss is averaged: over rows, or as the mean of the per-batch losses (the paper's code
    /// for its classifiers and some regressions; it differs when the last batch is partial).</summary>
    public LossAveraging ValidationAveraging { get; init; } = LossAveraging.Rows;

    /// <summary>
    /// When set, every step scales the gradients so their global L2 norm is at most this value, as PyTorch's
    /// <c>clip_grad_norm_</c> (coefficient max_norm / (norm + 1e-6), applied only when below 1).
    /// </summary>
    public double? GradientClipNorm { get; init; }
}

/// <summary>What <see cref="Trainer.Fit"/> monitors on the validation data.</summary>
public enum TrainingMonitor
{
    /// <summary>The validation loss; lower is better.</summary>
    ValidationLoss,

    /// <summary>The validation accuracy of a classifier; higher is better. Needs an <see cref="IClassifierHead{T}"/> loss.</summary>
    ValidationAccuracy,
}

/// <summary>How a loss over several batches is averaged.</summary>
public enum LossAveraging
{
    /// <summary>Each row weighs the same: the loss of the whole set.</summary>
    Rows,

    /// <summary>Each batch weighs the same: the mean of the batch losses, the last (partial) batch counted as one.</summary>
    Batches,
}
