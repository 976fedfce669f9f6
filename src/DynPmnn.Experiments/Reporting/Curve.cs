namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// One run's curve for <see cref="Figures.ValidationCurves"/>: a value (such as validation loss) per epoch, labelled
/// with the group it belongs to (such as the model), so the seeds of one model share a colour and a legend entry.
/// </summary>
/// <remarks>
/// Values that are not finite, such as the losses of a run that diverged, are allowed: the figure leaves them out,
/// breaks the line there and says so in the legend.
/// </remarks>
public sealed class Curve
{
    /// <summary>A curve through (<paramref name="x"/>[i], <paramref name="y"/>[i]); the values are copied.</summary>
    /// <exception cref="ArgumentException">The group name is empty, or the lists are empty or of different lengths.</exception>
    public Curve(string group, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (group.Trim().Length == 0)
        {
            throw new ArgumentException("A curve needs a group name for its legend entry.", nameof(group));
        }

        if (x.Count != y.Count)
        {
            throw new ArgumentException($"The curve of '{group}' has {x.Count} x values but {y.Count} y values; they must pair up.", nameof(y));
        }

        if (x.Count == 0)
        {
            throw new ArgumentException($"The curve of '{group}' has no points.", nameof(x));
        }

        Group = group;
        X = [.. x];
        Y = [.. y];
    }

    /// <summary>The legend entry and colour this curve shares with others of the same name.</summary>
    public string Group { get; }

    /// <summary>The x values, e.g. epochs.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>The y values, e.g. validation losses; may hold NaN or infinities.</summary>
    public IReadOnlyList<double> Y { get; }
}
