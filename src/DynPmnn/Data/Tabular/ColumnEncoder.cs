namespace DynPmnn.Data;

/// <summary>Turns one raw column's cell into its encoded feature(s), or reports the cell by file, line and column.</summary>
internal abstract class ColumnEncoder(string source, int column, string name)
{
    /// <summary>The file, for messages.</summary>
    public string Source { get; } = source;

    /// <summary>The 0-based position of the column in the file.</summary>
    public int Column { get; } = column;

    public string Name { get; } = name;

    /// <summary>Features this column becomes.</summary>
    public abstract int Width { get; }

    public static ColumnEncoder For(FeatureColumn feature, int column, string source) => feature.Kind == FeatureKind.Numeric
        ? new Numeric(source, column, feature.Name)
        : new OneHot(source, column, feature.Name, feature.Categories);

    /// <summary>Writes the current record's cell into <paramref name="destination"/> (<see cref="Width"/> values, zeroed by the caller).</summary>
    public abstract void Encode(DelimitedReader reader, Span<float> destination);

    /// <summary>The value of a numeric cell of the current record, checked present and finite as a float.</summary>
    public static float ReadNumber(DelimitedReader reader, string source, int column, string name)
    {
        var cell = reader[column];
        CheckPresent(reader, source, column, name, cell);
        var kind = Cells.ParseNumber(cell, out var value);
        if (kind != CellNumber.Finite)
        {
            throw new DataFormatException(source, reader.Line, column + 1, name, $"{Cells.Explain(kind, cell)}; the column is numeric.");
        }

        return (float)value;
    }

    /// <summary>Rejects a missing cell, naming what counts as missing.</summary>
    public static void CheckPresent(DelimitedReader reader, string source, int column, string name, ReadOnlySpan<char> cell)
    {
        if (Cells.IsMissing(cell))
        {
            throw new DataFormatException(source, reader.Line, column + 1, name, MissingValueProblem(cell));
        }
    }

    public static string MissingValueProblem(ReadOnlySpan<char> cell) =>
        (cell.IsEmpty ? "the value is missing (empty)" : $"the value is missing ('{Cells.Shorten(cell)}')")
        + $". Missing values are not supported: fill them in or remove the row ({string.Join(", ", Cells.MissingMarkers)} and empty cells count as missing).";

    private sealed class Numeric(string source, int column, string name) : ColumnEncoder(source, column, name)
    {
        public override int Width => 1;

        public override void Encode(DelimitedReader reader, Span<float> destination) =>
            destination[0] = ReadNumber(reader, Source, Column, Name);
    }

    private sealed class OneHot : ColumnEncoder
    {
        private readonly IReadOnlyList<string> _categories;
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public OneHot(string source, int column, string name, IReadOnlyList<string> categories)
            : base(source, column, name)
        {
            _categories = categories;
            var positions = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < categories.Count; i++)
            {
                positions[categories[i]] = i;
            }

            _lookup = positions.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public override int Width => _categories.Count;

        public override void Encode(DelimitedReader reader, Span<float> destination)
        {
            var cell = reader[Column];
            CheckPresent(reader, Source, Column, Name, cell);
            if (!_lookup.TryGetValue(cell, out var position))
            {
                throw new DataFormatException(
                    Source,
                    reader.Line,
                    Column + 1,
                    Name,
                    $"'{Cells.Shorten(cell)}' is not one of the column's categories ({Listing(_categories)}).");
            }

            destination[position] = 1f;
        }
    }

    /// <summary>Names, quoted and comma-separated, the first twenty of them when there are more.</summary>
    public static string Listing(IReadOnlyList<string> names) => names.Count <= 20
        ? TabularSchema.Quote(names)
        : $"{TabularSchema.Quote(names.Take(20))} and {names.Count - 20} more";
}
