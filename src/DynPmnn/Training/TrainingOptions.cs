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
}
