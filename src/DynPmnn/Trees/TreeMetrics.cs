// Follows scikit-learn 1.2.1's accuracy_score, precision_recall_fscore_support, roc_auc_score (roc_curve, auc),
// mean_squared_error, mean_absolute_error and r2_score (sklearn/metrics/_classification.py, _ranking.py,
// _regression.py); BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// The few scores the tree grid ranks and reports by, computed as scikit-learn computes them (same divisions,
/// same summation order), so that ties in the selection break as they do there.
/// </summary>
/// <remarks>Kept small and internal to the trees; the general metrics of the project live elsewhere.</remarks>
internal static class TreeMetrics
{
    public static double Accuracy(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        CheckLengths(truth.Length, predicted.Length);
        var correct = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            if (truth[i] == predicted[i])
            {
                correct++;
            }
        }

        return (double)correct / truth.Length;
    }

    /// <summary>
    /// Precision, recall and F1: of label 1 when <paramref name="binary"/> (scikit-learn's average="binary",
    /// pos_label=1), else their unweighted means over the labels present in either argument ("macro").
    /// Divisions by zero give 0, scikit-learn's default.
    /// </summary>
    public static (double Precision, double Recall, double F1) PrecisionRecallF1(
        ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, bool binary)
    {
        CheckLengths(truth.Length, predicted.Length);
        if (binary)
        {
            return ForLabel(truth, predicted, 1);
        }

        var labels = new SortedSet<int>();
        foreach (var label in truth)
        {
            labels.Add(label);
        }

        foreach (var label in predicted)
        {
            labels.Add(label);
        }

        Span<double> precision = stackalloc double[labels.Count];
        Span<double> recall = stackalloc double[labels.Count];
        Span<double> f1 = stackalloc double[labels.Count];
        var k = 0;
        foreach (var label in labels)
        {
            (precision[k], recall[k], f1[k]) = ForLabel(truth, predicted, label);
            k++;
        }

        return (Mean(precision), Mean(recall), Mean(f1));
    }

    /// <summary>
    /// Area under the ROC curve: of the probability of the second class for two classes, else the mean of the
    /// one-versus-rest areas of every class ("ovr", "macro").
    /// </summary>
    /// <param name="truth">Labels, each one of <paramref name="classes"/>.</param>
    /// <param name="probabilities">Row-major <c>rows × classes</c> probabilities.</param>
    /// <param name="classes">The labels of the probability columns, increasing.</param>
    public static double RocAuc(ReadOnlySpan<int> truth, ReadOnlySpan<double> probabilities, IReadOnlyList<int> classes)
    {
        var width = classes.Count;
        if (probabilities.Length != truth.Length * width)
        {
            throw new ArgumentException(
                $"{truth.Length} rows of {width} class probabilities need {truth.Length * width} values, got {probabilities.Length}.",
                nameof(probabilities));
        }

        var scores = new double[truth.Length];
        var positive = new bool[truth.Length];
        if (width == 2)
        {
            Fill(truth, probabilities, classes[1], 1, width, scores, positive);
            return BinaryRocAuc(scores, positive);
        }

        Span<double> areas = stackalloc double[width];
        for (var c = 0; c < width; c++)
        {
            Fill(truth, probabilities, classes[c], c, width, scores, positive);
            areas[c] = BinaryRocAuc(scores, positive);
        }

        return Mean(areas);
    }

    /// <summary>Mean squared error, averaged uniformly over the outputs of row-major <c>rows × outputs</c> values.</summary>
    public static double MeanSquaredError(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted, int outputs) =>
        AverageOverOutputs(truth, predicted, outputs, static (t, p) => (t - p) * (t - p));

    /// <summary>Mean absolute error, averaged uniformly over the outputs.</summary>
    public static double MeanAbsoluteError(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted, int outputs) =>
        AverageOverOutputs(truth, predicted, outputs, static (t, p) => Math.Abs(p - t));

    /// <summary>
    /// R², averaged uniformly over the outputs (1 for a perfect fit, 0 for a constant column predicted wrong).
    /// For float targets (<paramref name="singlePrecisionTruth"/>) the targets' mean and squared deviations are
    /// taken in float32, as numpy does for a float32 <c>y_true</c>.
    /// </summary>
    public static double RSquared(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted, int outputs, bool singlePrecisionTruth)
    {
        CheckLengths(truth.Length, predicted.Length);
        var rows = truth.Length / outputs;
        var residuals = new double[truth.Length];
        for (var i = 0; i < truth.Length; i++)
        {
            var d = truth[i] - predicted[i];
            residuals[i] = d * d;
        }

        var deviations = new double[truth.Length];
        if (singlePrecisionTruth)
        {
            var single = new float[truth.Length];
            for (var i = 0; i < truth.Length; i++)
            {
                single[i] = (float)truth[i];
            }

            for (var k = 0; k < outputs; k++)
            {
                var mean = NumpySum.Column(single, outputs, k) / rows;
                for (var i = k; i < single.Length; i += outputs)
                {
                    var d = single[i] - mean;
                    deviations[i] = d * d;
                }
            }
        }
        else
        {
            for (var k = 0; k < outputs; k++)
            {
                var mean = NumpySum.Column(truth, outputs, k) / rows;
                for (var i = k; i < truth.Length; i += outputs)
                {
                    var d = truth[i] - mean;
                    deviations[i] = d * d;
                }
            }
        }

        Span<double> scores = stackalloc double[outputs];
        for (var k = 0; k < outputs; k++)
        {
            var numerator = NumpySum.Column(residuals, outputs, k);
            var denominator = NumpySum.Column(deviations, outputs, k);
            scores[k] = numerator == 0.0 ? 1.0 : denominator == 0.0 ? 0.0 : 1 - numerator / denominator;
        }

        return Mean(scores);
    }

    private static double AverageOverOutputs(
        ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted, int outputs, Func<double, double, double> error)
    {
        CheckLengths(truth.Length, predicted.Length);
        var rows = truth.Length / outputs;
        var errors = new double[truth.Length];
        for (var i = 0; i < truth.Length; i++)
        {
            errors[i] = error(truth[i], predicted[i]);
        }

        Span<double> perOutput = stackalloc double[outputs];
        for (var k = 0; k < outputs; k++)
        {
            perOutput[k] = NumpySum.Column(errors, outputs, k) / rows;
        }

        return Mean(perOutput);
    }

    private static (double Precision, double Recall, double F1) ForLabel(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int label)
    {
        int truePositives = 0, predictedPositives = 0, actualPositives = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var isTrue = truth[i] == label;
            var isPredicted = predicted[i] == label;
            actualPositives += isTrue ? 1 : 0;
            predictedPositives += isPredicted ? 1 : 0;
            truePositives += isTrue && isPredicted ? 1 : 0;
        }

        var precision = predictedPositives == 0 ? 0.0 : (double)truePositives / predictedPositives;
        var recall = actualPositives == 0 ? 0.0 : (double)truePositives / actualPositives;
        var denominator = 1.0 * precision + recall;
        var f1 = (1.0 + 1.0) * precision * recall / (denominator == 0.0 ? 1.0 : denominator);
        return (precision, recall, f1);
    }

    private static void Fill(
        ReadOnlySpan<int> truth, ReadOnlySpan<double> probabilities, int label, int column, int width, double[] scores, bool[] positive)
    {
        for (var i = 0; i < truth.Length; i++)
        {
            scores[i] = probabilities[i * width + column];
            positive[i] = truth[i] == label;
        }
    }

    // roc_curve (drop_intermediate=True) and auc: the trapezoid area under (fpr, tpr).
    private static double BinaryRocAuc(double[] scores, bool[] positive)
    {
        var n = scores.Length;
        var order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();
        var thresholdTps = new List<double>();
        var thresholdFps = new List<double>();
        var tps = 0.0;
        for (var j = 0; j < n; j++)
        {
            tps += positive[order[j]] ? 1.0 : 0.0;
            if (j == n - 1 || scores[order[j]] != scores[order[j + 1]])
            {
                thresholdTps.Add(tps);
                thresholdFps.Add(1 + j - tps);
            }
        }

        if (thresholdTps[^1] <= 0 || thresholdFps[^1] <= 0)
        {
            throw new ArgumentException(
                "The ROC AUC needs both classes among the true labels; only one is present.", nameof(positive));
        }

        // Drop the points on a straight line between their neighbours; they add nothing to the area.
        var fps = new List<double> { 0.0 };
        var tpsKept = new List<double> { 0.0 };
        for (var j = 0; j < thresholdTps.Count; j++)
        {
            var keep = thresholdTps.Count <= 2 || j == 0 || j == thresholdTps.Count - 1
                       || SecondDifference(thresholdFps, j) != 0
                       || SecondDifference(thresholdTps, j) != 0;
            if (keep)
            {
                fps.Add(thresholdFps[j]);
                tpsKept.Add(thresholdTps[j]);
            }
        }

        var lastFp = fps[^1];
        var lastTp = tpsKept[^1];
        var areas = new double[fps.Count - 1];
        for (var j = 1; j < fps.Count; j++)
        {
            double x0 = fps[j - 1] / lastFp, x1 = fps[j] / lastFp;
            double y0 = tpsKept[j - 1] / lastTp, y1 = tpsKept[j] / lastTp;
            areas[j - 1] = (x1 - x0) * (y1 + y0) / 2.0;
        }

        return NumpySum.Pairwise(areas);
    }

    // np.diff(x, 2) at point j.
    private static double SecondDifference(List<double> x, int j) => (x[j + 1] - x[j]) - (x[j] - x[j - 1]);

    private static double Mean(ReadOnlySpan<double> values) => NumpySum.Mean(values);

    private static void CheckLengths(int truth, int predicted)
    {
        if (truth != predicted)
        {
            throw new ArgumentException($"{truth} true values but {predicted} predictions.");
        }
    }
}
