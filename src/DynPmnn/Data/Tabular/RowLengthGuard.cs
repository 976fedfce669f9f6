namespace DynPmnn.Data;

/// <summary>
/// Passes text through while counting lines, and stops the read as soon as one row grows past a limit: a file with
/// no line breaks, or an unclosed quote that swallows the rest of the file, would otherwise be buffered whole before
/// any row could be checked.
/// </summary>
/// <remarks>
/// A row ends at a line break outside quotes. Quote state is tracked by parity, the way RFC 4180 quoting works and
/// the way the CSV parser reads it: a doubled quote inside a quoted field toggles twice and changes nothing.
/// </remarks>
internal sealed class RowLengthGuard(TextReader inner, int maxRowLength) : TextReader
{
    private int _line = 1;
    private int _rowStartLine = 1;
    private long _rowLength;
    private bool _inQuotes;
    private bool _afterCarriageReturn;

    /// <summary>The longest row allowed, in characters, line breaks inside quoted fields included.</summary>
    public int MaxRowLength { get; } = maxRowLength;

    public override int Read(Span<char> buffer)
    {
        var read = inner.Read(buffer);
        Scan(buffer[..read]);
        return read;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Peek() => inner.Peek();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Scan(ReadOnlySpan<char> chunk)
    {
        foreach (var c in chunk)
        {
            var newLine = c == '\n' ? !_afterCarriageReturn : c == '\r';
            _afterCarriageReturn = c == '\r';
            if (newLine)
            {
                _line++;
            }

            if (c == '"')
            {
                _inQuotes = !_inQuotes;
            }

            if ((c == '\n' || c == '\r') && !_inQuotes)
            {
                _rowLength = 0;
                _rowStartLine = _line;
                continue;
            }

            if (++_rowLength > MaxRowLength)
            {
                throw new RowTooLongException(_rowStartLine, _line, MaxRowLength);
            }
        }
    }
}

/// <summary>Thrown by <see cref="RowLengthGuard"/>; the reader turns it into a <see cref="DataFormatException"/> naming the file.</summary>
internal sealed class RowTooLongException(int startLine, int currentLine, int limit)
    : Exception($"The row starting on line {startLine} is longer than {limit} characters (reading line {currentLine}).")
{
    public int StartLine { get; } = startLine;

    public int CurrentLine { get; } = currentLine;

    public int Limit { get; } = limit;
}
