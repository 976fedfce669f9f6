namespace DynPmnn.Trees;

/// <summary>
/// A classifier's scores on one data set, computed as scikit-learn 1.2.1 computes them. For two classes F1,
/// precision and recall are those of label 1 and the ROC AUC uses the probability of the second class; for more
/// classes they are unweighted means over the classes ("macro", and one-versus-rest for the AUC).
/// </summary>
public sealed record ClassificationScores(double Accuracy, double F1, double Precision, double Recall, double RocAuc)
{
    /// <summary>Scores <paramref name="model"/> on every row of <paramref name="data"/>.</summary>
    public static ClassificationScores Of(DecisionTreeClassifier model, ClassificationData data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var predicted = model.Predict(data.Features);
        var (precision, recall, f1) = TreeMetrics.PrecisionRecallF1(data.Labels, predicted, binary: model.Classes.Count == 2);
        return new ClassificationScores(
            TreeMetrics.Accuracy(data.Labels, predicted),
            f1,
            precision,
            recall,
            TreeMetrics.RocAuc(data.Labels, model.PredictProbability(data.Features), model.Classes));
    }
}
