namespace DynPmnn.Data;

/// <summary>A data file that cannot be read as the expected table; the message names the file and, where there is one, the 1-based line.</summary>
public sealed class DataFormatException : FormatException
{
    public DataFormatException(string fileName, int? lineNumber, string problem, Exception? innerException = null)
        : base(Describe(fileName, lineNumber, problem), innerException)
    {
        FileName = fileName;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The file (or archive entry) being read.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line at fault, or <see langword="null"/> when the problem is not tied to one line.</summary>
    public int? LineNumber { get; }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Problem { get; }

    private static string Describe(string fileName, int? lineNumber, string problem) =>
        lineNumber is { } line ? $"{fileName}, line {line}: {problem}" : $"{fileName}: {problem}";
}
