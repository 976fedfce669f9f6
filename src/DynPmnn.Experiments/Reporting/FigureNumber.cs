using System.Globalization;

namespace DynPmnn.Experiments.Reporting;

/// <summary>How figures write numbers on ticks and in cells: short, invariant, and never in a locale's style.</summary>
internal static class FigureNumber
{
    /// <summary>
    /// <paramref name="value"/> to three significant digits (all of its integer digits above 1000): plain between 0.001
    /// and 100 000 (<c>0.562</c>, <c>1000</c>), otherwise as a power of ten (<c>2e-5</c>, <c>1.5e6</c>), which reads faster than a run of zeros.
    /// </summary>
    public static string Format(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value == 0 ? "0" : value.ToString(CultureInfo.InvariantCulture);
        }

        var magnitude = Math.Abs(value);
        if (magnitude is >= 1e-3 and < 1e5)
        {
            // Round to three significant digits first so 0.30000000000000004 prints as 0.3, not 0.300.
            var digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(magnitude)));
            return Math.Round(value, digits).ToString("0." + new string('#', digits), CultureInfo.InvariantCulture);
        }

        var exponent = (int)Math.Floor(Math.Log10(magnitude));
        var mantissa = Math.Round(value / Math.Pow(10, exponent), 2);
        if (Math.Abs(mantissa) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }

        return mantissa.ToString("0.##", CultureInfo.InvariantCulture) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
