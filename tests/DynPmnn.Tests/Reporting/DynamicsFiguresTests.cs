using DynPmnn.Dynamics;
using DynPmnn.Experiments.Reporting;
using DynPmnn.Layers;
using DynPmnn.Neurons.Zoo;

namespace DynPmnn.Tests.Reporting;

/// <summary>The dynamics figures draw what they are given: nullclines, typed fixed points, rows and their references.</summary>
public sealed class DynamicsFiguresTests
{
    private static readonly NeuronDynamics Fhn = NeuronDynamics.Of<FitzHughNagumo>();

    [Fact]
    public void ThePortraitNamesEveryFixedPointAndEveryRow()
    {
        // g = 10: two stable foci and a saddle between them.
        var (trajectories, references) = Traced(g: 10);
        var portrait = PhasePortrait.Compute(Fhn, new PhasePlane(0, 1, -0.5, 1.2, -0.1, 0.15), [0, 0], [0.2, 0.02, 10], []);
        using var figure = DynamicsFigures.PhasePortrait(portrait, trajectories, 0, references, "three fixed points");
        var texts = FigureFiles.SvgTexts(figure.ToSvg());
        Assert.Contains("three fixed points", texts);
        Assert.Equal(2, texts.Count(t => t == "stable focus"));
        Assert.Single(texts, "saddle");
        Assert.Contains("dV/dt = 0", texts);
        Assert.Contains("dW/dt = 0", texts);
        Assert.Contains("row 0", texts);
        Assert.Contains("row 3", texts);
        Assert.Equal((800, 650), FigureFiles.PngSize(figure.ToPng()));
    }

    [Fact]
    public void TheTimeAndEndpointFiguresSayWhatTheyDraw()
    {
        var (trajectories, references) = Traced(g: 3);
        using var time = DynamicsFigures.StateOverTime(trajectories, 0, 1, references, "W over time");
        var texts = FigureFiles.SvgTexts(time.ToSvg());
        Assert.Contains("W", texts);
        Assert.Contains("time", texts);

        var portrait = PhasePortrait.Compute(Fhn, new PhasePlane(0, 1, -1, 1, -1, 1), [0, 0], [0.2, 0.02, 3], []);
        IReadOnlyList<double>[] initial = [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [-0.5, 0.2]];
        IReadOnlyList<double>[] final = [[0.1, 0.1], [0.2, 0.1], [0.3, 0.1], [0.4, 0.1]];
        using var endpoints = DynamicsFigures.InitialAndFinalStates(portrait, initial, final, "ends");
        var legend = FigureFiles.SvgTexts(endpoints.ToSvg());
        Assert.Contains("initial state: 4 rows, 100 % in the two fullest 0.01 × 0.01 cells", legend);
        Assert.Contains("final state: 4 rows, 50 % in the two fullest 0.01 × 0.01 cells", legend);
    }

    [Fact]
    public void ReferencesMustMatchTheRows()
    {
        var (trajectories, _) = Traced(g: 3);
        var error = Assert.Throws<ArgumentException>(() => DynamicsFigures.StateOverTime(trajectories, 0, 0, [null], "x"));
        Assert.Contains("There are 2 traced rows but 1 references", error.Message, StringComparison.Ordinal);
    }

    private static (LayerTrajectories Trajectories, ReferenceTrajectory?[] References) Traced(double g)
    {
        var layer = new OdeLayer<FitzHughNagumo, double>(new OdeLayerOptions
        {
            Units = 1,
            Dt = 0.5,
            Steps = 8,
            StatesFromFeatures = ["V", "W"],
            ParameterValues = new Dictionary<string, double> { ["G"] = g },
        });
        double[] input = [0.9, 0.05, 0.3, -0.05, 0.1, 0.1, 1.1, 0.12];
        var trajectories = layer.Trace(input, 4, [0, 3]);
        var references = Enumerable.Range(0, 2).Select(r => (ReferenceTrajectory?)ReferenceTrajectory.Solve(Fhn, trajectories.StatesAt(r, 0, 0), layer.EffectiveParameters.ToArray(), [], 0.5, 8)).ToArray();
        return (trajectories, references);
    }
}
