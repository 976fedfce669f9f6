namespace DynPmnn.Training;

/// <summary>What one epoch of <see cref="Trainer.Fit"/> did.</summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="TrainLoss">The training loss averaged over the epoch's rows (each batch weighted by its size).</param>
/// <param name="ValidationLoss">The loss on the whole validation set after the epoch, or null without one.</param>
/// <param name="Seconds">Wall-clock time of the epoch, validation included.</param>
/// <param name="IsBest">Whether the monitored value (loss or accuracy) is the best so far, so these parameters are the ones kept.</param>
/// <param name="ValidationAccuracy">The validation accuracy of a classifier, or null.</param>
public readonly record struct EpochReport(int Epoch, double TrainLoss, double? ValidationLoss, double Seconds, bool IsBest, double? ValidationAccuracy = null);
