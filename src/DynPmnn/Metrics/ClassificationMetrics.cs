namespace DynPmnn.Metrics;

/// <summary>
/// Label-based classification scores as scikit-learn 1.2.1 computes them, one call each. Each builds a
/// <see cref="ConfusionMatrix"/>; to take several scores of one prediction, build the matrix once (or use
/// <see cref="ClassificationReport"/>). See <see cref="ConfusionMatrix"/> for how two classes and more differ.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>The share of rows predicted correctly, <c>accuracy_score</c>.</summary>
    public static double Accuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int classCount, ReadOnlySpan<double> sampleWeights = default)
        => ConfusionMatrix.Compute(predicted, actual, classCount, sampleWeights).Accuracy;

    /// <summary>The share of rows predicted wrongly, <c>1 − accuracy_score</c>.</summary>
    public static double Error(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int classCount, ReadOnlySpan<double> sampleWeights = default)
        => ConfusionMatrix.Compute(predicted, actual, classCount, sampleWeights).Error;

    /// <summary><c>precision_score</c>: of class 1 for two classes, else <c>average="macro"</c>.</summary>
    public static double Precision(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int classCount, ReadOnlySpan<double> sampleWeights = default)
        => ConfusionMatrix.Compute(predicted, actual, classCount, sampleWeights).Precision;

    /// <summary><c>recall_score</c>: of class 1 for two classes, else <c>average="macro"</c>.</summary>
    public static double Recall(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int classCount, ReadOnlySpan<double> sampleWeights = default)
        => ConfusionMatrix.Compute(predicted, actual, classCount, sampleWeights).Recall;

    /// <summary><c>f1_score</c>: of class 1 for two classes, else <c>average="macro"</c>.</summary>
    public static double F1(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int classCount, ReadOnlySpan<double> sampleWeights = default)
        => ConfusionMatrix.Compute(predicted, actual, classCount, sampleWeights).F1;

    /// <summary>Specificity <c>TN / (TN + FP)</c>: class 0 as negative for two classes, else the macro one-vs-rest mean.</summary>
    public static double Specificity(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int classCount, ReadOnlySpan<double> sampleWeights = default)
        => ConfusionMatrix.Compute(predicted, actual, classCount, sampleWeights).Specificity;
}
