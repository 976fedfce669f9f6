using DynPmnn.Experiments.Reporting;

namespace DynPmnn.Tests.Reporting;

/// <summary>Input a figure cannot draw is refused with a message that says what is wrong and where.</summary>
public sealed class FigureInputTests
{
    [Fact]
    public void CurvesNeedPairedNonEmptyValuesAndAName()
    {
        var mismatched = Assert.Throws<ArgumentException>(() => new Curve("CfC", [1, 2, 3], [0.5, 0.4]));
        Assert.Contains("The curve of 'CfC' has 3 x values but 2 y values", mismatched.Message);
        Assert.Equal("y", mismatched.ParamName);

        var empty = Assert.Throws<ArgumentException>(() => new Curve("CfC", [], []));
        Assert.Contains("The curve of 'CfC' has no points", empty.Message);

        Assert.Contains("group name", Assert.Throws<ArgumentException>(() => new Curve(" ", [1], [1])).Message);

        var none = Assert.Throws<ArgumentException>(() => Figures.ValidationCurves([]));
        Assert.Contains("There are no curves to plot", none.Message);
        Assert.Contains("null", Assert.Throws<ArgumentException>(() => Figures.ValidationCurves([null!])).Message);
    }

    [Fact]
    public void ComparisonBarsNeedFiniteValuesAndUniqueModels()
    {
        var nan = Assert.Throws<ArgumentException>(() => new ComparisonBar("NODE", [0.5, double.NaN]));
        Assert.Contains("Value 1 of 'NODE' is NaN; pass only the results of runs that finished", nan.Message);

        var infinite = Assert.Throws<ArgumentException>(() => new ComparisonBar("NODE", [0.5], reference: double.PositiveInfinity));
        Assert.Contains("The reference value of 'NODE' is Infinity", infinite.Message);

        Assert.Contains("The bar of 'NODE' has no values", Assert.Throws<ArgumentException>(() => new ComparisonBar("NODE", [])).Message);

        var twice = Assert.Throws<ArgumentException>(() => Figures.Comparison(
            "data", "RMSE", [new ComparisonBar("NODE", [0.5]), new ComparisonBar("NODE", [0.6])], lowerIsBetter: true));
        Assert.Contains("Model 'NODE' has more than one bar", twice.Message);

        Assert.Contains("There are no bars to plot", Assert.Throws<ArgumentException>(() => Figures.Comparison("data", "RMSE", [], lowerIsBetter: true)).Message);
        Assert.Throws<ArgumentException>(() => Figures.Comparison("data", " ", [new ComparisonBar("NODE", [0.5])], lowerIsBetter: true));
    }

    [Fact]
    public void SweepGridsNeedMatchingLabelsAndNullRatherThanNaNForMissingCells()
    {
        var shape = Assert.Throws<ArgumentException>(() => new SweepGrid("learning rate", ["1e-3", "1e-2"], "batch size", ["32"], new double?[,] { { 1, 2 } }));
        Assert.Contains("The grid is 1×2 but there are 2 values of 'learning rate' (rows) and 1 of 'batch size' (columns)", shape.Message);

        var nan = Assert.Throws<ArgumentException>(() => new SweepGrid("learning rate", ["1e-3"], "batch size", ["32", "64"], new double?[,] { { 1, double.NaN } }));
        Assert.Contains("The cell for learning rate 1e-3, batch size 64 is NaN; use null for a trial without a result", nan.Message);

        var empty = Assert.Throws<ArgumentException>(() => new SweepGrid("learning rate", [], "batch size", ["32"], new double?[0, 1]));
        Assert.Contains("needs at least one value of each hyperparameter", empty.Message);
    }

    [Fact]
    public void InputsAreCopiedSoLaterChangesDoNotReachTheFigure()
    {
        double[] ys = [1, 2];
        var curve = new Curve("a", [1, 2], ys);
        ys[0] = 99;
        Assert.Equal(1, curve.Y[0]);

        var cells = new double?[,] { { 1 } };
        var grid = new SweepGrid("a", ["1"], "b", ["2"], cells);
        cells[0, 0] = null;
        Assert.Equal(1, grid[0, 0]);
    }
}
