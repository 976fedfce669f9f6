using DynPmnn.Training;

namespace DynPmnn.Experiments;

/// <summary>How a model is trained: the paper's protocol by default (Adam with L2 weight decay 5e-3, at most 100 epochs, early stopping with patience 10 and min_delta 0.05, best validation state restored).</summary>
public sealed record TrainingProtocol
{
    public int BatchSize { get; init; } = 32;

    public double LearningRate { get; init; } = 5e-4;

    /// <summary>PyTorch Adam's weight_decay: an L2 term added to the gradient (not decoupled).</summary>
    public double WeightDecay { get; init; } = 5e-3;

    /// <summary>"adam" (PyTorch's Adam, L2 decay) or "adamw" (decoupled decay).</summary>
    public string Optimizer { get; init; } = "adam";

    public int MaxEpochs { get; init; } = 100;

    /// <summary>The early-stopping rule, or null to train every epoch.</summary>
    public EarlyStoppingOptions? EarlyStopping { get; init; } = EarlyStoppingOptions.Paper;

    public string Summary =>
        $"{Optimizer} lr {LearningRate:G3} wd {WeightDecay:G3}, batch {BatchSize}, ≤ {MaxEpochs} epochs" +
        (EarlyStopping is { } e ? $", early stop {e.Patience}/{e.MinDelta:G3} ({e.Mode})" : string.Empty);
}
