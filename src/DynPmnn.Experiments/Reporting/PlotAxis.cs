using System.Globalization;

namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// One axis of a plot: its range, whether it is logarithmic, where a value falls along it, and which round values to
/// mark with ticks and how to print them.
/// </summary>
internal sealed class PlotAxis
{
    // Ticks are compared with a tolerance of this fraction of a step, so 0.1 + 0.2 still counts as the tick 0.3.
    private const double Slack = 1e-9;

    /// <summary>An axis from <paramref name="min"/> to <paramref name="max"/>; both positive when logarithmic.</summary>
    public PlotAxis(double min, double max, bool logarithmic)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(min < max))
        {
            throw new ArgumentException($"An axis needs finite ends with min < max, not [{min}, {max}].");
        }

        if (logarithmic && min <= 0)
        {
            throw new ArgumentException($"A logarithmic axis needs positive ends, not [{min}, {max}].");
        }

        Min = min;
        Max = max;
        IsLogarithmic = logarithmic;
    }

    /// <summary>The value at the start of the axis.</summary>
    public double Min { get; }

    /// <summary>The value at the end of the axis.</summary>
    public double Max { get; }

    /// <summary>Whether equal ratios, rather than equal differences, take equal lengths.</summary>
    public bool IsLogarithmic { get; }

    /// <summary>
    /// Chooses an axis range for data spanning <paramref name="low"/> to <paramref name="high"/> (NaN when there is no
    /// data): the data plus a margin of <paramref name="margin"/> of the span on each side, measured on the axis' own
    /// (possibly logarithmic) scale. A fixed end replaces the computed one and gets no margin.
    /// </summary>
    public static PlotAxis Fit(double low, double high, bool logarithmic, double margin, double? fixedMin, double? fixedMax)
    {
        if (double.IsNaN(low) || double.IsNaN(high))
        {
            // No data: a unit range (a decade on a log axis) still gives readable empty axes.
            (low, high) = logarithmic ? (1.0, 10.0) : (0.0, 1.0);
        }

        var a = logarithmic ? Math.Log10(low) : low;
        var b = logarithmic ? Math.Log10(high) : high;
        if (b - a <= Math.Max(Math.Abs(a), Math.Abs(b)) * 1e-12)
        {
            // A constant series has no span to scale a margin by; widen it so the line sits mid-plot.
            var half = logarithmic ? 0.5 : Math.Max(Math.Abs(a) * 0.1, 0.5);
            (a, b) = (a - half, b + half);
        }
        else
        {
            var pad = (b - a) * margin;
            (a, b) = (a - pad, b + pad);
        }

        var min = fixedMin ?? (logarithmic ? Math.Pow(10, a) : a);
        var max = fixedMax ?? (logarithmic ? Math.Pow(10, b) : b);
        if (fixedMin is { } lo && fixedMax is null && !(max > lo))
        {
            max = logarithmic ? lo * 10 : lo + 1;
        }
        else if (fixedMax is { } hi && fixedMin is null && !(min < hi))
        {
            min = logarithmic ? hi / 10 : hi - 1;
        }

        return new PlotAxis(min, max, logarithmic);
    }

    /// <summary>
    /// Where <paramref name="value"/> lies between <see cref="Min"/> (0) and <see cref="Max"/> (1); outside that for
    /// values off the axis, NaN for values the axis cannot show (non-finite, or not positive on a log axis).
    /// </summary>
    public double Fraction(double value)
    {
        if (!double.IsFinite(value) || (IsLogarithmic && value <= 0))
        {
            return double.NaN;
        }

        return IsLogarithmic
            ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
            : (value - Min) / (Max - Min);
    }

    /// <summary>Tick values inside the axis, about <paramref name="target"/> of them, with their labels.</summary>
    public IReadOnlyList<(double Value, string Label)> Ticks(int target)
    {
        target = Math.Max(target, 2);
        return IsLogarithmic ? LogarithmicTicks(target) : LinearTicks(Min, Max, target);
    }

    private static List<(double Value, string Label)> LinearTicks(double min, double max, int target)
    {
        var step = NiceStep((max - min) / target);
        var first = Math.Ceiling((min / step) - Slack);
        var last = Math.Floor((max / step) + Slack);
        var useExponent = Math.Max(Math.Abs(min), Math.Abs(max)) >= 1e6 || step < 1e-4;
        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + Slack));
        var ticks = new List<(double, string)>();
        for (var k = first; k <= last; k++)
        {
            // Multiplying an integer count avoids the drift of repeatedly adding the step.
            var value = k * step;
            if (Math.Abs(value) < step * Slack)
            {
                value = 0; // never print "-0"
            }

            var label = useExponent
                ? value.ToString("0.###e-0", CultureInfo.InvariantCulture)
                : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            ticks.Add((value, label));
        }

        return ticks;
    }

    private List<(double Value, string Label)> LogarithmicTicks(int target)
    {
        var lo = Math.Log10(Min);
        var hi = Math.Log10(Max);
        var firstDecade = (int)Math.Ceiling(lo - Slack);
        var lastDecade = (int)Math.Floor(hi + Slack);
        var decades = lastDecade - firstDecade + 1;
        if (decades >= 3)
        {
            // Many decades: powers of ten only, thinned to every second (third, ...) one so labels do not crowd.
            var stride = (int)Math.Ceiling(decades / (double)target);
            var ticks = new List<(double, string)>();
            for (var k = firstDecade; k <= lastDecade; k++)
            {
                if (((k % stride) + stride) % stride == 0)
                {
                    var value = Math.Pow(10, k);
                    ticks.Add((value, FormatLogarithmic(value)));
                }
            }

            return ticks;
        }

        // Narrower ranges: 1-2-5 within each decade while that gives at least half the wanted ticks, else every
        // integer mantissa unless that crowds, and for ranges well inside one decade ordinary linear ticks, which a
        // reader still places correctly on the log scale.
        var coarse = MantissaTicks(lo, hi, firstDecade, lastDecade, [1, 2, 5]);
        if (2 * coarse.Count >= target)
        {
            return coarse;
        }

        var fine = MantissaTicks(lo, hi, firstDecade, lastDecade, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        if (fine.Count >= 3 && fine.Count <= 2 * target)
        {
            return fine;
        }

        return coarse.Count >= 3 ? coarse : LinearTicks(Min, Max, target);
    }

    private static List<(double Value, string Label)> MantissaTicks(double lo, double hi, int firstDecade, int lastDecade, int[] mantissas)
    {
        var ticks = new List<(double, string)>();
        for (var k = firstDecade - 1; k <= lastDecade; k++)
        {
            foreach (var m in mantissas)
            {
                var value = m * Math.Pow(10, k);
                var position = Math.Log10(value);
                if (position >= lo - Slack && position <= hi + Slack)
                {
                    ticks.Add((value, FormatLogarithmic(value)));
                }
            }
        }

        return ticks;
    }

    private static string FormatLogarithmic(double value)
        => value is >= 1e-4 and < 1e6
            ? value.ToString("0.#########", CultureInfo.InvariantCulture)
            : value.ToString("0.###e-0", CultureInfo.InvariantCulture);

    // The 1, 2 or 5 times a power of ten nearest to rough on a log scale (cut-offs at the geometric means), so the tick
    // count stays within about 0.7 to 1.4 times the target while the steps remain ones people read at a glance.
    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var residual = rough / magnitude;
        var nice = residual < 1.4142 ? 1 : residual < 3.1623 ? 2 : residual < 7.0711 ? 5 : 10;
        return nice * magnitude;
    }
}
