using DynPmnn.Models;
using DynPmnn.Tests.Layers;

namespace DynPmnn.Tests.Models;

public class NeuralOdeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void GradientThroughFixedStepRk4(int layers)
    {
        var layer = new NeuralOdeLayer<double>(4, layers, OdeSolverOptions.Rk4(3), new Random(3));
        GradientCheck.Check(layer, batch: 3, inputScale: 2.0);
    }

    /// <remarks>
    /// Finite differences of an adaptive solve differentiate the step-size control too: a perturbed input moves every
    /// step size a little and can flip an accept decision, which the backward pass deliberately treats as constant
    /// (as backpropagation through torchdiffeq's odeint does). So the check freezes the steps the first forward pass
    /// accepted and differentiates that fixed sequence of Dormand–Prince steps, the overshooting last one with its
    /// dense output included, exactly.
    /// </remarks>
    [Fact]
    public void GradientThroughDopri5WithFrozenStepSizes()
    {
        var layer = new NeuralOdeLayer<double>(4, 3, OdeSolverOptions.Dopri5(1e-5, 1e-7), new Random(5));
        var input = GradientCheck.Uniform(new Random(1), 3 * 4, 2.0);
        layer.Forward(input, new double[3 * 4], 3);
        var sizes = layer.Solver.GetStepSizes();
        Assert.True(sizes.Length >= 3, $"only {sizes.Length} steps");
        Assert.True(sizes.Sum() > 1.0, "the last step should overshoot t = 1 so that the dense output is checked too");

        layer.Solver.FreezeStepSizes();
        GradientCheck.Check(layer, batch: 3, input: input);
        Assert.Equal(sizes, layer.Solver.GetStepSizes());
    }

    [Fact]
    public void FrozenStepsReplayTheAdaptiveSolveExactly()
    {
        var layer = new NeuralOdeLayer<double>(5, 2, OdeSolverOptions.Dopri5(1e-6, 1e-8), new Random(8));
        var input = GradientCheck.Uniform(new Random(2), 4 * 5, 1.5);
        var adaptive = new double[input.Length];
        var replayed = new double[input.Length];
        layer.Forward(input, adaptive, 4);
        layer.Solver.FreezeStepSizes();
        layer.Forward(input, replayed, 4);
        Assert.Equal(adaptive, replayed);
        Assert.Equal(0, layer.Solver.RejectedSteps);

        layer.Solver.ThawStepSizes();
        Assert.False(layer.Solver.IsFrozen);
    }

    [Theory]
    [InlineData(1e-7, 1e-9)]
    [InlineData(1e-9, 1e-11)]
    public void Dopri5SolvesExponentialDecayToTolerance(double rtol, double atol)
    {
        var solver = new RungeKuttaSolver<double>(OdeSolverOptions.Dopri5(rtol, atol));
        var field = new LinearDecay(size: 3, rate: 1.0);
        double[] initial = [1.0, -2.0, 0.5, 3.0, 0.25, -1.0];
        var final = new double[initial.Length];
        solver.Solve(field, initial, final, batch: 2);
        for (var i = 0; i < initial.Length; i++)
        {
            var exact = initial[i] * Math.Exp(-1.0);
            Assert.True(Math.Abs(final[i] - exact) <= 10 * rtol * Math.Abs(exact), $"y[{i}] = {final[i]:R}, exact {exact:R}");
        }

        Assert.True(solver.AcceptedSteps > 1);
    }

    [Fact]
    public void Dopri5HandlesATimeDependentField()
    {
        // dy/dt = t − y from y(0) = y0 has y(1) = (y0 + 1) e^{−1}.
        var solver = new RungeKuttaSolver<double>(OdeSolverOptions.Dopri5());
        double[] initial = [0.5, -1.5];
        var final = new double[2];
        solver.Solve(new LinearDecay(size: 2, rate: 1.0, forcing: 1.0), initial, final, batch: 1);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal((initial[i] + 1) * Math.Exp(-1.0), final[i], 1e-7);
        }
    }

    [Fact]
    public void Dopri5TakesMoreStepsAtTighterTolerances()
    {
        var counts = new List<int>();
        foreach (var rtol in new[] { 1e-3, 1e-5, 1e-7, 1e-9 })
        {
            var solver = new RungeKuttaSolver<double>(OdeSolverOptions.Dopri5(rtol, rtol * 1e-2));
            var final = new double[2];
            solver.Solve(new LinearDecay(size: 2, rate: 3.0), [1.0, -0.5], final, batch: 1);
            counts.Add(solver.AcceptedSteps);
        }

        for (var i = 1; i < counts.Count; i++)
        {
            Assert.True(counts[i] > counts[i - 1], $"accepted steps {string.Join(", ", counts)}");
        }
    }

    [Fact]
    public void Rk4ConvergesAtFourthOrder()
    {
        var errors = new double[2];
        int[] stepCounts = [10, 20];
        for (var k = 0; k < 2; k++)
        {
            var solver = new RungeKuttaSolver<double>(OdeSolverOptions.Rk4(stepCounts[k]));
            var final = new double[1];
            solver.Solve(new LinearDecay(size: 1, rate: 2.0), [1.0], final, batch: 1);
            Assert.Equal(stepCounts[k], solver.AcceptedSteps);
            Assert.Equal(4 * stepCounts[k], solver.FunctionEvaluations);
            errors[k] = Math.Abs(final[0] - Math.Exp(-2.0));
        }

        // Halving the step divides the error by about 2⁴.
        Assert.InRange(errors[0] / errors[1], 14.0, 18.5);
    }

    [Fact]
    public void TooManyStepsFailsWithAClearError()
    {
        var solver = new RungeKuttaSolver<double>(OdeSolverOptions.Dopri5(maxSteps: 20));
        var error = Assert.Throws<OdeStepLimitException>(() => solver.Solve(new LinearDecay(size: 1, rate: 1e4), [1.0], new double[1], batch: 1));
        Assert.Equal(20, error.MaxSteps);
        Assert.Contains("attempted 20 steps", error.Message);
    }

    [Fact]
    public void StepSizesAreChosenForTheWholeBatch()
    {
        // A fast-moving row forces small steps on a slow one beside it, as torchdiffeq's batch-wide norm does.
        var field = new NeuralOdeVectorField<double>(3, 2, new Random(4));
        var alone = new RungeKuttaSolver<double>(OdeSolverOptions.Dopri5(1e-6, 1e-8));
        alone.Solve(field, [0.1, 0.2, 0.3], new double[3], batch: 1);
        var together = new RungeKuttaSolver<double>(OdeSolverOptions.Dopri5(1e-6, 1e-8));
        together.Solve(field, [0.1, 0.2, 0.3, 0.1, 0.2, 0.3], new double[6], batch: 2);
        Assert.Equal(alone.GetStepSizes(), together.GetStepSizes());
    }

    [Fact]
    public void FloatAndDoubleAgree()
    {
        var small = new NeuralOdeLayer<double>(6, 3, OdeSolverOptions.Dopri5(1e-5, 1e-7), new Random(9));
        var single = new NeuralOdeLayer<float>(6, 3, OdeSolverOptions.Dopri5(1e-5, 1e-7));
        for (var p = 0; p < small.Parameters.Count; p++)
        {
            for (var i = 0; i < small.Parameters[p].Length; i++)
            {
                single.Parameters[p].Value[i] = (float)small.Parameters[p].Value[i];
            }
        }

        var input = GradientCheck.Uniform(new Random(6), 5 * 6, 1.0);
        var expected = new double[input.Length];
        var actual = new float[input.Length];
        small.Forward(input, expected, 5);
        single.Forward([.. input.Select(v => (float)v)], actual, 5);
        // Each solve picks its own step sizes from its own error estimate, so the two differ by the scheme's truncation
        // error at slightly different steps (about 1e-4 here), far above float rounding in the products.
        for (var i = 0; i < input.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 3e-4);
        }
    }

    /// <summary><c>dy/dt = forcing · t − rate · y</c>, element-wise.</summary>
    private sealed class LinearDecay(int size, double rate, double forcing = 0) : IOdeVectorField<double>
    {
        public int StateSize => size;

        public void Evaluate(int evaluation, double time, ReadOnlySpan<double> state, Span<double> derivative, int batch)
        {
            for (var i = 0; i < batch * size; i++)
            {
                derivative[i] = forcing * time - rate * state[i];
            }
        }

        public void Backward(int evaluation, ReadOnlySpan<double> derivativeGradient, Span<double> stateGradient, int batch)
        {
            for (var i = 0; i < batch * size; i++)
            {
                stateGradient[i] = -rate * derivativeGradient[i];
            }
        }
    }
}
