namespace DynPmnn.Data;

/// <summary>
/// Per-column standardisation <c>(x - mean) / (std + epsilon)</c> with the unbiased (n - 1) standard deviation,
/// as the paper's code standardises its features.
/// </summary>
/// <remarks>
/// The statistics are accumulated in double: summing 14,489 floats in float would drift in the last digits and
/// the scaled features would then depend on summation order. The epsilon keeps a constant column finite instead
/// of turning it into NaN.
/// </remarks>
public sealed class StandardScaler
{
    /// <summary>The epsilon the paper's code adds to the standard deviation.</summary>
    public const double DefaultEpsilon = 1e-12;

    private readonly double[] _means;
    private readonly double[] _standardDeviations;

    private StandardScaler(double[] means, double[] standardDeviations, double epsilon)
    {
        _means = means;
        _standardDeviations = standardDeviations;
        Epsilon = epsilon;
    }

    public IReadOnlyList<double> Means => _means;

    /// <summary>Unbiased (n - 1) standard deviations.</summary>
    public IReadOnlyList<double> StandardDeviations => _standardDeviations;

    public double Epsilon { get; }

    /// <summary>Fits means and unbiased standard deviations to every row of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than two rows, for which the unbiased deviation is undefined.</exception>
    public static StandardScaler Fit(Dataset data, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rows < 2)
        {
            throw new ArgumentException($"The unbiased standard deviation needs at least two rows, got {data.Rows}.", nameof(data));
        }

        var (means, deviations) = ColumnStatistics.MeanAndDeviation(data.Features, data.Rows, data.Columns);
        return new StandardScaler(means, deviations, epsilon);
    }

    /// <summary>A new data set with standardised features (computed in double, stored as float), the targets copied unchanged, names, task and row origins kept.</summary>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != _means.Length)
        {
            throw new ArgumentException($"The scaler was fitted to {_means.Length} columns, the data has {data.Columns}.", nameof(data));
        }

        var columns = data.Columns;
        var source = data.Features;
        var scaled = new float[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            var c = i % columns;
            scaled[i] = (float)((source[i] - _means[c]) / (_standardDeviations[c] + Epsilon));
        }

        return data.WithFeatures(scaled);
    }
}
