using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace DynPmnn.Data;

/// <summary>
/// Reads the records of a delimited text file with a header row, through the Sep parser, and reports each problem as
/// a <see cref="DataFormatException"/> naming the file and line.
/// </summary>
/// <remarks>
/// Sep was chosen over hand-written splitting for RFC 4180 quoting (separators, quotes and line breaks inside quoted
/// fields), and over the other maintained parsers because it reports for each row the line it starts on, counted in
/// the file's own lines even when an earlier quoted field spans several: error messages can point at the line a user
/// sees in an editor. Its own column-count check is off so that a short or long row is reported here with its line.
/// Cells are trimmed of spaces, so <c>a, b</c> names the columns <c>a</c> and <c>b</c>.
/// </remarks>
internal sealed class DelimitedReader : IDisposable
{
    /// <summary>The delimiters a header is sniffed for, in the order a tie between equally frequent ones is reported.</summary>
    public static ReadOnlySpan<char> SniffedDelimiters => [',', ';', '\t', '|'];

    private readonly SepReader _sep;
    private readonly string _source;
    private readonly int _maxRowLength;

    private DelimitedReader(SepReader sep, string source, char delimiter, int maxRowLength)
    {
        _sep = sep;
        _source = source;
        _maxRowLength = maxRowLength;
        Delimiter = delimiter;
    }

    /// <summary>The delimiter in use.</summary>
    public char Delimiter { get; }

    /// <summary>The column names of the header row, trimmed; an unnamed column is called <c>Unnamed: i</c> (0-based), as pandas calls it.</summary>
    public IReadOnlyList<string> Header { get; private set; } = [];

    /// <summary>The line of the header row.</summary>
    public int HeaderLine { get; private set; }

    /// <summary>The line the current record starts on.</summary>
    public int Line { get; private set; }

    /// <summary>The current record's cell in column <paramref name="column"/> (0-based), trimmed and unquoted.</summary>
    public ReadOnlySpan<char> this[int column] => _sep.Current[column].Span;

    /// <summary>
    /// Opens the text, sniffs the delimiter unless one is given, and reads the header row.
    /// </summary>
    /// <param name="open">Opens the text from its start; called once or, when sniffing, twice.</param>
    /// <param name="source">Names the file in messages.</param>
    /// <param name="delimiter">The delimiter, or <see langword="null"/> to sniff it from the header row.</param>
    /// <param name="maxRowLength">The longest row, in characters, read before giving up.</param>
    public static DelimitedReader Open(Func<TextReader> open, string source, char? delimiter, int maxRowLength)
    {
        var chosen = delimiter ?? Sniff(open, source, maxRowLength);
        if (chosen is '"' or '\r' or '\n')
        {
            throw new ArgumentException($"'{Printable(chosen)}' cannot separate columns.", nameof(delimiter));
        }

        var guard = new RowLengthGuard(open(), maxRowLength);
        SepReader sep;
        try
        {
            sep = Sep.New(chosen).Reader(o => o with
            {
                HasHeader = false,
                Unescape = true,
                Trim = SepTrim.All,
                DisableColCountCheck = true,
                CultureInfo = CultureInfo.InvariantCulture,
            }).From(guard);
        }
        catch (Exception e) when (e is RowTooLongException or DecoderFallbackException)
        {
            guard.Dispose();
            throw Translate(e, source, 1);
        }

        var reader = new DelimitedReader(sep, source, chosen, maxRowLength);
        try
        {
            reader.ReadHeader();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Opens a file as UTF-8 (a byte-order mark of another Unicode encoding is honoured); bytes that are not UTF-8 are an error, not replacement characters.</summary>
    public static TextReader OpenText(string path) =>
        new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);

    /// <summary>Moves to the next record that is not a blank line; checks it has as many cells as the header.</summary>
    public bool MoveNext()
    {
        while (Advance())
        {
            if (IsBlank())
            {
                continue;
            }

            var count = _sep.Current.ColCount;
            if (count != Header.Count)
            {
                var delimiter = Printable(Delimiter);
                throw new DataFormatException(
                    _source,
                    Line,
                    $"found {count} '{delimiter}'-separated field(s), but the header on line {HeaderLine} has {Header.Count} ({string.Join(", ", Header)}). "
                    + "A field holding the delimiter must be quoted.");
            }

            return true;
        }

        return false;
    }

    public void Dispose() => _sep.Dispose();

    /// <summary>For messages: a tab as <c>\t</c>, other delimiters as themselves.</summary>
    public static string Printable(char delimiter) => delimiter switch
    {
        '\t' => "\\t",
        '\r' => "\\r",
        '\n' => "\\n",
        _ => delimiter.ToString(),
    };

    private bool Advance()
    {
        try
        {
            if (!_sep.MoveNext())
            {
                return false;
            }
        }
        catch (Exception e) when (e is RowTooLongException or DecoderFallbackException)
        {
            throw Translate(e, _source, Line);
        }

        // Sep 0.17.1 reports the first row's LineNumberFrom as its LineNumberToExcl (2 for a one-line row); later rows
        // are right. Sep returns blank lines as rows too, so the first row always starts on line 1.
        Line = _sep.Current.RowIndex == 0 ? 1 : _sep.Current.LineNumberFrom;
        return true;
    }

    private bool IsBlank() => _sep.Current.ColCount == 1 && _sep.Current[0].Span.Trim().IsEmpty;

    private void ReadHeader()
    {
        do
        {
            if (!Advance())
            {
                throw new DataFormatException(_source, Math.Max(Line, 1), "the file is empty; it needs a header row naming the columns, then rows of data.");
            }
        }
        while (IsBlank());

        HeaderLine = Line;
        var names = new string[_sep.Current.ColCount];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var name = _sep.Current[i].ToString().Trim();
            names[i] = name.Length == 0 ? $"Unnamed: {i}" : name;
            if (!seen.TryAdd(names[i], i))
            {
                throw new DataFormatException(
                    _source, Line, $"the header names column '{names[i]}' twice (columns {seen[names[i]] + 1} and {i + 1}); every column needs a name of its own.");
            }
        }

        Header = names;
    }

