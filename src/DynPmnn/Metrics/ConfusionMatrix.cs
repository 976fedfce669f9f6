// The scores follow scikit-learn 1.2.1's sklearn/metrics/_classification.py (accuracy_score,
// precision_recall_fscore_support, confusion_matrix); BSD-3-Clause, see NOTICE.
namespace DynPmnn.Metrics;

/// <summary>
/// The (optionally sample-weighted) counts of a classification: <c>K × K</c>, rows the actual class and columns the
/// predicted one, as scikit-learn's <c>confusion_matrix(y_true, y_pred, labels=range(K))</c>; and the label-based
/// scores derived from it exactly as scikit-learn derives them.
/// </summary>
/// <remarks>
/// <para>
/// With two classes, precision, recall and F1 are those of class 1 (<c>average="binary"</c>, <c>pos_label=1</c>) and
/// specificity is <c>TN / (TN + FP)</c> with class 0 as the negative class. With more classes each score is the
/// unweighted mean over classes (<c>average="macro"</c>) of the one-vs-rest score, taken, as scikit-learn does when
/// it is not given <c>labels</c>, over the classes that occur among the actual or predicted labels; a class absent
/// from both does not count.
/// </para>
/// <para>
/// A ratio whose denominator is 0 (precision of a class never predicted, recall of a class never present) is 0, as
/// with scikit-learn's default <c>zero_division="warn"</c>, and F1 is 0 when precision and recall are both 0.
/// </para>
/// </remarks>
public sealed class ConfusionMatrix
{
    private readonly double[] _cells;
    private readonly bool[] _occurs;

    private ConfusionMatrix(int classCount, double[] cells, bool[] occurs)
    {
        ClassCount = classCount;
        _cells = cells;
        _occurs = occurs;
        var total = 0.0;
        var correct = 0.0;
        for (var i = 0; i < cells.Length; i++)
        {
            total += cells[i];
        }

        for (var c = 0; c < classCount; c++)
        {
            correct += cells[c * classCount + c];
        }

        Total = total;
        Accuracy = correct / total;
    }

    /// <summary>How many classes (rows and columns) there are.</summary>
    public int ClassCount { get; }

    /// <summary>The number (or total sample weight) of rows of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public double this[int actual, int predicted]
    {
        get
        {
            CheckClass(actual, nameof(actual));
            CheckClass(predicted, nameof(predicted));
            return _cells[actual * ClassCount + predicted];
        }
    }

    /// <summary>The number (or total sample weight) of rows.</summary>
    public double Total { get; }

    /// <summary>The share of rows predicted correctly, scikit-learn's <c>accuracy_score</c>.</summary>
    public double Accuracy { get; }

    /// <summary><c>1 − </c><see cref="Accuracy"/>.</summary>
    public double Error => 1 - Accuracy;

    /// <summary>Precision <c>TP / (TP + FP)</c>: of class 1 for two classes, else the macro average.</summary>
    public double Precision => Score(static (tp, predictedSum, _, _) => Ratio(tp, predictedSum));

    /// <summary>Recall <c>TP / (TP + FN)</c>: of class 1 for two classes, else the macro average.</summary>
    public double Recall => Score(static (tp, _, actualSum, _) => Ratio(tp, actualSum));

    /// <summary>F1 <c>2·P·R / (P + R)</c> per class: of class 1 for two classes, else the macro average of the per-class F1.</summary>
    public double F1 => Score(static (tp, predictedSum, actualSum, _) =>
    {
        var precision = Ratio(tp, predictedSum);
        var recall = Ratio(tp, actualSum);
        var denominator = precision + recall;
        return 2 * precision * recall / (denominator == 0 ? 1 : denominator);
    });

