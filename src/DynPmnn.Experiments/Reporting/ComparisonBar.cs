namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// One model's bar in <see cref="Figures.Comparison"/>: its metric on one data set for each seed that finished, and
/// optionally the value a paper published for it, drawn as a marker beside the bar.
/// </summary>
public sealed class ComparisonBar
{
    /// <summary>A bar for <paramref name="model"/> over <paramref name="values"/> (one per seed; copied).</summary>
    /// <exception cref="ArgumentException">
    /// The model name is empty, there are no values, or a value or the reference is NaN or infinite. A seed that
    /// diverged has no score to draw: leave it out, and say so in the chart's title or the model name.
    /// </exception>
    public ComparisonBar(string model, IReadOnlyList<double> values, double? reference = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(values);
        if (model.Trim().Length == 0)
        {
            throw new ArgumentException("A bar needs a model name for its axis label.", nameof(model));
        }

        if (values.Count == 0)
        {
            throw new ArgumentException($"The bar of '{model}' has no values; it needs at least one seed's result.", nameof(values));
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    $"Value {i} of '{model}' is {values[i]}; pass only the results of runs that finished.", nameof(values));
            }
        }

        if (reference is { } r && !double.IsFinite(r))
        {
            throw new ArgumentException($"The reference value of '{model}' is {r}; leave it null when there is none.", nameof(reference));
        }

        Model = model;
        Values = [.. values];
        Reference = reference;
        Min = values.Min();
        Max = values.Max();
        // The same median as the result tables, so the chart and the table beside it agree.
        Median = ExperimentRunner.Median(values);
    }

    /// <summary>The label under the bar.</summary>
    public string Model { get; }

    /// <summary>The metric for each seed.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>A published value to compare with, if any.</summary>
    public double? Reference { get; }

    /// <summary>The bar's height: the median of <see cref="Values"/>.</summary>
    public double Median { get; }

    /// <summary>The bottom of the error bar: the smallest value.</summary>
    public double Min { get; }

    /// <summary>The top of the error bar: the largest value.</summary>
    public double Max { get; }
}
