namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// How the best trial is chosen: by the first metric, a tie broken by the next, and a tie on all of them by expansion
/// order (the first trial wins). Only done trials that have every metric of the rule, none NaN, take part.
/// </summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property.</remarks>
public sealed record SelectionRule
{
    /// <summary>The metric names the authors' rules read.</summary>
    public const string ValidationAccuracy = "validAccuracy";

    /// <inheritdoc cref="ValidationAccuracy"/>
    public const string ValidationLoss = "validLoss";

    /// <summary>A name for reports: <c>spec</c>, <c>classification</c> or <c>regression</c>.</summary>
    public required string Name { get; set; }

    public required IReadOnlyList<SelectionKey> Keys { get; set; }

    /// <summary>The authors' rule for classification: the highest validation accuracy, then the lowest validation loss.</summary>
    public static SelectionRule Classification { get; } = new()
    {
        Name = "classification",
        Keys = [new() { Metric = ValidationAccuracy, Direction = SelectionDirection.Max }, new() { Metric = ValidationLoss, Direction = SelectionDirection.Min }],
    };

    /// <summary>The authors' rule for regression: the lowest validation loss.</summary>
    public static SelectionRule Regression { get; } = new()
    {
        Name = "regression",
        Keys = [new() { Metric = ValidationLoss, Direction = SelectionDirection.Min }],
    };

    /// <summary>The spec's rule: the one its <see cref="SweepSpec.Selection"/> names, else its metric and direction.</summary>
    public static SelectionRule Of(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Selection is { } name
            ? Named(name, spec)
            : new SelectionRule { Name = "spec", Keys = [new() { Metric = spec.Metric, Direction = spec.Direction }] };
    }

    /// <summary>The rule named <paramref name="name"/> (spec, classification or regression) for <paramref name="spec"/>.</summary>
    /// <exception cref="FormatException">An unknown name.</exception>
    public static SelectionRule Named(string name, SweepSpec spec) => name switch
    {
        "spec" => spec.Selection is null ? Of(spec) : Named(spec.Selection, spec),
        "classification" => Classification,
        "regression" => Regression,
        _ => throw new FormatException($"Unknown selection rule '{name}'; use spec (the spec's selection, else its metric and direction), classification (max {ValidationAccuracy}, then min {ValidationLoss}) or regression (min {ValidationLoss})."),
    };

    /// <summary>The best of <paramref name="candidates"/>, given in expansion order; null if none takes part.</summary>
    public T? Best<T>(IEnumerable<T> candidates, Func<T, TrialStatus?> status, Func<T, IReadOnlyDictionary<string, double>> metrics)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(candidates);
        T? best = null;
        double[]? bestValues = null;
        foreach (var candidate in candidates)
        {
            if (status(candidate) != TrialStatus.Done || Values(metrics(candidate)) is not { } values)
            {
                continue;
            }

            if (bestValues is null || IsBetter(values, bestValues))
            {
                best = candidate;
                bestValues = values;
            }
        }

        return best;
    }

    public override string ToString() => $"{Name} ({string.Join(", then ", Keys)})";

    private double[]? Values(IReadOnlyDictionary<string, double> metrics)
    {
        var values = new double[Keys.Count];
        for (var i = 0; i < Keys.Count; i++)
        {
            if (!metrics.TryGetValue(Keys[i].Metric, out values[i]) || double.IsNaN(values[i]))
            {
                return null;
            }
        }

        return values;
    }

    /// <summary>Strictly better: an equal trial later in expansion order never replaces an earlier one.</summary>
    private bool IsBetter(double[] values, double[] than)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            if (values[i] != than[i])
            {
                return Keys[i].Direction == SelectionDirection.Max ? values[i] > than[i] : values[i] < than[i];
            }
        }

        return false;
    }
}
