namespace DynPmnn.Metrics;

/// <summary>The scores of one classification, together with the names of its classes.</summary>
/// <param name="ClassNames">The name of each class index, such as <c>setosa</c>, <c>versicolor</c>, <c>virginica</c>.</param>
/// <param name="Accuracy">The share of rows predicted correctly.</param>
/// <param name="Error">The share of rows predicted wrongly, <c>1 − Accuracy</c>.</param>
/// <param name="Precision">Precision of class 1 for two classes, else the macro average.</param>
/// <param name="Recall">Recall of class 1 for two classes, else the macro average.</param>
/// <param name="F1">F1 of class 1 for two classes, else the macro average.</param>
/// <param name="Specificity">Specificity with class 0 as negative for two classes, else the macro one-vs-rest average.</param>
/// <param name="RocAuc">
/// ROC AUC (binary on class 1's probability, else one-vs-rest macro), or <see langword="null"/> when no
/// probabilities were given.
/// </param>
/// <param name="ConfusionMatrix">The counts the label-based scores come from.</param>
public sealed record ClassificationReport(
    IReadOnlyList<string> ClassNames,
    double Accuracy,
    double Error,
    double Precision,
    double Recall,
    double F1,
    double Specificity,
    double? RocAuc,
    ConfusionMatrix ConfusionMatrix)
{
    /// <summary>Scores a classification with <see cref="Metrics.ConfusionMatrix"/> and <see cref="Metrics.RocAuc"/>.</summary>
    /// <param name="classNames">One name per class; their number is the number of classes (at least 2).</param>
    /// <param name="predicted">The predicted class index of each row.</param>
    /// <param name="actual">The actual class index of each row.</param>
    /// <param name="probabilities">
    /// Row-major <c>rows × classes</c> predicted probabilities for ROC AUC (for two classes, column 1 ranks the rows),
    /// or empty to leave <see cref="RocAuc"/> out.
    /// </param>
    /// <param name="sampleWeights">One non-negative weight per row, or empty for a weight of 1 each.</param>
    public static ClassificationReport Compute(
        IReadOnlyList<string> classNames,
        ReadOnlySpan<int> predicted,
        ReadOnlySpan<int> actual,
        ReadOnlySpan<double> probabilities = default,
        ReadOnlySpan<double> sampleWeights = default)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        var classes = classNames.Count;
        var matrix = ConfusionMatrix.Compute(predicted, actual, classes, sampleWeights);
        double? rocAuc = null;
        if (!probabilities.IsEmpty)
        {
            if (classes == 2)
            {
                if (probabilities.Length != 2L * actual.Length)
                {
                    throw new ArgumentException(
                        $"There are {actual.Length} rows of 2 classes, so {2L * actual.Length} probabilities are needed, but there are {probabilities.Length}.",
                        nameof(probabilities));
                }

                var positive = new double[actual.Length];
                for (var i = 0; i < positive.Length; i++)
                {
                    positive[i] = probabilities[2 * i + 1];
                }

                rocAuc = Metrics.RocAuc.Binary(positive, actual, sampleWeights);
            }
            else
            {
                rocAuc = Metrics.RocAuc.OneVsRest(probabilities, actual, classes, sampleWeights);
            }
        }

        return new ClassificationReport(
            [.. classNames], matrix.Accuracy, matrix.Error, matrix.Precision, matrix.Recall, matrix.F1, matrix.Specificity, rocAuc, matrix);
    }
}
