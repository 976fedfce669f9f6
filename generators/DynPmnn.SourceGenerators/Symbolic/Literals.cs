using System.Globalization;

namespace DynPmnn.SourceGenerators.Symbolic;

/// <summary>Numbers written into text, always in the invariant culture so a locale with a Unicode minus or a decimal comma cannot break them.</summary>
internal static class Literals
{
    /// <summary>Whether a double holds exactly a <see cref="float"/> value (such as the user's <c>0.2f</c>).</summary>
    public static bool IsSingle(double value) => (double)(float)value == value || double.IsNaN(value);

    /// <summary>The shortest text that reads back as the same number: <c>0.2</c> for <c>0.2f</c>, <c>0.1</c> for the double 0.1.</summary>
    public static string Number(double value)
    {
        var text = IsSingle(value)
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        return text.Replace("E+", "e").Replace("E", "e");
    }

    /// <summary>A C# literal: <c>0.2f</c> when the value is a float, <c>0.1d</c> otherwise, so it converts exactly in either precision.</summary>
    public static string CSharp(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        return Number(value) + (IsSingle(value) ? "f" : "d");
    }

    public static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