    /// <summary>
    /// The delimiter of the header row: whichever of <see cref="SniffedDelimiters"/> occurs most often outside quotes.
    /// A header with none of them is one column (and comma-separated); a tie is an error rather than a guess.
    /// </summary>
    private static char Sniff(Func<TextReader> open, string source, int maxRowLength)
    {
        using var text = new RowLengthGuard(open(), maxRowLength);
        Span<int> counts = stackalloc int[SniffedDelimiters.Length];
        var inQuotes = false;
        var seenContent = false;
        var line = 1;
        try
        {
            int c;
            while ((c = text.Read()) >= 0)
            {
                if (c == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (!inQuotes && c is '\n' or '\r')
                {
                    if (seenContent)
                    {
                        break;
                    }

                    // Blank lines before the header are skipped, as the reader skips them.
                    line += c == '\n' ? 1 : 0;
                    continue;
                }
                else if (!inQuotes && SniffedDelimiters.IndexOf((char)c) is var k and >= 0)
                {
                    counts[k]++;
                }

                seenContent |= !char.IsWhiteSpace((char)c);
            }
        }
        catch (Exception e) when (e is RowTooLongException or DecoderFallbackException)
        {
            throw Translate(e, source, line);
        }

        var best = 0;
        for (var k = 1; k < counts.Length; k++)
        {
            if (counts[k] > counts[best])
            {
                best = k;
            }
        }

        if (counts[best] == 0)
        {
            return ',';
        }

        for (var k = 0; k < counts.Length; k++)
        {
            if (k != best && counts[k] == counts[best])
            {
                throw new DataFormatException(
                    source,
                    line,
                    $"the header holds {counts[best]} '{Printable(SniffedDelimiters[best])}' and as many '{Printable(SniffedDelimiters[k])}', "
                    + "so the delimiter cannot be told; give it explicitly.");
            }
        }

        return SniffedDelimiters[best];
    }

    private static DataFormatException Translate(Exception e, string source, int line) => e switch
    {
        RowTooLongException tooLong => new DataFormatException(
            source,
            tooLong.StartLine,
            $"the row starting here runs past {tooLong.Limit:N0} characters (still going on line {tooLong.CurrentLine}); "
            + "either the file is not a delimited table or a quote is never closed.",
            e),
        _ => new DataFormatException(source, line, $"the file is not UTF-8 text ({e.Message}); save it as UTF-8.", e),
    };
}
