using DynPmnn.Experiments.Reporting;
using ScottPlot;

namespace DynPmnn.Tests.Reporting;

public sealed class FigureNumberTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.5623, "0.562")]
    [InlineData(0.30000000000000004, "0.3")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1000.0, "1000")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.00123, "0.00123")]
    [InlineData(2e-5, "2e-5")]
    [InlineData(1.5e6, "1.5e6")]
    [InlineData(9.999e6, "1e7")]
    [InlineData(123456.0, "1.23e5")]
    public void NumbersAreShortAndInvariant(double value, string expected) => Assert.Equal(expected, FigureNumber.Format(value));

    [Fact]
    public void LogTicksLabelDecadesAndAddTwoAndFiveWhenNarrow()
    {
        // The labels of the major ticks ScottPlot would show for values from low to high.
        static List<string> Labels(double low, double high)
        {
            var generator = LogTicks.Generator(Math.Log10(low), Math.Log10(high));
            using var paint = Paint.NewDisposablePaint();
            generator.Regenerate(new CoordinateRange(Math.Log10(low), Math.Log10(high)), Edge.Left, new PixelLength(400), paint, new LabelStyle());
            return generator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        }

        Assert.Equal(["0.001", "0.01", "0.1", "1", "10"], Labels(1e-3, 10));
        Assert.Equal(["0.5", "1", "2"], Labels(0.25, 2.5));
        Assert.Equal(["1e-10", "1e-8", "1e-6", "1e-4", "0.01", "1", "100", "10000"], Labels(1e-10, 1e4));
    }
}
