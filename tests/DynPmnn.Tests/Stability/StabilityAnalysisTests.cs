using System.Numerics;
using DynPmnn.Neurons;
using DynPmnn.Neurons.Zoo;
using DynPmnn.Stability;

namespace DynPmnn.Tests.Stability;

public sealed class StabilityAnalysisTests
{
    // FitzHugh–Nagumo at rest (v = w = 0): J = [[−a, −1], [b, −b g]] = [[−0.2, −1], [0.02, −0.06]], trace −0.26, det 0.032,
    // so λ = −0.13 ± 0.12288i and Euler is stable for dt ≤ −2 Re λ / |λ|² = 0.26 / 0.032 = 8.125.
    private const double FitzHughNagumoEulerLimit = 8.125;

    [Theory]
    [InlineData(Integrator.Euler, 1.0, 0.0)]
    [InlineData(Integrator.Euler, -2.0, 0.0)]
    [InlineData(Integrator.Euler, -2.01, 0.0)]
    [InlineData(Integrator.Heun, 0.0, 1.0)]
    [InlineData(Integrator.RungeKutta4, 0.0, 2.8)]
    [InlineData(Integrator.RungeKutta4, -2.78, 0.0)]
    [InlineData(Integrator.RungeKutta4, -2.79, 0.0)]
    public void RegionsMatchTheirPolynomials(Integrator scheme, double re, double im)
    {
        var z = new Complex(re, im);
        var r = scheme switch
        {
            Integrator.Euler => 1 + z,
            Integrator.Heun => 1 + z + (z * z / 2),
            _ => 1 + z + (z * z / 2) + (z * z * z / 6) + (z * z * z * z / 24),
        };
        Assert.Equal(r.Magnitude, StabilityRegion.Amplification(scheme, z), 1e-14);
        Assert.Equal(r.Magnitude <= 1 + StabilityRegion.Tolerance, StabilityRegion.Contains(scheme, z));
    }

    [Fact]
    public void LargestStableStepsOnTheRealAxis()
    {
        // λ = −1: Euler and Heun reach z = −2, RK4 z = −2.785293563405282 (the real root of 1 + z + z²/2 + z³/6 + z⁴/24 = 1).
        Assert.Equal(2, StabilityRegion.LargestStableStep(Integrator.Euler, -1), 1e-9);
        Assert.Equal(2, StabilityRegion.LargestStableStep(Integrator.Heun, -1), 1e-9);
        Assert.Equal(2.785293563405282, StabilityRegion.LargestStableStep(Integrator.RungeKutta4, -1), 1e-9);
        Assert.Equal(0.5, StabilityRegion.LargestStableStep(Integrator.Euler, -4), 1e-9);
        Assert.Equal(double.PositiveInfinity, StabilityRegion.LargestStableStep(Integrator.Euler, 0));

        // A pure oscillation: Euler has (almost) no stable step, RK4 reaches |z| = 2√2.
        Assert.True(StabilityRegion.LargestStableStep(Integrator.Euler, Complex.ImaginaryOne) < 1e-5);
        Assert.Equal(2 * Math.Sqrt(2), StabilityRegion.LargestStableStep(Integrator.RungeKutta4, Complex.ImaginaryOne), 1e-6);
    }

    [Fact]
    public void FitzHughNagumoAtRestIsStableForEulerAtTheCodesStep()
    {
        var report = StabilityAnalysis.AtRest<FitzHughNagumo>(Integrator.Euler, 5);
        Assert.True(report.IsStable, report.ToString());
        Assert.False(report.HasExpandingDynamics);
        Assert.Equal(1, report.PointCount);
        Assert.Equal(0, report.UnstableFraction);

        var worst = Assert.IsType<EigenvalueAtPoint>(report.Worst);
        Assert.Equal(-0.13, worst.Eigenvalue.Real, 1e-6);
        Assert.Equal(Math.Sqrt(0.032 - (0.13 * 0.13)), worst.Eigenvalue.Imaginary, 1e-6);
        Assert.Equal([0.0, 0.0], worst.States);

        // |1 + 5λ|² = 0.35² + 0.6144² = 0.5.
        Assert.Equal(Math.Sqrt(0.5), report.WorstAmplification, 1e-6);
        Assert.Equal(FitzHughNagumoEulerLimit, report.LargestStableDt(Integrator.Euler), 1e-5);
    }

