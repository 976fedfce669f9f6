using DynPmnn.Experiments.Reporting;

namespace DynPmnn.Tests.Reporting;

public sealed class PlotAxisTests
{
    [Fact]
    public void LinearTicksAreRoundAndLabelledWithoutNegativeZero()
    {
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], Labels(new PlotAxis(0, 1, false), 5));
        Assert.Equal(["-0.2", "0.0", "0.2"], Labels(new PlotAxis(-0.3, 0.3, false), 3));
        Assert.Equal(["0", "20", "40", "60", "80", "100"], Labels(new PlotAxis(-3, 103, false), 6));
        Assert.Equal(["2e-5", "4e-5", "6e-5"], Labels(new PlotAxis(1.5e-5, 6.5e-5, false), 3));
    }

    [Fact]
    public void LogarithmicTicksUsePowersOfTenThen125()
    {
        Assert.Equal(["0.001", "0.01", "0.1", "1", "10"], Labels(new PlotAxis(8e-4, 12, true), 6));
        // Thirteen decades for six ticks: every third power, counted from 10⁰ so 1 is always marked.
        Assert.Equal(["1e-6", "0.001", "1", "1000"], Labels(new PlotAxis(1e-8, 1e4, true), 6));
        Assert.Equal(["0.1", "0.2", "0.5", "1"], Labels(new PlotAxis(0.08, 1.5, true), 6));
        Assert.Equal(["0.3", "0.4", "0.5", "0.6"], Labels(new PlotAxis(0.25, 0.65, true), 6));
    }

    [Fact]
    public void FitAddsAMarginAndWidensConstantData()
    {
        var axis = PlotAxis.Fit(0, 100, false, 0.05, null, null);
        Assert.Equal((-5.0, 105.0), (axis.Min, axis.Max));
        var constant = PlotAxis.Fit(2, 2, false, 0.05, null, null);
        Assert.Equal((1.5, 2.5), (constant.Min, constant.Max));
        var fixedTop = PlotAxis.Fit(0, 100, false, 0.05, null, 50);
        Assert.Equal((-5.0, 50.0), (fixedTop.Min, fixedTop.Max));
        var decades = PlotAxis.Fit(0.01, 100, true, 0.25, null, null);
        Assert.Equal(1e-3, decades.Min, 1e-12);
        Assert.Equal(1e3, decades.Max, 1e-9);
        Assert.Equal(0.5, decades.Fraction(1), 1e-12);
        Assert.True(double.IsNaN(decades.Fraction(0)));
    }

    private static string[] Labels(PlotAxis axis, int target) => axis.Ticks(target).Select(t => t.Label).ToArray();
}
