using DynPmnn.Dynamics;
using DynPmnn.Neurons.Zoo;

namespace DynPmnn.Tests.Dynamics;

/// <summary>Nullclines lie on the zero set of their right-hand side, and for FitzHugh–Nagumo on its analytic curves.</summary>
public sealed class NullclineTests
{
    private static readonly NeuronDynamics Fhn = NeuronDynamics.Of<FitzHughNagumo>();

    [Fact]
    public void EveryPointSatisfiesItsRightHandSideAndTheAnalyticCurve()
    {
        var plane = new PhasePlane(0, 1, -1, 1.5, -0.5, 0.5);
        double[] parameters = [0.2, 0.02, 3];
        double[] inputs = [0.1];
        var v = Nullclines.Compute(Fhn, 0, plane, [0, 0], parameters, inputs);
        var w = Nullclines.Compute(Fhn, 1, plane, [0, 0], parameters, inputs);
        Assert.Equal("V", v.StateName);
        Assert.Equal("W", w.StateName);

        // The v-nullcline is the cubic w = I − v(v − a)(v − 1): inside the window it leaves through the top and bottom
        // once, so it is one curve; the w-nullcline is the line w = v/3.
        var cubic = Assert.Single(v.Curves);
        Assert.True(cubic.X.Count > 100, $"{cubic.X.Count} points");
        var line = Assert.Single(w.Curves);
        // The tolerance scales with the largest |f| on the grid, below 2.5 in this window for both states.
        var derivatives = new double[2];
        foreach (var (nullcline, curve) in new[] { (0, cubic), (1, line) })
        {
            for (var k = 0; k < curve.X.Count; k++)
            {
                Fhn.RightHandSide([curve.X[k], curve.Y[k]], parameters, inputs, derivatives);
                Assert.True(Math.Abs(derivatives[nullcline]) <= Nullclines.Tolerance * 2.5, $"f_{nullcline} = {derivatives[nullcline]} at ({curve.X[k]}, {curve.Y[k]})");
            }
        }

        for (var k = 0; k < cubic.X.Count; k++)
        {
            var x = cubic.X[k];
            Assert.True(Math.Abs(0.1 - (x * (x - 0.2) * (x - 1)) - cubic.Y[k]) <= 1e-9, $"({x}, {cubic.Y[k]})");
        }

        Assert.All(line.X.Zip(line.Y), p => Assert.True(Math.Abs((p.First / 3) - p.Second) <= 1e-9));

        // Consecutive points are neighbours: a polyline, not a scatter of crossings.
        for (var k = 1; k < cubic.X.Count; k++)
        {
            Assert.True(Math.Abs(cubic.X[k] - cubic.X[k - 1]) <= 2.5 / 200 * 1.01 && Math.Abs(cubic.Y[k] - cubic.Y[k - 1]) <= 1.0 / 200 * 1.01);
        }
    }

    [Fact]
    public void APoleIsNotANullcline()
    {
        // dx/dt changes sign across y = 0 without vanishing there; no grid line lies on y = 0, so grid edges straddle the
        // pole, and bisection on them must give up rather than report it as a nullcline.
        var dynamics = NeuronDynamics.Of<PoleNeuron>();
        var plane = new PhasePlane(0, 1, -1, 1, -0.95, 1.05);
        var nullcline = Nullclines.Compute(dynamics, 0, plane, [0, 0], [], []);
        var derivatives = new double[2];
        Assert.NotEmpty(nullcline.Curves);
        foreach (var curve in nullcline.Curves)
        {
            for (var k = 0; k < curve.X.Count; k++)
            {
                Assert.True(Math.Abs(curve.X[k] - 0.5) < 1e-9, $"point at x = {curve.X[k]}");
                dynamics.RightHandSide([curve.X[k], curve.Y[k]], [], [], derivatives);
                Assert.True(Math.Abs(derivatives[0]) <= Nullclines.Tolerance * 1e3);
            }
        }
    }

    [Fact]
    public void ThePortraitFindsTheFixedPointsWhereTheNullclinesCross()
    {
        var plane = new PhasePlane(0, 1, -0.5, 1.2, -0.1, 0.15);
        var portrait = PhasePortrait.Compute(Fhn, plane, [0, 0], [0.2, 0.02, 10], []);
        Assert.Equal([FixedPointType.StableFocus, FixedPointType.Saddle, FixedPointType.StableFocus], portrait.FixedPoints.Select(p => p.Type));
        Assert.Equal(0.6 + Math.Sqrt(0.06), portrait.FixedPoints[2].States[0], 10);
    }

    [Fact]
    public void AWindowThatIsNoWindowIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Nullclines.Compute(Fhn, 0, new PhasePlane(0, 0, -1, 1, -1, 1), [0, 0], [0.2, 0.02, 3], []));
        Assert.Contains("two different ones", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Nullclines.Compute(Fhn, 0, new PhasePlane(0, 1, 1, -1, -1, 1), [0, 0], [0.2, 0.02, 3], []));
    }
}

/// <summary>dx/dt = (x − 0.5) / y · (1 + x²): zero on x = 0.5, a pole on y = 0 where the sign flips without a zero.</summary>
[Neuron]
public partial struct PoleNeuron
{
    [State] public float X;
    [State] public float Y;

    private readonly void Derivatives(out float dX, out float dY)
    {
        dX = (X - 0.5f) / Y * (1f + X * X);
        dY = -Y;
    }
}
