using System.Globalization;
using System.Text;
using DynPmnn.IO;

namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// Rows of results with a header, printed as an aligned plain-text table for the terminal and saved as CSV for
/// spreadsheets and scripts; both come from the same cells so they cannot disagree.
/// </summary>
/// <remarks>
/// Numbers are formatted with the invariant culture (a decimal point, never a comma) so tables and CSV read the same
/// on every machine and parse back without locale settings. A column whose non-empty cells all read as numbers (also
/// with a trailing <c>%</c> or as <c>mean ± spread</c>) is right-aligned, with its header, so digits line up.
/// </remarks>
public sealed class ResultTable
{
    private const string ColumnGap = "  ";

    private readonly string[] headers;
    private readonly List<string[]> rows = [];

    /// <summary>A table with the given column headers and no rows.</summary>
    public ResultTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Length == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(headers));
        }

        this.headers = headers.Select(h => h ?? string.Empty).ToArray();
    }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Headers => headers;

    /// <summary>The rows added so far, as their formatted cells.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => rows;

    /// <summary>
    /// Appends a row with one cell per column. Strings are kept as they are, <see langword="null"/> becomes an empty
    /// cell, and other values are formatted with the invariant culture (doubles and floats in their shortest
    /// round-trip form).
    /// </summary>
    /// <returns>This table, so calls can be chained.</returns>
    /// <exception cref="ArgumentException">The row has a different number of cells than there are columns.</exception>
    public ResultTable AddRow(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"The table has {headers.Length} columns but the row has {cells.Length} cells.", nameof(cells));
        }

        rows.Add(cells.Select(Format).ToArray());
        return this;
    }

    /// <summary>
    /// The table as aligned text: the header, a line of dashes under each column, then the rows, columns separated by
    /// two spaces, each line ending in <c>\n</c>. Line breaks inside a cell print as spaces to keep rows on one line.
    /// </summary>
    public string ToText()
    {
        var columns = headers.Length;
        var cellsByRow = rows.Select(r => r.Select(OneLine).ToArray()).ToList();
        var widths = new int[columns];
        var numeric = new bool[columns];
        for (var c = 0; c < columns; c++)
        {
            widths[c] = headers[c].Length;
            var anyNumber = false;
            var allNumbers = true;
            foreach (var row in cellsByRow)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
                if (row[c].Length > 0)
                {
                    anyNumber |= IsNumeric(row[c]);
                    allNumbers &= IsNumeric(row[c]);
                }
            }

            numeric[c] = anyNumber && allNumbers;
        }

        var text = new StringBuilder();
        AppendLine(text, headers.Select(OneLine).ToArray(), widths, numeric);
        AppendLine(text, widths.Select(w => new string('-', w)).ToArray(), widths, numeric);
        foreach (var row in cellsByRow)
        {
            AppendLine(text, row, widths, numeric);
        }

        return text.ToString();
    }

    /// <summary>
    /// The table as CSV (RFC 4180): the header line then one line per row, each ended by CRLF; a field containing a
    /// comma, a double quote, a line break, or leading or trailing spaces is quoted, with its double quotes doubled.
    /// </summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        AppendCsvLine(csv, headers);
        foreach (var row in rows)
        {
            AppendCsvLine(csv, row);
        }

        return csv.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> as UTF-8 (no byte-order mark), atomically.</summary>
    public void SaveCsv(string path) => AtomicFile.WriteAllText(path, ToCsv());

    /// <summary>The same as <see cref="ToText"/>.</summary>
    public override string ToString() => ToText();

    /// <summary>Whether <paramref name="cell"/> reads as a number: plain, with a trailing <c>%</c>, or as <c>a ± b</c>.</summary>
    internal static bool IsNumeric(string cell)
    {
        var parts = cell.Split('±');
        if (parts.Length > 2)
        {
            return false;
        }

        foreach (var part in parts)
        {
            var number = part.AsSpan().Trim();
            if (number.EndsWith("%"))
            {
                number = number[..^1].TrimEnd();
            }

            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        return true;
    }

    private static string Format(object? cell) => cell switch
    {
        null => string.Empty,
        string s => s,
        // "R" is the shortest text that parses back to the same value, so CSV loses nothing.
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    private static string OneLine(string cell)
        => cell.Contains('\n') || cell.Contains('\r') ? cell.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ') : cell;

    private static void AppendLine(StringBuilder text, string[] cells, int[] widths, bool[] rightAligned)
    {
        var line = new StringBuilder();
        for (var c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                line.Append(ColumnGap);
            }

            line.Append(rightAligned[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }

        // Padding the last column would only leave trailing spaces.
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private static void AppendCsvLine(StringBuilder csv, IReadOnlyList<string> cells)
    {
        for (var c = 0; c < cells.Count; c++)
        {
            if (c > 0)
            {
                csv.Append(',');
            }

            var cell = cells[c];
            var quote = cell.AsSpan().IndexOfAny(",\"\r\n") >= 0
                || (cell.Length > 0 && (cell[0] == ' ' || cell[^1] == ' '));
            if (quote)
            {
                csv.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
            }
            else
            {
                csv.Append(cell);
            }
        }

        csv.Append("\r\n");
    }
}