    /// <summary>
    /// Specificity <c>TN / (TN + FP)</c>: for two classes with class 0 as the negative class (the recall of class 0),
    /// else the macro average of the one-vs-rest specificity of each class that occurs.
    /// </summary>
    public double Specificity
    {
        get
        {
            if (ClassCount == 2)
            {
                // The recall of class 0, as scikit-learn's recall_score(pos_label=0) computes it.
                var (tp, _, actualSum) = Sums(0);
                return Ratio(tp, actualSum);
            }

            return Score(static (tp, predictedSum, actualSum, total) =>
            {
                // Rows not of the class, and of those the ones also not predicted as it.
                var negatives = total - actualSum;
                var trueNegatives = negatives - (predictedSum - tp);
                return Ratio(trueNegatives, negatives);
            });
        }
    }

    /// <summary>Counts the rows of a classification into a matrix.</summary>
    /// <param name="predicted">The predicted class index of each row.</param>
    /// <param name="actual">The actual class index of each row.</param>
    /// <param name="classCount">How many classes there are (at least 2); every label must be in <c>[0, classCount)</c>.</param>
    /// <param name="sampleWeights">One non-negative weight per row, or empty for a weight of 1 each.</param>
    /// <exception cref="ArgumentException">Lengths differ, there are no rows, or the weights are unusable.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is not a class index, or there are fewer than 2 classes.</exception>
    public static ConfusionMatrix Compute(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int classCount, ReadOnlySpan<double> sampleWeights = default)
    {
        MetricInputs.ClassCount(classCount, nameof(classCount));
        MetricInputs.SameNonEmptyLength(predicted.Length, actual.Length, nameof(predicted), nameof(actual));
        MetricInputs.ClassIndices(predicted, classCount, nameof(predicted));
        MetricInputs.ClassIndices(actual, classCount, nameof(actual));
        MetricInputs.SampleWeights(sampleWeights, actual.Length, nameof(sampleWeights));

        var cells = new double[classCount * classCount];
        var occurs = new bool[classCount];
        for (var i = 0; i < actual.Length; i++)
        {
            cells[actual[i] * classCount + predicted[i]] += sampleWeights.IsEmpty ? 1 : sampleWeights[i];

            // scikit-learn's unique_labels(y_true, y_pred) sees a label even where its rows weigh nothing.
            occurs[actual[i]] = true;
            occurs[predicted[i]] = true;
        }

        return new ConfusionMatrix(classCount, cells, occurs);
    }

    /// <summary>Whether class <paramref name="classIndex"/> occurs among the actual or predicted labels (and so counts in macro averages).</summary>
    public bool Occurs(int classIndex)
    {
        CheckClass(classIndex, nameof(classIndex));
        return _occurs[classIndex];
    }

    /// <summary>A copy of the counts, <c>[actual, predicted]</c>.</summary>
    public double[,] ToArray()
    {
        var copy = new double[ClassCount, ClassCount];
        for (var a = 0; a < ClassCount; a++)
        {
            for (var p = 0; p < ClassCount; p++)
            {
                copy[a, p] = _cells[a * ClassCount + p];
            }
        }

        return copy;
    }

    // scikit-learn's _prf_divide with zero_division="warn": 0 where the denominator is 0.
    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;

    private (double TruePositives, double PredictedSum, double ActualSum) Sums(int c)
    {
        double predictedSum = 0, actualSum = 0;
        for (var k = 0; k < ClassCount; k++)
        {
            predictedSum += _cells[k * ClassCount + c];
            actualSum += _cells[c * ClassCount + k];
        }

        return (_cells[c * ClassCount + c], predictedSum, actualSum);
    }

    /// <summary>The per-class score of class 1 for two classes, else its mean over the classes that occur.</summary>
    private double Score(Func<double, double, double, double, double> perClass)
    {
        if (ClassCount == 2)
        {
            var (tp, predictedSum, actualSum) = Sums(1);
            return perClass(tp, predictedSum, actualSum, Total);
        }

        var sum = 0.0;
        var classes = 0;
        for (var c = 0; c < ClassCount; c++)
        {
            if (_occurs[c])
            {
                var (tp, predictedSum, actualSum) = Sums(c);
                sum += perClass(tp, predictedSum, actualSum, Total);
                classes++;
            }
        }

        return sum / classes;
    }

    private void CheckClass(int value, string name)
    {
        if ((uint)value >= (uint)ClassCount)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} is not a class index in [0, {ClassCount}).");
        }
    }
}
