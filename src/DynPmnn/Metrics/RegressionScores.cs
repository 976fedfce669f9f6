// The scores follow scikit-learn 1.2.1's sklearn/metrics/_regression.py (mean_squared_error, mean_absolute_error,
// r2_score with force_finite=True, multioutput="raw_values" and "uniform_average", sample_weight); BSD-3-Clause,
// see NOTICE.
using System.Numerics;

namespace DynPmnn.Metrics;

/// <summary>
/// Regression scores of a model with one or more outputs (targets): per target, and averaged uniformly over the
/// targets as scikit-learn's default <c>multioutput="uniform_average"</c> does.
/// </summary>
/// <remarks>
/// <see cref="RootMeanSquaredError"/> is the authors' <c>sqrt(mean_squared_error(y, ŷ))</c>, the root of the averaged
/// MSE; it is not the mean of <see cref="RootMeanSquaredErrorPerTarget"/> (scikit-learn's <c>squared=False</c>)
/// unless there is one target.
/// </remarks>
public sealed class RegressionScores
{
    private RegressionScores(double[] mse, double[] mae, double[] r2)
    {
        var rmse = new double[mse.Length];
        for (var t = 0; t < mse.Length; t++)
        {
            rmse[t] = Math.Sqrt(mse[t]);
        }

        MeanSquaredErrorPerTarget = mse;
        RootMeanSquaredErrorPerTarget = rmse;
        MeanAbsoluteErrorPerTarget = mae;
        RSquaredPerTarget = r2;
        MeanSquaredError = Mean(mse);
        RootMeanSquaredError = Math.Sqrt(MeanSquaredError);
        MeanAbsoluteError = Mean(mae);
        RSquared = Mean(r2);
    }

    /// <summary>How many targets each row has.</summary>
    public int Targets => MeanSquaredErrorPerTarget.Count;

    /// <summary>Mean squared error of each target (<c>multioutput="raw_values"</c>).</summary>
    public IReadOnlyList<double> MeanSquaredErrorPerTarget { get; }

    /// <summary>The root of each target's mean squared error.</summary>
    public IReadOnlyList<double> RootMeanSquaredErrorPerTarget { get; }

    /// <summary>Mean absolute error of each target.</summary>
    public IReadOnlyList<double> MeanAbsoluteErrorPerTarget { get; }

    /// <summary>Coefficient of determination of each target; see <see cref="RegressionMetrics.RSquared{T}"/> for constant targets.</summary>
    public IReadOnlyList<double> RSquaredPerTarget { get; }

    /// <summary>The mean over targets of <see cref="MeanSquaredErrorPerTarget"/>, <c>mean_squared_error(y, ŷ)</c>.</summary>
    public double MeanSquaredError { get; }

    /// <summary>The authors' RMSE: <c>sqrt(</c><see cref="MeanSquaredError"/><c>)</c>.</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>The mean over targets of <see cref="MeanAbsoluteErrorPerTarget"/>, <c>mean_absolute_error(y, ŷ)</c>.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>The mean over targets of <see cref="RSquaredPerTarget"/>, <c>r2_score(y, ŷ)</c>.</summary>
    public double RSquared { get; }

    /// <summary>Scores row-major predictions against targets, each row holding <paramref name="targets"/> values.</summary>
    /// <param name="predictions">Row-major <c>rows × targets</c> predictions.</param>
    /// <param name="actual">The matching actual values.</param>
    /// <param name="targets">Values per row, at least 1.</param>
    /// <param name="sampleWeights">One non-negative weight per row, or empty for a weight of 1 each (scikit-learn's <c>sample_weight</c>).</param>
    /// <exception cref="ArgumentException">
    /// Lengths differ or do not divide into rows, there are fewer than 2 rows (R² is undefined), a value is not
    /// finite, or the weights are unusable.
    /// </exception>
    public static RegressionScores Compute<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> actual, int targets, ReadOnlySpan<double> sampleWeights = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targets);
        MetricInputs.SameNonEmptyLength(predictions.Length, actual.Length, nameof(predictions), nameof(actual));
        if (actual.Length % targets != 0)
        {
            throw new ArgumentException($"{actual.Length} values do not divide into rows of {targets} targets.", nameof(actual));
        }

        var rows = actual.Length / targets;
        if (rows < 2)
        {
            throw new ArgumentException("R² needs at least 2 rows; there is 1.", nameof(actual));
        }

        CheckFinite(predictions, targets, nameof(predictions));
        CheckFinite(actual, targets, nameof(actual));
        MetricInputs.SampleWeights(sampleWeights, rows, nameof(sampleWeights));

        var weightSum = 0.0;
        for (var r = 0; r < rows; r++)
        {
            weightSum += Weight(sampleWeights, r);
        }

        var mse = new double[targets];
        var mae = new double[targets];
        var r2 = new double[targets];
        for (var t = 0; t < targets; t++)
        {
            double squared = 0, absolute = 0, mean = 0;
            for (var r = 0; r < rows; r++)
            {
                var w = Weight(sampleWeights, r);
                var y = double.CreateTruncating(actual[r * targets + t]);
                var d = double.CreateTruncating(predictions[r * targets + t]) - y;
                squared += w * d * d;
                absolute += w * Math.Abs(d);
                mean += w * y;
            }

            mean /= weightSum;
            var total = 0.0;
            for (var r = 0; r < rows; r++)
            {
                var deviation = double.CreateTruncating(actual[r * targets + t]) - mean;
                total += Weight(sampleWeights, r) * deviation * deviation;
            }

            mse[t] = squared / weightSum;
            mae[t] = absolute / weightSum;
            r2[t] = RegressionMetrics.CoefficientOfDetermination(squared, total);
        }

        return new RegressionScores(mse, mae, r2);
    }

    private static double Weight(ReadOnlySpan<double> weights, int row) => weights.IsEmpty ? 1 : weights[row];

    private static double Mean(double[] values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    private static void CheckFinite<T>(ReadOnlySpan<T> values, int targets, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    MetricInputs.Invariant($"{name} row {i / targets}, target {i % targets} is {double.CreateTruncating(values[i])}; regression scores need finite values."),
                    name);
            }
        }
    }
}
