using ScottPlot;
using ScottPlot.TickGenerators;

namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// Ticks for a logarithmic axis. ScottPlot 5 has no log scale of its own: a figure plots log10 of its values and labels
/// the axis with the values themselves, at powers of ten (with 2 and 5 between them when the range is narrow).
/// </summary>
internal static class LogTicks
{
    // Above this many decades, labelling each would crowd the axis; label every second, third, ... instead.
    private const int MaxLabelledDecades = 8;

    /// <summary>Ticks for an axis showing log10 values from <paramref name="logLow"/> to <paramref name="logHigh"/>.</summary>
    public static NumericManual Generator(double logLow, double logHigh)
    {
        var first = (int)Math.Floor(logLow) - 1;
        var last = (int)Math.Ceiling(logHigh) + 1;
        var decades = logHigh - logLow;
        var step = Math.Max(1, (int)Math.Ceiling(decades / MaxLabelledDecades));
        // Under about two decades there would be one or two labels; 2 and 5 between the powers keep three or more.
        int[] labelled = decades < 2 ? [1, 2, 5] : [1];
        var ticks = new NumericManual();
        for (var exponent = first; exponent <= last; exponent++)
        {
            for (var mantissa = 1; mantissa <= 9; mantissa++)
            {
                var position = exponent + Math.Log10(mantissa);
                if (mantissa == 1 && exponent % step == 0)
                {
                    ticks.AddMajor(position, FigureNumber.Format(Math.Pow(10, exponent)));
                }
                else if (step == 1 && labelled.Contains(mantissa))
                {
                    ticks.AddMajor(position, FigureNumber.Format(mantissa * Math.Pow(10, exponent)));
                }
                else if (step == 1)
                {
                    ticks.AddMinor(position);
                }
            }
        }

        return ticks;
    }

    /// <summary>Applies <see cref="Generator"/> to the plot's left axis and shows the minor grid lines it places.</summary>
    public static void ApplyToLeftAxis(Plot plot, double logLow, double logHigh)
    {
        plot.Axes.Left.TickGenerator = Generator(logLow, logHigh);
        plot.Grid.MinorLineWidth = 1;
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.04);
    }
}
