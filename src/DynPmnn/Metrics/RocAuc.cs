// Port of scikit-learn 1.2.1's sklearn/metrics/_ranking.py (roc_auc_score, _binary_clf_curve, roc_curve with
// drop_intermediate, auc) for binary and one-vs-rest macro multiclass scores; BSD-3-Clause, see NOTICE.
namespace DynPmnn.Metrics;

/// <summary>The area under the ROC curve, as scikit-learn's <c>roc_auc_score</c> computes it.</summary>
/// <remarks>
/// Rows with equal scores form one step of the curve (a diagonal segment), so ties count half, as in scikit-learn.
/// Where the area is undefined (a class missing from the actual labels) this throws, as scikit-learn does, rather
/// than returning NaN.
/// </remarks>
public static class RocAuc
{
    /// <summary>
    /// <c>roc_auc_score(actual, positiveScores)</c> for two classes: the area under the ROC curve of class 1 ranked
    /// by <paramref name="positiveScores"/> (such as its predicted probability).
    /// </summary>
    /// <param name="positiveScores">One score per row; larger means more likely class 1.</param>
    /// <param name="actual">The actual class of each row, 0 or 1.</param>
    /// <param name="sampleWeights">One non-negative weight per row, or empty for a weight of 1 each.</param>
    /// <exception cref="ArgumentException">
    /// Lengths differ, there are no rows, a score is not finite, or only one class occurs in <paramref name="actual"/>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is not 0 or 1.</exception>
    public static double Binary(ReadOnlySpan<double> positiveScores, ReadOnlySpan<int> actual, ReadOnlySpan<double> sampleWeights = default)
    {
        MetricInputs.SameNonEmptyLength(positiveScores.Length, actual.Length, nameof(positiveScores), nameof(actual));
        MetricInputs.ClassIndices(actual, 2, nameof(actual));
        MetricInputs.Finite(positiveScores, 1, nameof(positiveScores));
        MetricInputs.SampleWeights(sampleWeights, actual.Length, nameof(sampleWeights));
        return OneColumn(positiveScores, 1, 0, actual, 1, sampleWeights);
    }

    /// <summary>
    /// <c>roc_auc_score(actual, probabilities, multi_class="ovr", average="macro")</c>: the mean over classes of the
    /// binary area of "this class against the rest", each ranked by its own column of probabilities.
    /// </summary>
    /// <param name="probabilities">Row-major <c>rows × classCount</c> class probabilities; each row must sum to 1 (within <c>numpy.allclose</c>'s tolerance).</param>
    /// <param name="actual">The actual class index of each row; every class must occur.</param>
    /// <param name="classCount">How many classes (columns) there are, at least 2.</param>
    /// <param name="sampleWeights">One non-negative weight per row, or empty for a weight of 1 each.</param>
    /// <exception cref="ArgumentException">
    /// The sizes do not match, a probability is not finite, a row does not sum to 1, or a class does not occur in
    /// <paramref name="actual"/>.
    /// </exception>
    public static double OneVsRest(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> actual, int classCount, ReadOnlySpan<double> sampleWeights = default)
    {
        MetricInputs.ClassCount(classCount, nameof(classCount));
        if (actual.IsEmpty)
        {
            throw new ArgumentException("Metrics need at least one row; actual is empty.", nameof(actual));
        }

        if (probabilities.Length != (long)actual.Length * classCount)
        {
            throw new ArgumentException(
                $"There are {actual.Length} rows of {classCount} classes, so {(long)actual.Length * classCount} probabilities are needed, but there are {probabilities.Length}.",
                nameof(probabilities));
        }

        MetricInputs.ClassIndices(actual, classCount, nameof(actual));
        MetricInputs.Finite(probabilities, classCount, nameof(probabilities));
        MetricInputs.SampleWeights(sampleWeights, actual.Length, nameof(sampleWeights));

        for (var row = 0; row < actual.Length; row++)
        {
            var sum = 0.0;
            foreach (var p in probabilities.Slice(row * classCount, classCount))
            {
                sum += p;
            }

            // numpy.allclose(1, sum): |1 − sum| <= atol + rtol·|sum| with atol = 1e-8, rtol = 1e-5.
            if (!(Math.Abs(1 - sum) <= 1e-8 + 1e-5 * Math.Abs(sum)))
            {
                throw new ArgumentException(
                    MetricInputs.Invariant($"The probabilities of row {row} sum to {sum}, not 1; one-vs-rest ROC AUC needs class probabilities."),
                    nameof(probabilities));
            }
        }

        var occurs = new bool[classCount];
        foreach (var label in actual)
        {
            occurs[label] = true;
        }

        for (var c = 0; c < classCount; c++)
        {
            if (!occurs[c])
            {
                throw new ArgumentException(
                    $"Class {c} does not occur among the actual labels, so its one-vs-rest ROC AUC is undefined; every one of the {classCount} classes must occur.",
                    nameof(actual));
            }
        }

        var total = 0.0;
        for (var c = 0; c < classCount; c++)
        {
            total += OneColumn(probabilities, classCount, c, actual, c, sampleWeights);
        }

        return total / classCount;
    }

