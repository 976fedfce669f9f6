namespace DynPmnn.Data;

/// <summary>
/// A data set split into training, validation and test rows, with features (and optionally regression targets) scaled
/// by a scaler fitted on the training rows only, so no test statistic leaks into training.
/// </summary>
public sealed class DatasetSplit
{
    private DatasetSplit(Dataset train, Dataset validation, Dataset test, SplitIndices indices, ColumnScaler featureScaler, ColumnScaler? targetScaler, SplitOptions options)
    {
        Train = train;
        Validation = validation;
        Test = test;
        Indices = indices;
        FeatureScaler = featureScaler;
        TargetScaler = targetScaler;
        Options = options;
    }

    /// <summary>Scaled training rows.</summary>
    public Dataset Train { get; }

    /// <summary>Scaled validation rows.</summary>
    public Dataset Validation { get; }

    /// <summary>Scaled test rows.</summary>
    public Dataset Test { get; }

    /// <summary>The rows of the original data set in each part, in the order the parts hold them.</summary>
    public SplitIndices Indices { get; }

    /// <summary>The feature scaler fitted on the training rows.</summary>
    public ColumnScaler FeatureScaler { get; }

    /// <summary>The regression target scaler, or null when targets keep their units.</summary>
    public ColumnScaler? TargetScaler { get; }

    public SplitOptions Options { get; }

    /// <summary>Splits and scales <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">Too few rows or classes for the split asked for; the message says which.</exception>
    public static DatasetSplit Create(Dataset data, SplitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new SplitOptions();
        if (options.StandardizeTargets && data.Task.Kind != TaskKind.Regression)
        {
            throw new ArgumentException($"Target standardisation applies to regression targets; '{data.Name}' is a classification.", nameof(options));
        }

        SplitIndices indices;
        int? multiple = null;
        switch (options.Method)
        {
            case SplitMethod.Paper:
                indices = PaperSplit.Assign(data.Rows, checked((uint)options.Seed));
                multiple = options.PaperBatchMultiple;
                break;
            case SplitMethod.Sklearn:
                var labels = data.Task.Kind == TaskKind.Classification ? data.Labels() : null;
                indices = SklearnSplit.ThreeWay(data.Rows, labels, options.Ratios, options.Seed);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Method, "Unknown split method; use Sklearn or Paper.");
        }

        var train = data.Select(indices.Train);
        if (train.Rows < 2)
        {
            throw new ArgumentException($"'{data.Name}' has {data.Rows} rows, which leaves {train.Rows} for training; a split needs more rows.", nameof(data));
        }

        // The scalers see every training row, before the paper split's cut to whole batches, as the authors' code does.
        var featureScaler = ColumnScaler.Fit(options.Features, train.Features, train.Rows, train.Columns);
        var targetScaler = options.StandardizeTargets ? ColumnScaler.Fit(ScalingKind.Standard, train.Targets, train.Rows, data.Task.TargetWidth) : null;
        Dataset Prepare(Dataset part)
        {
            var scaled = part.WithFeatures(featureScaler.Transform(part.Features));
            if (targetScaler is not null)
            {
                scaled = scaled.WithTargets(targetScaler.Transform(scaled.Targets));
            }

            return multiple is { } m ? scaled.TrimToMultipleOf(m) : scaled;
        }

        return new DatasetSplit(Prepare(train), Prepare(data.Select(indices.Validation)), Prepare(data.Select(indices.Test)), indices, featureScaler, targetScaler, options);
    }
}
