namespace DynPmnn.Data;

/// <summary>
/// Rows of a file encoded with a <see cref="TabularSchema"/>: the features a model trained on that schema expects and,
/// when the file has the target columns, the targets.
/// </summary>
public sealed class EncodedRows
{
    internal EncodedRows(
        TabularSchema schema, float[] features, float[]? targets, RowOrigins origins, char delimiter, IReadOnlyList<string> ignoredColumns)
    {
        Schema = schema;
        Features = features;
        Targets = targets;
        Origins = origins;
        Delimiter = delimiter;
        IgnoredColumns = ignoredColumns;
    }

    /// <summary>The schema the rows were encoded with.</summary>
    public TabularSchema Schema { get; }

    /// <summary>Row-major <c>[Rows, Columns]</c>, in the schema's feature order whatever the file's column order.</summary>
    public float[] Features { get; }

    /// <summary>Row-major targets (class indices for classification), or <see langword="null"/> when the file has no target columns.</summary>
    public float[]? Targets { get; }

    /// <summary>The file and line of each row.</summary>
    public RowOrigins Origins { get; }

    /// <summary>The delimiter the file was read with.</summary>
    public char Delimiter { get; }

    /// <summary>Columns of the file the schema does not use.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    public int Rows => Origins.Count;

    public int Columns => Schema.EncodedWidth;

    /// <summary>The encoded rows as a data set, for evaluation.</summary>
    /// <exception cref="InvalidOperationException">The file had no target columns.</exception>
    public Dataset ToDataset(string name)
    {
        if (Targets is null)
        {
            throw new InvalidOperationException(
                $"{Origins.Source} has no target column ({string.Join(", ", Schema.Targets)}), so its rows cannot form a labelled data set.");
        }

        return new Dataset(name, Features, Schema.EncodedFeatureNames, Targets, Schema.ToTask(), Origins, Schema);
    }
}