    /// <summary>The binary area for "row is <paramref name="positiveClass"/>", scored by one column of a row-major table.</summary>
    private static double OneColumn(ReadOnlySpan<double> scores, int stride, int column, ReadOnlySpan<int> actual, int positiveClass, ReadOnlySpan<double> weights)
    {
        var weighted = !weights.IsEmpty;
        var rows = new List<int>(actual.Length);
        bool anyPositive = false, anyNegative = false;
        for (var i = 0; i < actual.Length; i++)
        {
            var positive = actual[i] == positiveClass;
            anyPositive |= positive;
            anyNegative |= !positive;

            // _binary_clf_curve drops rows of weight 0.
            if (!weighted || weights[i] != 0)
            {
                rows.Add(i);
            }
        }

        if (!(anyPositive && anyNegative))
        {
            var which = anyPositive ? $"every row is of class {positiveClass}" : $"no row is of class {positiveClass}";
            throw new ArgumentException(
                $"Only one class occurs among the actual labels ({which}); ROC AUC is undefined.", nameof(actual));
        }

        // np.argsort(y_score, kind="mergesort")[::-1]: descending score, and among equal scores descending row.
        var order = rows.ToArray();
        var keys = new double[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            keys[k] = scores[order[k] * stride + column];
        }

        Array.Sort(keys, order, Comparer<double>.Create(static (a, b) => b.CompareTo(a)));
        SortRowsDescendingWithinTies(keys, order);

        // The curve's points: cumulative true and false positives at the last row of each run of equal scores.
        var fps = new List<double>();
        var tps = new List<double>();
        double truePositives = 0, falsePositives = 0;
        for (var k = 0; k < order.Length; k++)
        {
            var row = order[k];
            var weight = weighted ? weights[row] : 1;
            if (actual[row] == positiveClass)
            {
                truePositives += weight;
            }
            else
            {
                falsePositives += weight;
            }

            if (k == order.Length - 1 || keys[k + 1] != keys[k])
            {
                tps.Add(truePositives);
                fps.Add(weighted ? falsePositives : k + 1 - truePositives);
            }
        }

        // roc_curve(drop_intermediate=True) keeps the ends and every point where the curve bends.
        var keptFps = new List<double>(fps.Count + 1) { 0 };
        var keptTps = new List<double>(tps.Count + 1) { 0 };
        for (var i = 0; i < fps.Count; i++)
        {
            var keep = fps.Count <= 2 || i == 0 || i == fps.Count - 1
                || (fps[i + 1] - fps[i]) - (fps[i] - fps[i - 1]) != 0
                || (tps[i + 1] - tps[i]) - (tps[i] - tps[i - 1]) != 0;
            if (keep)
            {
                keptFps.Add(fps[i]);
                keptTps.Add(tps[i]);
            }
        }

        var lastFp = keptFps[^1];
        var lastTp = keptTps[^1];
        if (lastFp <= 0 || lastTp <= 0)
        {
            throw new ArgumentException(
                $"The {(lastTp <= 0 ? "rows of class " + positiveClass : "other rows")} all have weight 0; ROC AUC is undefined.",
                "sampleWeights");
        }

        // auc(fpr, tpr) = np.trapz(tpr, fpr).
        var area = 0.0;
        for (var i = 1; i < keptFps.Count; i++)
        {
            var dx = keptFps[i] / lastFp - keptFps[i - 1] / lastFp;
            area += dx * (keptTps[i] / lastTp + keptTps[i - 1] / lastTp) / 2.0;
        }

        return area;
    }

    // Array.Sort is not stable; numpy's reversed stable sort puts later rows first within equal scores.
    private static void SortRowsDescendingWithinTies(double[] keys, int[] order)
    {
        var start = 0;
        for (var k = 1; k <= keys.Length; k++)
        {
            if (k == keys.Length || keys[k] != keys[start])
            {
                Array.Sort(order, start, k - start, Comparer<int>.Create(static (a, b) => b.CompareTo(a)));
                start = k;
            }
        }
    }
}
