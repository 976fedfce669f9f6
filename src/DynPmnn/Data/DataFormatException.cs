namespace DynPmnn.Data;

/// <summary>
/// A data file that cannot be read as the expected table; the message names the file and, where there is one, the
/// 1-based line and column, e.g. <c>data.csv, line 12, column 3 (age): ...</c>.
/// </summary>
public sealed class DataFormatException : FormatException
{
    public DataFormatException(string fileName, int? lineNumber, string problem, Exception? innerException = null)
        : this(fileName, lineNumber, null, null, problem, innerException)
    {
    }

    /// <param name="fileName">The file (or archive entry, or sheet) being read.</param>
    /// <param name="lineNumber">The 1-based line at fault, if any.</param>
    /// <param name="columnNumber">The 1-based column (field) at fault, if any.</param>
    /// <param name="columnName">The header's name for that column, if known.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The error that revealed it, if any.</param>
    public DataFormatException(string fileName, int? lineNumber, int? columnNumber, string? columnName, string problem, Exception? innerException = null)
        : base(Describe(fileName, lineNumber, columnNumber, columnName, problem), innerException)
    {
        FileName = fileName;
        LineNumber = lineNumber;
        ColumnNumber = columnNumber;
        ColumnName = columnName;
        Problem = problem;
    }

    /// <summary>The file (or archive entry, or sheet) being read.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line at fault, or <see langword="null"/> when the problem is not tied to one line.</summary>
    public int? LineNumber { get; }

    /// <summary>The 1-based column (field) at fault, or <see langword="null"/> when the problem is not tied to one.</summary>
    public int? ColumnNumber { get; }

    /// <summary>The name of the column at fault, when known.</summary>
    public string? ColumnName { get; }

    /// <summary>What is wrong, without the file, line and column.</summary>
    public string Problem { get; }

    private static string Describe(string fileName, int? lineNumber, int? columnNumber, string? columnName, string problem)
    {
        var where = fileName;
        if (lineNumber is { } line)
        {
            where += $", line {line}";
        }

        if (columnNumber is { } column)
        {
            where += columnName is null ? $", column {column}" : $", column {column} ({columnName})";
        }
        else if (columnName is not null)
        {
            where += $", column {columnName}";
        }

        return $"{where}: {problem}";
    }
}
