namespace DynPmnn.Training;

/// <summary>A model's loss on a data set, averaged over rows and over batches, and a classifier's accuracy.</summary>
/// <param name="RowMeanLoss">The loss of the whole set: each row weighs the same.</param>
/// <param name="BatchMeanLoss">The mean of the per-batch losses: each batch weighs the same, the last partial one too.</param>
/// <param name="Accuracy">The fraction of rows whose predicted class is the label, for a classifier; null otherwise.</param>
public readonly record struct ValidationScores(double RowMeanLoss, double BatchMeanLoss, double? Accuracy);
