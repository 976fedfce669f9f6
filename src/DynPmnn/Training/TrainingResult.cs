namespace DynPmnn.Training;

/// <summary>The outcome of <see cref="Trainer.Fit"/>.</summary>
/// <param name="Epochs">Every epoch run, in order.</param>
/// <param name="BestEpoch">The epoch whose parameters the model holds at the end (the last one without validation data).</param>
/// <param name="BestValidationLoss">The validation loss of that epoch, or null without validation data.</param>
/// <param name="StoppedEarly">Whether early stopping ended training before the epoch limit.</param>
/// <param name="BestValidationAccuracy">A classifier's validation accuracy at that epoch, or null.</param>
public sealed record TrainingResult(IReadOnlyList<EpochReport> Epochs, int BestEpoch, double? BestValidationLoss, bool StoppedEarly, double? BestValidationAccuracy = null);
