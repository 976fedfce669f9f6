using System.Globalization;

namespace DynPmnn.Data;

/// <summary>How one text cell of a table reads as a number.</summary>
internal enum CellNumber
{
    /// <summary>A finite number that also fits a float.</summary>
    Finite,

    /// <summary>Not a number at all: text such as a category or a class name.</summary>
    NotANumber,

    /// <summary>Infinity, written out or as a literal too large for a double.</summary>
    Infinite,

    /// <summary>A finite double whose magnitude is beyond float's range, so it would be stored as infinity.</summary>
    TooLargeForFloat,
}

/// <summary>The rules every tabular reader shares for missing values and numbers.</summary>
internal static class Cells
{
    /// <summary>The spellings of a missing value, compared without regard to case; an empty cell is missing too.</summary>
    public static IReadOnlyList<string> MissingMarkers { get; } = ["NA", "N/A", "NaN", "-NaN", "null", "None", "?"];

    /// <summary>Whether the cell is empty or one of <see cref="MissingMarkers"/>.</summary>
    public static bool IsMissing(ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        if (cell.IsEmpty)
        {
            return true;
        }

        foreach (var marker in MissingMarkers)
        {
            if (cell.Equals(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Parses a cell as a double with the invariant culture (a decimal point, an optional exponent, no thousands
    /// separators) and says whether it may be stored as a float. Values are parsed as doubles and rounded to float
    /// once, as numpy and pandas load a float64 column and then cast it.
    /// </summary>
    public static CellNumber ParseNumber(ReadOnlySpan<char> cell, out double value)
    {
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return CellNumber.NotANumber;
        }

        if (double.IsNaN(value))
        {
            // Only reachable through spellings missing from MissingMarkers; still not a value.
            return CellNumber.NotANumber;
        }

        if (double.IsInfinity(value))
        {
            return CellNumber.Infinite;
        }

        return float.IsInfinity((float)value) ? CellNumber.TooLargeForFloat : CellNumber.Finite;
    }

    /// <summary>Why a cell cannot be stored as a float value, for an error message.</summary>
    public static string Explain(CellNumber kind, ReadOnlySpan<char> cell) => kind switch
    {
        CellNumber.NotANumber => $"'{Shorten(cell)}' is not a number",
        CellNumber.Infinite => $"'{Shorten(cell)}' is infinite",
        CellNumber.TooLargeForFloat => $"'{Shorten(cell)}' is beyond the range of a 32-bit float (about ±3.4e38)",
        _ => $"'{Shorten(cell)}' is a valid number",
    };

    /// <summary>A cell quoted in a message, cut short when it is long.</summary>
    public static string Shorten(ReadOnlySpan<char> cell) => cell.Length <= 60 ? cell.ToString() : string.Concat(cell[..57], "...");

    /// <summary>The class name of a numeric label: the shortest text that reads back as the same double, and 0 for -0.</summary>
    public static string NumberName(double value) => (value + 0.0).ToString("R", CultureInfo.InvariantCulture);
}
