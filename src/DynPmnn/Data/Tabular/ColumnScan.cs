namespace DynPmnn.Data;

/// <summary>
/// What a first pass over a table learns about one used column: whether every cell is a number, the first cell that
/// is not (or cannot be a float), whether all numbers are whole, and its distinct values up to a limit.
/// </summary>
/// <remarks>
/// Distinct values are kept only up to the limit, so a numeric column of a million rows costs a few hundred strings,
/// not a million; past the limit the column can no longer be categorical (or a class label) anyway.
/// </remarks>
internal sealed class ColumnScan
{
    private readonly string _source;
    private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _distinctLookup;
    private readonly HashSet<double> _distinctNumbers = [];
    private readonly int _limit;

    public ColumnScan(string source, int column, string name, int distinctLimit)
    {
        _source = source;
        Column = column;
        Name = name;
        _limit = distinctLimit;
        _distinctLookup = _distinct.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Column { get; }

    /// <summary>The file, for messages.</summary>
    public string SourceName => _source;

    public string Name { get; }

    /// <summary>No cell was text (a number out of float's range still counts as a number, to be reported as one).</summary>
    public bool AllNumbers => NonNumber is null;

    /// <summary>The first cell that is not a number, and its line.</summary>
    public (int Line, string Text)? NonNumber { get; private set; }

    /// <summary>The first number that cannot be a finite float, its line and why.</summary>
    public (int Line, string Text, CellNumber Kind)? BadNumber { get; private set; }

    /// <summary>The first number with a fractional part, and its line.</summary>
    public (int Line, string Text)? Fraction { get; private set; }

    /// <summary>More distinct values than the limit were seen.</summary>
    public bool TooManyDistinct { get; private set; }

    /// <summary>The distinct cells (all of them unless <see cref="TooManyDistinct"/>).</summary>
    public IReadOnlyCollection<string> Distinct => _distinct;

    /// <summary>The distinct finite numbers (all of them unless <see cref="TooManyDistinct"/>).</summary>
    public IReadOnlyCollection<double> DistinctNumbers => _distinctNumbers;

    /// <summary>Looks at the current record's cell; a missing value is an error at once.</summary>
    public void Observe(DelimitedReader reader)
    {
        var cell = reader[Column];
        ColumnEncoder.CheckPresent(reader, _source, Column, Name, cell);
        var kind = Cells.ParseNumber(cell, out var value);
        if (kind == CellNumber.NotANumber)
        {
            NonNumber ??= (reader.Line, Cells.Shorten(cell));
        }
        else if (kind != CellNumber.Finite)
        {
            BadNumber ??= (reader.Line, Cells.Shorten(cell), kind);
        }
        else
        {
            if (Fraction is null && value != Math.Floor(value))
            {
                Fraction = (reader.Line, Cells.Shorten(cell));
            }

            if (!TooManyDistinct && _distinctNumbers.Count <= _limit)
            {
                _distinctNumbers.Add(value);
            }
        }

        if (!TooManyDistinct && !_distinctLookup.Contains(cell))
        {
            if (_distinct.Count == _limit)
            {
                TooManyDistinct = true;
            }
            else
            {
                _distinct.Add(cell.ToString());
            }
        }
    }

    /// <summary>Rejects a column that must be numeric, at its first cell that is not a finite float.</summary>
    public void RequireNumbers(string role)
    {
        if (NonNumber is { } text)
        {
            throw new DataFormatException(
                _source, text.Line, Column + 1, Name, $"'{text.Text}' is not a number, and {role} must be numeric.");
        }

        RequireFiniteNumbers();
    }

    /// <summary>Rejects a numeric column holding a value a float cannot store.</summary>
    public void RequireFiniteNumbers()
    {
        if (BadNumber is { } bad)
        {
            throw new DataFormatException(_source, bad.Line, Column + 1, Name, $"{Cells.Explain(bad.Kind, bad.Text)}.");
        }
    }
}
