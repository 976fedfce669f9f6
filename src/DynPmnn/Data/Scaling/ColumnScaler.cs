namespace DynPmnn.Data;

/// <summary>
/// A per-column affine map <c>x' = (x − Center) / Scale</c> fitted to training rows, stored as plain numbers so it
/// travels in a model file and is applied again to raw rows at prediction time. Used for features and, optionally,
/// for regression targets (whose predictions are mapped back with <see cref="Inverse"/>).
/// </summary>
/// <remarks>
/// Statistics are accumulated in double, two passes for the deviation (<see cref="ColumnStatistics"/>, shared with
/// <see cref="StandardScaler"/>), and every scaled value is computed in
/// double and rounded to float once, so the result does not depend on summation order in float.
/// </remarks>
public sealed record ColumnScaler
{
    /// <summary>The epsilon the paper's code adds to the standard deviation.</summary>
    public const double StandardEpsilon = 1e-12;

    /// <summary>Settable for the JSON reader; a scaler read from a file is checked with <see cref="Validate"/>.</summary>
    public ScalingKind Kind { get; set; }

    /// <summary>The value subtracted from each column.</summary>
    public double[] Center { get; set; } = [];

    /// <summary>The divisor of each column (never 0).</summary>
    public double[] Scale { get; set; } = [];

    /// <summary>The number of columns.</summary>
    public int Columns => Center.Length;

    /// <summary>Fits a scaler of <paramref name="kind"/> to the <paramref name="rows"/> × <paramref name="columns"/> row-major <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">Too few rows for the statistic (the unbiased deviation needs two).</exception>
    public static ColumnScaler Fit(ScalingKind kind, ReadOnlySpan<float> values, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (values.Length != (long)rows * columns)
        {
            throw new ArgumentException($"{values.Length} values do not make {rows} rows of {columns} columns.", nameof(values));
        }

        var center = new double[columns];
        var scale = new double[columns];
        switch (kind)
        {
            case ScalingKind.None:
                Array.Fill(scale, 1.0);
                break;
            case ScalingKind.Standard:
                if (rows < 2)
                {
                    throw new ArgumentException($"Standardisation needs at least two training rows for the unbiased deviation, got {rows}.", nameof(rows));
                }

                (center, var deviations) = ColumnStatistics.MeanAndDeviation(values, rows, columns);
                for (var c = 0; c < columns; c++)
                {
                    scale[c] = deviations[c] + StandardEpsilon;
                }

                break;
            case ScalingKind.MinMax:
                if (rows < 1)
                {
                    throw new ArgumentException("Min-max scaling needs at least one training row.", nameof(rows));
                }

                Array.Fill(center, double.PositiveInfinity);
                Array.Fill(scale, double.NegativeInfinity);
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < columns; c++)
                    {
                        center[c] = Math.Min(center[c], values[r * columns + c]);
                        scale[c] = Math.Max(scale[c], values[r * columns + c]);
                    }
                }

                for (var c = 0; c < columns; c++)
                {
                    var range = scale[c] - center[c];
                    scale[c] = range > 0 ? range : 1.0;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown scaling; use None, Standard or MinMax.");
        }

        return new ColumnScaler { Kind = kind, Center = center, Scale = scale };
    }

    /// <summary>Writes the scaled <paramref name="values"/> (row-major, <see cref="Columns"/> per row) into <paramref name="destination"/>.</summary>
    public void Transform(ReadOnlySpan<float> values, Span<float> destination)
    {
        Check(values.Length, destination.Length);
        var columns = Columns;
        for (var i = 0; i < values.Length; i++)
        {
            var c = i % columns;
            destination[i] = (float)((values[i] - Center[c]) / Scale[c]);
        }
    }

    /// <summary>A scaled copy of <paramref name="values"/>.</summary>
    public float[] Transform(ReadOnlySpan<float> values)
    {
        var result = new float[values.Length];
        Transform(values, result);
        return result;
    }

    /// <summary>Maps scaled values back to the original units: <c>x = x' · Scale + Center</c>.</summary>
    public void Inverse(ReadOnlySpan<float> scaled, Span<float> destination)
    {
        Check(scaled.Length, destination.Length);
        var columns = Columns;
        for (var i = 0; i < scaled.Length; i++)
        {
            var c = i % columns;
            destination[i] = (float)((scaled[i] * Scale[c]) + Center[c]);
        }
    }

    /// <summary>Checks a scaler read from a file.</summary>
    /// <exception cref="InvalidDataException">What is wrong.</exception>
    public void Validate(int expectedColumns, string what)
    {
        if (Center is null || Scale is null || Center.Length != expectedColumns || Scale.Length != expectedColumns)
        {
            throw new InvalidDataException($"The {what} scaler has {Center?.Length ?? 0} centres and {Scale?.Length ?? 0} scales; the model has {expectedColumns} columns.");
        }

        for (var c = 0; c < expectedColumns; c++)
        {
            if (!double.IsFinite(Center[c]) || !double.IsFinite(Scale[c]) || Scale[c] == 0)
            {
                throw new InvalidDataException($"The {what} scaler's column {c} has centre {Center[c]} and scale {Scale[c]}; both must be finite and the scale non-zero.");
            }
        }
    }

    private void Check(int values, int destination)
    {
        if (Columns == 0 || values % Columns != 0 || destination != values)
        {
            throw new ArgumentException($"The scaler has {Columns} columns; {values} values (into {destination}) are not whole rows of them.");
        }
    }
}