    [Fact]
    public void FitzHughNagumoAtRestIsUnstableForEulerAtThePapersStep()
    {
        var report = StabilityAnalysis.AtRest<FitzHughNagumo>(Integrator.Euler, 20);
        Assert.False(report.IsStable);
        Assert.Equal(1, report.UnstablePointCount);
        Assert.Equal(1, report.UnstableFraction);

        // |1 + 20λ|² = 1.6² + 2.4576² = 8.6.
        Assert.Equal(Math.Sqrt((1.6 * 1.6) + (20 * 20 * (0.032 - (0.13 * 0.13)))), report.WorstAmplification, 1e-5);
        var euler = report.LargestStableDt(Integrator.Euler);
        Assert.True(euler < 10, $"Euler's stable dt {euler}");
        Assert.Equal(FitzHughNagumoEulerLimit, euler, 1e-5);
        Assert.True(report.LargestStableDt(Integrator.RungeKutta4) > euler);
        Assert.Contains("dt ≤ 8.12 for Euler", report.Suggestion);
        Assert.Contains("UNSTABLE", report.ToString());

        // The bounds are real: just inside, the scheme is stable; just outside, it is not.
        Assert.True(StabilityAnalysis.AtRest<FitzHughNagumo>(Integrator.Euler, euler * 0.999).IsStable);
        Assert.False(StabilityAnalysis.AtRest<FitzHughNagumo>(Integrator.Euler, euler * 1.001).IsStable);
        var rk4 = report.LargestStableDt(Integrator.RungeKutta4);
        Assert.True(StabilityAnalysis.AtRest<FitzHughNagumo>(Integrator.RungeKutta4, rk4 * 0.999).IsStable);
        Assert.False(StabilityAnalysis.AtRest<FitzHughNagumo>(Integrator.RungeKutta4, rk4 * 1.001).IsStable);
    }

    [Fact]
    public void LeakyIntegratorAtRestHasTheRealAxisLimits()
    {
        // dv/dt = (I − v)/τ with τ = 1: λ = −1.
        var report = StabilityAnalysis.AtRest<LeakyIntegrator>(Integrator.Heun, 1);
        Assert.True(report.IsStable);
        Assert.Equal(2, report.LargestStableDt(Integrator.Euler), 1e-9);
        Assert.Equal(2, report.LargestStableDt(Integrator.Heun), 1e-9);
        Assert.Equal(2.785293563405282, report.LargestStableDt(Integrator.RungeKutta4), 1e-9);
    }

    [Fact]
    public void NewtonFindsAFixedPointAwayFromTheOrigin()
    {
        // With a drive I = 0.5 the rest state moves: v (v − a)(v − 1) + v / g = I.
        double[] parameters = [0.2, 0.02, 3];
        var rest = StabilityAnalysis.FindFixedPoint<FitzHughNagumo>([0.0, 0.0], parameters, [0.5]);
        Assert.NotNull(rest);
        var derivatives = new double[2];
        RightHandSide<FitzHughNagumo>(rest, parameters, [0.5], derivatives);
        Assert.All(derivatives, d => Assert.True(Math.Abs(d) < 1e-12));
        Assert.Equal(rest[0] / 3, rest[1], 1e-12);
    }

    [Fact]
    public void ExpandingPointsAreReportedApartFromStepSizeProblems()
    {
        // At v = 0.4, ∂(dv/dt)/∂v = −(3v² − 2.4v + 0.2) = 0.28 > 0 and both eigenvalues are positive (≈ 0.204, 0.016).
        double[] parameters = [0.2, 0.02, 3];
        var report = StabilityAnalysis.Analyse<FitzHughNagumo>(
            Integrator.Euler,
            5,
            [([0.4, 0.0], parameters, []), ([0.0, 0.0], parameters, [])]);
        Assert.Equal(2, report.PointCount);
        Assert.Equal(1, report.ExpandingPointCount);
        Assert.Equal(0, report.UnstablePointCount);
        Assert.True(report.IsStable);
        var fastest = Assert.IsType<EigenvalueAtPoint>(report.FastestExpansion);
        Assert.Equal(0, fastest.PointIndex);
        Assert.Equal((0.22 + Math.Sqrt((0.22 * 0.22) - (4 * 0.0032))) / 2, fastest.Eigenvalue.Real, 1e-9);
        Assert.Contains("locally expanding dynamics at 1 of 2 points", report.ToString());
    }

    [Fact]
    public void NonFinitePointsAreCountedAsUnstable()
    {
        double[] parameters = [0.2, 0.02, 3];
        var report = StabilityAnalysis.Analyse<FitzHughNagumo>(Integrator.Euler, 1, [([double.PositiveInfinity, 0.0], parameters, [])]);
        Assert.Equal(1, report.NonFinitePointCount);
        Assert.False(report.IsStable);
        Assert.Throws<ArgumentException>(() => StabilityAnalysis.Analyse<FitzHughNagumo>(Integrator.Euler, 1, [([0.0], parameters, [])]));
    }

    private static void RightHandSide<TNeuron>(double[] states, double[] parameters, double[] inputs, double[] derivatives)
        where TNeuron : INeuron<TNeuron> =>
        TNeuron.EvaluateRightHandSide(states, parameters, inputs, derivatives);
}
