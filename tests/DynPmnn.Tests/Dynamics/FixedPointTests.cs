using System.Numerics;
using DynPmnn.Dynamics;
using DynPmnn.Neurons.Zoo;

namespace DynPmnn.Tests.Dynamics;

/// <summary>
/// Fixed points of the paper's FitzHugh–Nagumo, dv/dt = I − v(v − a)(v − 1) − w, dw/dt = b(v − g w), against the
/// analytic ones: with I = 0 they lie on w = v/g where v = 0 or v² − (1 + a)v + a + 1/g = 0, and the Jacobian there is
/// [[−(3v² − 2(1 + a)v + a), −1], [b, −b g]].
/// </summary>
public sealed class FixedPointTests
{
    private static readonly NeuronDynamics Fhn = NeuronDynamics.Of<FitzHughNagumo>();

    [Fact]
    public void ThePaperNeuronAtRestIsAStableFocusAtTheOrigin()
    {
        // a = 0.2, b = 0.02, g = 3: the quadratic has no real root, so the origin is the only fixed point; trace −0.26,
        // determinant 0.032, so λ = −0.13 ± 0.1229i.
        var points = Find(0.2, 0.02, 3);
        var origin = Assert.Single(points);
        Assert.Equal(0, origin.States[0], 12);
        Assert.Equal(0, origin.States[1], 12);
        Assert.Equal(FixedPointType.StableFocus, origin.Type);
        Assert.True(origin.IsOscillatory);
        AssertEigenvalues(Analytic(0, 0.2, 0.02, 3), origin.Eigenvalues);
        Assert.Equal(-0.13, origin.Eigenvalues[0].Real, 12);
        Assert.Equal(Math.Sqrt(0.128 - 0.0676) / 2, Math.Abs(origin.Eigenvalues[0].Imaginary), 12);
    }

    [Fact]
    public void AStrongRecoveryCouplingGivesThreeFixedPointsTwoFociAndASaddle()
    {
        // g = 10: v² − 1.2 v + 0.3 = 0 at v = 0.6 ± √0.06, so the cubic meets w = v/10 three times.
        var points = Find(0.2, 0.02, 10);
        Assert.Equal(3, points.Count);
        double[] expected = [0, 0.6 - Math.Sqrt(0.06), 0.6 + Math.Sqrt(0.06)];
        FixedPointType[] types = [FixedPointType.StableFocus, FixedPointType.Saddle, FixedPointType.StableFocus];
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(expected[k], points[k].States[0], 10);
            Assert.Equal(expected[k] / 10, points[k].States[1], 10);
            Assert.Equal(types[k], points[k].Type);
            AssertEigenvalues(Analytic(expected[k], 0.2, 0.02, 10), points[k].Eigenvalues);
        }

        Assert.Equal("saddle", points[1].Description);
    }

    [Theory]
    [InlineData(-0.06, FixedPointType.Centre)] // trace −a − b g = 0, determinant b(1 + a g) > 0
    [InlineData(-0.1, FixedPointType.UnstableFocus)] // trace 0.04, determinant 0.014: a complex pair with positive real part
    [InlineData(2.0, FixedPointType.StableNode)] // trace −2.06, determinant 0.14: two negative real eigenvalues
    [InlineData(-1.0, FixedPointType.Saddle)] // determinant b(1 + a g) = −0.04
    public void TheOriginsTypeFollowsTheThreshold(double a, FixedPointType type)
    {
        var origin = Find(a, 0.02, 3).Single(p => Math.Abs(p.States[0]) < 1e-9);
        Assert.Equal(type, origin.Type);
        AssertEigenvalues(Analytic(0, a, 0.02, 3), origin.Eigenvalues);
    }

    [Fact]
    public void AnUnstableNodeAndTheHigherDimensionalTypesComeFromTheRealParts()
    {
        Assert.Equal(FixedPointType.UnstableNode, FixedPoint.Classify([new Complex(0.5, 0), new Complex(0.1, 0)]));
        Assert.Equal(FixedPointType.Stable, FixedPoint.Classify([new Complex(-0.5, 2), new Complex(-0.5, -2), new Complex(-1, 0)]));
        Assert.Equal(FixedPointType.Unstable, FixedPoint.Classify([new Complex(0.5, 0), new Complex(0.1, 0), new Complex(3, 0)]));
        Assert.Equal(FixedPointType.Saddle, FixedPoint.Classify([new Complex(0.5, 1), new Complex(0.5, -1), new Complex(-3, 0)]));
        Assert.Equal(FixedPointType.NonHyperbolic, FixedPoint.Classify([new Complex(0, 0), new Complex(-1, 0)]));
        Assert.Equal(FixedPointType.NonHyperbolic, FixedPoint.Classify([new Complex(0, 1), new Complex(0, -1), new Complex(-1, 0)]));
    }

    [Fact]
    public void AThreeStateNeuronsFixedPointIsClassifiedByItsRealParts()
    {
        var dynamics = NeuronDynamics.Of<HindmarshRose>();
        var parameters = dynamics.Descriptor.ParameterDefaults.ToArray();
        var inputs = new double[dynamics.InputCount];
        var points = FixedPoints.Find(dynamics, parameters, inputs, [[-1.5, -10, 2], [0, 0, 0], [1, -5, 4]]);
        Assert.NotEmpty(points);
        var derivatives = new double[3];
        foreach (var point in points)
        {
            dynamics.RightHandSide([.. point.States], parameters, inputs, derivatives);
            Assert.All(derivatives, d => Assert.True(Math.Abs(d) < 1e-9, $"residual {d}"));
            Assert.Equal(3, point.Eigenvalues.Count);
            var expected = point.Eigenvalues.All(e => e.Real < 0) ? FixedPointType.Stable
                : point.Eigenvalues.All(e => e.Real > 0) ? FixedPointType.Unstable
                : FixedPointType.Saddle;
            Assert.Equal(expected, point.Type);
        }
    }

    private static IReadOnlyList<FixedPoint> Find(double a, double b, double g)
    {
        var starts = new List<double[]>();
        for (var v = -1.0; v <= 1.5; v += 0.25)
        {
            starts.Add([v, v / g]);
        }

        return FixedPoints.Find(Fhn, [a, b, g], [0], starts);
    }

    /// <summary>The eigenvalues of the analytic Jacobian at (v, v/g), from its trace and determinant.</summary>
    private static Complex[] Analytic(double v, double a, double b, double g)
    {
        var dv = -((3 * v * v) - (2 * (1 + a) * v) + a);
        var trace = dv - (b * g);
        var determinant = (dv * -b * g) + b;
        var discriminant = (trace * trace) - (4 * determinant);
        var root = Complex.Sqrt(discriminant);
        return [(trace + root) / 2, (trace - root) / 2];
    }

    private static void AssertEigenvalues(Complex[] expected, IReadOnlyList<Complex> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        foreach (var lambda in expected)
        {
            Assert.Contains(actual, e => Complex.Abs(e - lambda) < 1e-10);
        }
    }
}
