// RSquared follows scikit-learn 1.2.1's sklearn/metrics/_regression.py (r2_score); BSD-3-Clause, see NOTICE.
using System.Numerics;

namespace DynPmnn.Metrics;

/// <summary>
/// Regression scores over matching spans of predictions and targets, all elements taken as one output, accumulated in
/// double. For several targets, per-target scores and sample weights see <see cref="RegressionScores"/>.
/// </summary>
public static class RegressionMetrics
{
    /// <summary>Mean of <c>(prediction − target)²</c> over all elements.</summary>
    public static double MeanSquaredError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSameLength(predictions.Length, targets.Length);
        var sum = 0.0;
        for (var i = 0; i < predictions.Length; i++)
        {
            var d = double.CreateTruncating(predictions[i]) - double.CreateTruncating(targets[i]);
            sum += d * d;
        }

        return sum / predictions.Length;
    }

    /// <summary>The square root of <see cref="MeanSquaredError{T}"/>.</summary>
    public static double RootMeanSquaredError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Math.Sqrt(MeanSquaredError(predictions, targets));

    /// <summary>Mean of <c>|prediction − target|</c> over all elements.</summary>
    public static double MeanAbsoluteError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSameLength(predictions.Length, targets.Length);
        var sum = 0.0;
        for (var i = 0; i < predictions.Length; i++)
        {
            sum += Math.Abs(double.CreateTruncating(predictions[i]) - double.CreateTruncating(targets[i]));
        }

        return sum / predictions.Length;
    }

    /// <summary>
    /// The coefficient of determination <c>1 − Σ(y − ŷ)² / Σ(y − ȳ)²</c> over all elements, as scikit-learn's
    /// <c>r2_score</c> for one output. When the targets are all equal it is 1 for a perfect prediction and 0
    /// otherwise (scikit-learn's <c>force_finite=True</c>), never NaN.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ or there are fewer than 2 values (R² is undefined for one).</exception>
    public static double RSquared<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSameLength(predictions.Length, targets.Length);
        if (targets.Length < 2)
        {
            throw new ArgumentException("R² needs at least 2 values; there is 1.", nameof(targets));
        }

        var mean = 0.0;
        for (var i = 0; i < targets.Length; i++)
        {
            mean += double.CreateTruncating(targets[i]);
        }

        mean /= targets.Length;
        double residual = 0, total = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            var y = double.CreateTruncating(targets[i]);
            var d = y - double.CreateTruncating(predictions[i]);
            residual += d * d;
            total += (y - mean) * (y - mean);
        }

        return CoefficientOfDetermination(residual, total);
    }

    /// <summary>
    /// The paper's test RMSE: <c>sqrt(mean over batches of each batch's MSE)</c>, batches of
    /// <paramref name="batchSize"/> consecutive rows (the last may be shorter and still counts as one batch). Equal to
    /// <see cref="RootMeanSquaredError{T}"/> only when every batch is full.
    /// </summary>
    /// <param name="predictions">Row-major predictions, in the order the batches were formed.</param>
    /// <param name="targets">The matching targets.</param>
    /// <param name="rowWidth">Values per row (outputs per sample).</param>
    /// <param name="batchSize">Rows per batch.</param>
    public static double BatchedRootMeanSquaredError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int rowWidth, int batchSize)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Math.Sqrt(BatchedMeanSquaredError(predictions, targets, rowWidth, batchSize));

    /// <summary>
    /// The mean over batches of each batch's MSE, as the authors' scripts that divide by the number of batches report
    /// it: batches of <paramref name="batchSize"/> consecutive rows, the last (possibly shorter) counted as one.
    /// </summary>
    /// <param name="predictions">Row-major predictions, in the order the batches were formed.</param>
    /// <param name="targets">The matching targets.</param>
    /// <param name="rowWidth">Values per row (outputs per sample).</param>
    /// <param name="batchSize">Rows per batch.</param>
    public static double BatchedMeanSquaredError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int rowWidth, int batchSize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSameLength(predictions.Length, targets.Length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (predictions.Length % rowWidth != 0)
        {
            throw new ArgumentException($"{predictions.Length} values do not divide into rows of {rowWidth}.", nameof(predictions));
        }

        var batchLength = batchSize * rowWidth;
        var sum = 0.0;
        var batches = 0;
        for (var start = 0; start < predictions.Length; start += batchLength)
        {
            var length = Math.Min(batchLength, predictions.Length - start);
            sum += MeanSquaredError(predictions.Slice(start, length), targets.Slice(start, length));
            batches++;
        }

        return sum / batches;
    }

    /// <summary>
    /// <c>1 − residual / total</c> from the residual and total sums of squares, with scikit-learn's
    /// <c>force_finite=True</c> rule for a constant target (total 0): 1 when the residual is 0 too, else 0.
    /// </summary>
    internal static double CoefficientOfDetermination(double residual, double total) =>
        total != 0 ? 1 - residual / total : residual == 0 ? 1 : 0;

    private static void CheckSameLength(int predictions, int targets)
    {
        if (predictions != targets)
        {
            throw new ArgumentException($"There are {predictions} predictions but {targets} targets.");
        }

        if (predictions == 0)
        {
            throw new ArgumentException("Metrics need at least one prediction.");
        }
    }
}
