namespace DynPmnn.Data;

/// <summary>A raw column of a table that a data set's features are made from, and how.</summary>
/// <remarks>A plain record with settable properties so that System.Text.Json writes and reads it as it is.</remarks>
public sealed record FeatureColumn
{
    /// <summary>The column's name in the file's header.</summary>
    public required string Name { get; init; }

    /// <summary>Numeric, or categorical (one-hot encoded).</summary>
    public FeatureKind Kind { get; init; }

    /// <summary>Categorical: the categories in code-point order, each giving the feature <c>Name=category</c>. Empty for numeric.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The names of the features this column becomes: its own name, or <c>Name=category</c> per category.</summary>
    public IEnumerable<string> EncodedNames() =>
        Kind == FeatureKind.Numeric ? [Name] : Categories.Select(category => $"{Name}={category}");

    /// <summary>The number of features this column becomes.</summary>
    public int EncodedWidth() => Kind == FeatureKind.Numeric ? 1 : Categories.Count;

    /// <summary>Whether <paramref name="other"/> names the same column, kind and categories, in the same order.</summary>
    public bool Equals(FeatureColumn? other) =>
        other is not null && Name == other.Name && Kind == other.Kind && Categories.SequenceEqual(other.Categories);

    public override int GetHashCode() => HashCode.Combine(Name, Kind, Categories.Count);
}
