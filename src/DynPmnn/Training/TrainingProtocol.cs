using System.Text.Json.Serialization;
using DynPmnn.Layers;

namespace DynPmnn.Training;

/// <summary>
/// How a model is trained, as data (it travels in model files and result files). The defaults are the paper's protocol:
/// Adam with PyTorch's L2 weight decay 5e-3, batches of 32, at most 100 epochs, the paper's early stopping (patience 10,
/// min_delta 0.05 since the last reset) on the validation loss, the best validation state restored.
/// </summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property, so a member
/// left out of a file would get 0 instead of its default.</remarks>
public sealed record TrainingProtocol
{
    public int BatchSize { get; set; } = 32;

    public double LearningRate { get; set; } = 5e-4;

    /// <summary>PyTorch Adam's weight_decay: an L2 term added to the gradient (not decoupled).</summary>
    public double WeightDecay { get; set; } = 5e-3;

    /// <summary>"adam" (PyTorch's Adam, L2 decay), "adamw" (decoupled decay) or "sgd".</summary>
    public string Optimizer { get; set; } = "adam";

    public int MaxEpochs { get; set; } = 100;

    /// <summary>The early-stopping rule, or null to train every epoch.</summary>
    public EarlyStoppingOptions? EarlyStopping { get; set; } = EarlyStoppingOptions.Paper;

    /// <summary>What early stopping and the best epoch watch; a classifier's accuracy or the validation loss.</summary>
    public TrainingMonitor Monitor { get; set; } = TrainingMonitor.ValidationLoss;

    /// <summary>How the validation loss is averaged (rows, or the mean of batch losses as some of the paper's scripts do).</summary>
    public LossAveraging ValidationAveraging { get; set; } = LossAveraging.Rows;

    /// <summary>Clip every step's gradients to this global L2 norm, or null for no clipping.</summary>
    public double? GradientClipNorm { get; set; }

    [JsonIgnore]
    public string Summary =>
        $"{Optimizer} lr {LearningRate:G3} wd {WeightDecay:G3}, batch {BatchSize}, ≤ {MaxEpochs} epochs" +
        (EarlyStopping is { } e ? $", early stop {e.Patience}/{e.MinDelta:G3} on {(Monitor == TrainingMonitor.ValidationAccuracy ? "accuracy" : "loss")} ({e.Mode})" : string.Empty) +
        (GradientClipNorm is { } clip ? $", clip {clip:G3}" : string.Empty);

    /// <summary>Checks every value before any training starts.</summary>
    /// <exception cref="ArgumentException">What is wrong, naming the setting.</exception>
    public void Validate()
    {
        if (BatchSize is < 1 or > 1 << 20)
        {
            throw new ArgumentException($"The batch size is {BatchSize}; it must be between 1 and 1,048,576.");
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentException($"The learning rate is {LearningRate}; it must be a positive finite number.");
        }

        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay))
        {
            throw new ArgumentException($"The weight decay is {WeightDecay}; it must be zero or a positive finite number.");
        }

        if (MaxEpochs is < 1 or > 1_000_000)
        {
            throw new ArgumentException($"The epoch limit is {MaxEpochs}; it must be between 1 and 1,000,000.");
        }

        if (EarlyStopping is { } rule && (rule.Patience < 1 || !(rule.MinDelta >= 0) || !double.IsFinite(rule.MinDelta)))
        {
            throw new ArgumentException($"Early stopping needs a patience of at least 1 and a finite min_delta ≥ 0, not {rule.Patience} and {rule.MinDelta}.");
        }

        if (GradientClipNorm is { } clip && (!(clip > 0) || !double.IsFinite(clip)))
        {
            throw new ArgumentException($"The gradient clipping norm is {clip}; it must be a positive finite number.");
        }

        _ = Optimizer.ToLowerInvariant() switch
        {
            "adam" or "adamw" or "sgd" => 0,
            _ => throw new ArgumentException($"Unknown optimizer '{Optimizer}'; use adam, adamw or sgd."),
        };
    }

    /// <summary>The optimizer this protocol names, over <paramref name="model"/>'s parameters.</summary>
    public Optimizer<float> CreateOptimizer(Layer<float> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Validate();
        return Optimizer.ToLowerInvariant() switch
        {
            "adam" => new Adam<float>(model.Parameters, LearningRate, weightDecay: WeightDecay),
            "adamw" => new AdamW<float>(model.Parameters, LearningRate, weightDecay: WeightDecay),
            _ => new Sgd<float>(model.Parameters, LearningRate, weightDecay: WeightDecay),
        };
    }

    /// <summary>The trainer's options for one run with <paramref name="seed"/>.</summary>
    public TrainingOptions ToOptions(int seed) => new()
    {
        BatchSize = BatchSize,
        MaxEpochs = MaxEpochs,
        Seed = seed,
        EarlyStopping = EarlyStopping,
        RestoreBestParameters = true,
        Monitor = Monitor,
        ValidationAveraging = ValidationAveraging,
        GradientClipNorm = GradientClipNorm,
    };
}
