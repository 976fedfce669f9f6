namespace DynPmnn.Experiments.Paper;

/// <summary>
/// The number to beat on a data set: the best of the paper's five baselines, in that baseline's averaging, and the
/// same score over all rows for a second look.
/// </summary>
/// <param name="Metric">The test metric compared (a <see cref="RunResult.TestMetrics"/> key), such as <c>accuracy</c> or <c>batch32_mse</c>.</param>
/// <param name="Value">The best baseline's value.</param>
/// <param name="LowerIsBetter">Whether a lower value is better (errors) or a higher one (accuracy).</param>
/// <param name="Baseline">Which model reported it, in words, such as "DNN, per batch of 32".</param>
/// <param name="RowsMetric">The same score averaged over all rows, reported beside it; null where <see cref="Metric"/> already is.</param>
public sealed record PaperTarget(string Metric, double Value, bool LowerIsBetter, string Baseline, string? RowsMetric = null)
{
    /// <summary>Whether <paramref name="value"/> is at least as good as the target.</summary>
    public bool IsMetBy(double value) => double.IsFinite(value) && (LowerIsBetter ? value <= Value : value >= Value);
}
