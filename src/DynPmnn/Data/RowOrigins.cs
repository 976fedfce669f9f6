namespace DynPmnn.Data;

/// <summary>
/// The <see cref="RowOrigin"/> of every row of a data set: the source's name once, and the line of each row.
/// </summary>
/// <remarks>
/// Rows on consecutive lines (and data made in memory, see <see cref="InMemory"/>) hold no per-row array at all; rows
/// read with blank or header lines between them, or picked by <see cref="Select"/>, hold one int per row.
/// </remarks>
public sealed class RowOrigins
{
    private readonly string _source;
    private readonly int[]? _lines;
    private readonly int _firstLine;

    private RowOrigins(string source, int[]? lines, int firstLine, int count)
    {
        _source = source;
        _lines = lines;
        _firstLine = firstLine;
        Count = count;
    }

    /// <summary>The number of rows described.</summary>
    public int Count { get; }

    /// <summary>The file, archive entry or sheet the rows were read from.</summary>
    public string Source => _source;

    /// <summary>Where row <paramref name="row"/> (0-based) came from.</summary>
    public RowOrigin this[int row]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
            return new RowOrigin(_source, _lines?[row] ?? _firstLine + row);
        }
    }

    /// <summary>Rows made in memory: row <c>r</c> is reported as line <c>r + 1</c> of <paramref name="source"/>.</summary>
    public static RowOrigins InMemory(string source, int count) => Consecutive(source, 1, count);

    /// <summary>Rows on consecutive lines of one source, the first on <paramref name="firstLine"/>.</summary>
    public static RowOrigins Consecutive(string source, int firstLine, int count)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstLine);
        return new RowOrigins(source, null, firstLine, count);
    }

    /// <summary>Rows of one source, row <c>r</c> starting on line <c>lines[r]</c>. The array is kept, not copied.</summary>
    public static RowOrigins FromLines(string source, int[] lines)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(lines);
        return new RowOrigins(source, lines, 0, lines.Length);
    }

    /// <summary>The origins of the given rows, in the order given (repeats allowed).</summary>
    public RowOrigins Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var lines = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if ((uint)row >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"Row index at position {i} is outside 0..{Count - 1}.");
            }

            lines[i] = _lines?[row] ?? _firstLine + row;
        }

        return new RowOrigins(_source, lines, 0, rows.Count);
    }

    /// <summary>The origins of rows <c>[start, start + count)</c>.</summary>
    public RowOrigins Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + (long)count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows {start}..{start + count - 1} run past the {Count} rows described.");
        }

        return _lines is null
            ? new RowOrigins(_source, null, _firstLine + start, count)
            : new RowOrigins(_source, _lines.AsSpan(start, count).ToArray(), 0, count);
    }
}
