namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// A metric over the values of one hyperparameter, for <see cref="Figures.SweepCurve"/>: per value, the best result
/// and the median over the configurations that share it. A value without a result (every trial failed) is
/// <see langword="null"/>.
/// </summary>
public sealed class SweepSeries
{
    /// <summary>A series over <paramref name="labels"/>, placed at <paramref name="positions"/> when the values are numbers (null: categories, evenly spaced).</summary>
    /// <exception cref="ArgumentException">There are no values, the lists differ in length, or a result or position is NaN or infinite.</exception>
    public SweepSeries(string parameter, IReadOnlyList<string> labels, IReadOnlyList<double>? positions, IReadOnlyList<double?> best, IReadOnlyList<double?> median)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parameter);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(best);
        ArgumentNullException.ThrowIfNull(median);
        if (labels.Count == 0)
        {
            throw new ArgumentException($"A sweep series needs at least one value of '{parameter}'.", nameof(labels));
        }

        if ((positions is not null && positions.Count != labels.Count) || best.Count != labels.Count || median.Count != labels.Count)
        {
            throw new ArgumentException($"'{parameter}' has {labels.Count} values but {positions?.Count ?? labels.Count} positions, {best.Count} best and {median.Count} median results.", nameof(best));
        }

        if (positions is not null && positions.Any(p => !double.IsFinite(p)))
        {
            throw new ArgumentException($"A position of '{parameter}' is NaN or infinite.", nameof(positions));
        }

        if (best.Concat(median).Any(v => v is { } value && !double.IsFinite(value)))
        {
            throw new ArgumentException($"A result for '{parameter}' is NaN or infinite; use null for a value without a result.", nameof(best));
        }

        Parameter = parameter;
        Labels = [.. labels];
        Positions = positions is null ? null : [.. positions];
        Best = [.. best];
        Median = [.. median];
    }

    /// <summary>The hyperparameter, the x axis's label.</summary>
    public string Parameter { get; }

    /// <summary>Its values as they appear on the axis, left first.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The values as numbers, or null when they are categories.</summary>
    public IReadOnlyList<double>? Positions { get; }

    /// <summary>The best result per value, or null.</summary>
    public IReadOnlyList<double?> Best { get; }

    /// <summary>The median over configurations per value, or null.</summary>
    public IReadOnlyList<double?> Median { get; }

    /// <summary>How many values have no result.</summary>
    public int MissingCount => Best.Count(v => v is null);
}
