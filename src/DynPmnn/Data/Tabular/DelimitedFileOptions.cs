namespace DynPmnn.Data;

/// <summary>How <see cref="DelimitedFile"/> reads a table: which columns are targets and features, and what task it is.</summary>
public sealed record DelimitedFileOptions
{
    /// <summary>The delimiter; <see langword="null"/> to sniff comma, semicolon, tab or pipe from the header row.</summary>
    public char? Delimiter { get; init; }

    /// <summary>
    /// The target column(s); several make a multi-output regression. <see langword="null"/> or empty: the last column.
    /// </summary>
    public IReadOnlyList<string>? Target { get; init; }

    /// <summary>The feature columns, in the order wanted; <see langword="null"/>: every column that is not a target or dropped.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Columns to leave out (an id column, say); not together with <see cref="Features"/>.</summary>
    public IReadOnlyList<string>? Drop { get; init; }

    /// <summary>The task; <see langword="null"/> to infer it from the target values (see <see cref="DelimitedFile"/>).</summary>
    public TaskKind? Task { get; init; }

    /// <summary>What to do with feature columns holding text.</summary>
    public CategoricalFeatures CategoricalFeatures { get; init; } = CategoricalFeatures.OneHot;

    /// <summary>The most categories a text column may have before it is refused as probably not categorical (an id, a free-text field).</summary>
    public int MaxCategories { get; init; } = DelimitedFile.DefaultMaxCategories;

    /// <summary>An all-integer target with at most this many distinct values is inferred to be class labels.</summary>
    public int MaxInferredClasses { get; init; } = DelimitedFile.DefaultMaxInferredClasses;

    /// <summary>The longest row, in characters, read before the file is refused.</summary>
    public int MaxRowLength { get; init; } = DelimitedFile.DefaultMaxRowLength;

    /// <summary>The data set's name; <see langword="null"/>: the file's name without its extension.</summary>
    public string? Name { get; init; }
}
