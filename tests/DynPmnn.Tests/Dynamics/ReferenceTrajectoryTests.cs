using DynPmnn.Dynamics;
using DynPmnn.Neurons.Zoo;

namespace DynPmnn.Tests.Dynamics;

/// <summary>The RK4 reference with step halving: accurate where the solution is known, and a clear error where it cannot be.</summary>
public sealed class ReferenceTrajectoryTests
{
    [Fact]
    public void TheLeakyIntegratorsReferenceIsItsExponentialToTheTolerance()
    {
        // τ dv/dt = I − v: v(t) = I + (v0 − I) e^(−t/τ).
        var reference = ReferenceTrajectory.Solve(NeuronDynamics.Of<LeakyIntegrator>(), [2.0], [0.3], [0.5], dt: 0.5, steps: 4);
        Assert.True(reference.Substeps > 1 && (reference.Substeps & (reference.Substeps - 1)) == 0, $"{reference.Substeps} substeps");
        Assert.True(reference.Agreement <= ReferenceTrajectory.DefaultTolerance);
        Assert.Equal(reference.Steps * Math.Min(reference.Substeps, 64) + 1, reference.Times.Count);
        for (var point = 0; point < reference.Times.Count; point++)
        {
            var t = reference.Times[point];
            Assert.True(Math.Abs(0.5 + (1.5 * Math.Exp(-t / 0.3)) - reference.State(point, 0)) <= 1e-6, $"t = {t}");
        }

        Assert.Equal(2.0, reference.Times[^1], 15);
        Assert.True(Math.Abs(0.5 + (1.5 * Math.Exp(-1.0 / 0.3)) - reference.StatesAtStep(2)[0]) <= 1e-6);
    }

    [Fact]
    public void TheReferenceShowsTheEulerStepsError()
    {
        // The paper's step: Euler with dt 5 from (0.8, 0) against the reference; the difference is the discretisation error.
        var fhn = NeuronDynamics.Of<FitzHughNagumo>();
        double[] parameters = [0.2, 0.02, 3];
        var reference = ReferenceTrajectory.Solve(fhn, [0.8, 0], parameters, [], dt: 5, steps: 2);
        double[] euler = [0.8, 0];
        fhn.Integrate(DynPmnn.Neurons.Integrator.Euler, 5, 1, euler, parameters, []);
        var exact = reference.StatesAtStep(1);
        Assert.True(Math.Abs(euler[0] - exact[0]) > 0.1, $"Euler {euler[0]} vs {exact[0]}");

        // A finer solution agrees with the accepted one well within the tolerance.
        double[] fine = [0.8, 0];
        fhn.Integrate(DynPmnn.Neurons.Integrator.RungeKutta4, 5.0 / (4 * reference.Substeps), 4 * reference.Substeps, fine, parameters, []);
        Assert.Equal(fine[0], exact[0], 5);
        Assert.Equal(fine[1], exact[1], 5);
    }

    [Fact]
    public void ASolutionThatBlowsUpIsAClearError()
    {
        var error = Assert.Throws<ReferenceSolutionException>(() => ReferenceTrajectory.Solve(NeuronDynamics.Of<Explosive>(), [1.0], [], [], dt: 0.5, steps: 4, maxHalvings: 8));
        Assert.Contains("Explosive: RK4 did not agree to 1E-06 within 8 halvings of dt 0.5 over 4 steps", error.Message, StringComparison.Ordinal);
        Assert.Contains("in X at t = ", error.Message, StringComparison.Ordinal);
        Assert.Equal("X", error.State);
        Assert.True(error.Time >= 1, $"t = {error.Time}");
    }

    [Fact]
    public void TooFewHalvingsForTheToleranceIsAClearError()
    {
        var error = Assert.Throws<ReferenceSolutionException>(() => ReferenceTrajectory.Solve(NeuronDynamics.Of<FitzHughNagumo>(), [0.8, 0], [0.2, 0.02, 3], [], dt: 5, steps: 2, tolerance: 1e-12, maxHalvings: 2));
        Assert.Matches(@"within 2 halvings of dt 5 over 2 steps: at dt/2\^2 the last two solutions still differ by [0-9.e-]+ in [VW] at t = (5|10)\.", error.Message);
    }
}
