namespace DynPmnn.Data;

/// <summary>
/// The train / validation / test split and standardisation of the paper's experiment, reproduced row for row.
/// </summary>
/// <remarks>
/// The paper's code draws <c>r = numpy.random.RandomState(42).rand(n)</c>, one double per row in row order, and assigns
/// a row to train when <c>r &lt;= 0.7</c>, to validation when <c>0.7 &lt; r &lt;= 0.9</c> and to test otherwise. The
/// scaler is fitted to the whole training split, and only then is each split cut to a multiple of the batch size,
/// so the rows dropped by the cut still shape the mean and deviation.
/// </remarks>
public sealed class PaperSplit
{
    /// <summary>The seed of the paper's <c>RandomState</c>.</summary>
    public const uint DefaultSeed = 42;

    /// <summary>The batch size every split is cut to a multiple of.</summary>
    public const int DefaultBatchMultiple = 64;

    /// <summary>Rows with a draw at or below this go to train.</summary>
    public const double TrainUpperBound = 0.7;

    /// <summary>Rows with a draw above <see cref="TrainUpperBound"/> and at or below this go to validation.</summary>
    public const double ValidationUpperBound = 0.9;

    private PaperSplit(Dataset train, Dataset validation, Dataset test, StandardScaler scaler, SplitIndices indices)
    {
        Train = train;
        Validation = validation;
        Test = test;
        Scaler = scaler;
        Indices = indices;
    }

    /// <summary>Standardised training rows, cut to a multiple of the batch size.</summary>
    public Dataset Train { get; }

    /// <summary>Standardised validation rows, cut to a multiple of the batch size.</summary>
    public Dataset Validation { get; }

    /// <summary>Standardised test rows, cut to a multiple of the batch size.</summary>
    public Dataset Test { get; }

    /// <summary>The scaler fitted to every training row, including those the cut dropped.</summary>
    public StandardScaler Scaler { get; }

    /// <summary>The rows of each split before the cut; the kept rows are the first ones of each.</summary>
    public SplitIndices Indices { get; }

    /// <summary>Assigns each of <paramref name="rows"/> rows to a split with the paper's draws; each array is in ascending row order.</summary>
    public static SplitIndices Assign(int rows, uint seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var random = new NumpyRandomState(seed);
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        for (var row = 0; row < rows; row++)
        {
            var r = random.NextDouble();
            if (r <= TrainUpperBound)
            {
                train.Add(row);
            }
            else if (r <= ValidationUpperBound)
            {
                validation.Add(row);
            }
            else
            {
                test.Add(row);
            }
        }

        return new SplitIndices([.. train], [.. validation], [.. test]);
    }

    /// <summary>Splits, standardises and cuts <paramref name="data"/> exactly as the paper's code does.</summary>
    public static PaperSplit Create(Dataset data, uint seed = DefaultSeed, int batchMultiple = DefaultBatchMultiple)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchMultiple);
        var indices = Assign(data.Rows, seed);
        var train = data.Select(indices.Train);
        var scaler = StandardScaler.Fit(train);
        return new PaperSplit(
            scaler.Transform(train).TrimToMultipleOf(batchMultiple),
            scaler.Transform(data.Select(indices.Validation)).TrimToMultipleOf(batchMultiple),
            scaler.Transform(data.Select(indices.Test)).TrimToMultipleOf(batchMultiple),
            scaler,
            indices);
    }
}
