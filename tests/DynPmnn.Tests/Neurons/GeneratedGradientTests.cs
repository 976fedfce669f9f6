using DynPmnn.Neurons;
using DynPmnn.Neurons.Zoo;

namespace DynPmnn.Tests.Neurons;

/// <summary>Every generated reverse-mode step against central finite differences, in double precision, one step and many.</summary>
public sealed class GeneratedGradientTests
{
    public static TheoryData<Integrator, int> Schemes()
    {
        var data = new TheoryData<Integrator, int>();
        foreach (var scheme in Enum.GetValues<Integrator>())
        {
            data.Add(scheme, 1);
            data.Add(scheme, 12);

            // More than one 32-step segment: the backward pass recomputes from checkpoints.
            data.Add(scheme, 75);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void PaperFitzHughNagumo(Integrator scheme, int steps) =>
        new NeuronCase<FitzHughNagumo>(7, 1, (_, r) => (2 * r.NextDouble()) - 1).CheckGradients(scheme, 0.5, steps);

    [Theory]
    [MemberData(nameof(Schemes))]
    public void ClassicFitzHughNagumo(Integrator scheme, int steps) =>
        new NeuronCase<FitzHughNagumoClassic>(5, 2, (_, r) => (4 * r.NextDouble()) - 2).CheckGradients(scheme, 0.1, steps);

    [Theory]
    [MemberData(nameof(Schemes))]
    public void HodgkinHuxley(Integrator scheme, int steps)
    {
        // Membrane potentials around the resting state, gates in (0, 1); dt in ms.
        var neurons = new NeuronCase<HodgkinHuxley>(
            6,
            3,
            (s, r) => s == 0 ? -75 + (30 * r.NextDouble()) : 0.05 + (0.6 * r.NextDouble()),
            input: (_, r) => 10 * r.NextDouble());
        neurons.CheckGradients(scheme, 0.01, steps, tolerance: 2e-6);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void HodgkinHuxleyAtTheRemovableSingularities(Integrator scheme, int steps)
    {
        // αₘ is 0/0 at V = −40 mV and αₙ at V = −55 mV as written: every element starts exactly on one of them.
        var potentials = new[] { -40.0, -55.0, -40.0, -55.0 };
        var neurons = new NeuronCase<HodgkinHuxley>(4, 4, (s, r) => s == 0 ? potentials[Math.Min(3, (int)(r.NextDouble() * 4))] : 0.3, input: (_, _) => 0);
        for (var i = 0; i < 4; i++)
        {
            neurons.States[i] = potentials[i];
        }

        neurons.CheckGradients(scheme, 1e-3, steps, tolerance: 2e-6);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void LeakyIntegrator(Integrator scheme, int steps) =>
        new NeuronCase<LeakyIntegrator>(9, 5, (_, r) => (2 * r.NextDouble()) - 1).CheckGradients(scheme, 0.2, steps);

    [Theory]
    [MemberData(nameof(Schemes))]
    public void ConditionalAndTanh(Integrator scheme, int steps) =>
        new NeuronCase<GatedTanh>(8, 6, (_, r) => (2 * r.NextDouble()) - 1).CheckGradients(scheme, 0.1, steps);

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Izhikevich(Integrator scheme, int steps) =>
        new NeuronCase<Izhikevich>(5, 7, (s, r) => s == 0 ? -70 + (10 * r.NextDouble()) : -14 + r.NextDouble(), input: (_, r) => 5 * r.NextDouble()).CheckGradients(scheme, 0.05, steps);

    [Theory]
    [MemberData(nameof(Schemes))]
    public void MorrisLecar(Integrator scheme, int steps) =>
        new NeuronCase<MorrisLecar>(5, 8, (s, r) => s == 0 ? -40 + (30 * r.NextDouble()) : r.NextDouble() * 0.5, input: (_, r) => 40 + (20 * r.NextDouble())).CheckGradients(scheme, 0.5, steps);

    [Theory]
    [MemberData(nameof(Schemes))]
    public void HindmarshRose(Integrator scheme, int steps) =>
        new NeuronCase<HindmarshRose>(5, 9, (_, r) => (2 * r.NextDouble()) - 1, input: (_, r) => 3 * r.NextDouble()).CheckGradients(scheme, 0.05, steps);

    [Theory]
    [MemberData(nameof(Schemes))]
    public void NeuronWithoutParametersOrInputs(Integrator scheme, int steps) =>
        new NeuronCase<Oscillator>(3, 10, (_, r) => (2 * r.NextDouble()) - 1).CheckGradients(scheme, 0.1, steps);

    [Fact]
    public void HodgkinHuxleyRatesTakeTheirLimitsAtZeroOverZero()
    {
        // At V = −55 mV: αₙ → 0.01 · 10 = 0.1 per ms, so dN/dt = 0.1 (1 − N) − βₙ N with βₙ = 0.125 e^(−10/80).
        Span<double> derivatives = stackalloc double[4];
        var parameters = Defaults<HodgkinHuxley>();
        INeuronPoint<HodgkinHuxley>.Evaluate([-55, 0.2, 0.5, 0.3], parameters, [0], derivatives);
        var betaN = 0.125 * Math.Exp(-10.0 / 80);
        Assert.Equal((0.1 * 0.7) - (betaN * 0.3), derivatives[3], 6);

        // At V = −40 mV: αₘ → 0.1 · 10 = 1 per ms.
        INeuronPoint<HodgkinHuxley>.Evaluate([-40, 0.2, 0.5, 0.3], parameters, [0], derivatives);
        var betaM = 4 * Math.Exp(-25.0 / 18);
        Assert.Equal((1.0 * 0.8) - (betaM * 0.2), derivatives[1], 6);
    }

    [Fact]
    public void AnalyticJacobianMatchesFiniteDifferences()
    {
        CheckJacobian<FitzHughNagumo>([0.3, -0.2], [1.0]);
        CheckJacobian<HodgkinHuxley>([-55, 0.2, 0.5, 0.3], [3.0]);
        CheckJacobian<MorrisLecar>([-20, 0.1], [45]);
        CheckJacobian<GatedTanh>([0.4, -0.1], [0.2]);
        CheckJacobian<WideRing>([.. Enumerable.Range(0, 120).Select(i => Math.Sin(i))], [0.3]);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void NeuronWithAHundredAndTwentyStates(Integrator scheme, int steps) =>
        new NeuronCase<WideRing>(3, 9, (_, r) => (2 * r.NextDouble()) - 1).CheckGradients(scheme, 0.05, steps);

    private static double[] Defaults<TNeuron>()
        where TNeuron : INeuron<TNeuron> => [.. TNeuron.Descriptor.ParameterDefaults];

    private static void CheckJacobian<TNeuron>(double[] state, double[] inputs)
        where TNeuron : INeuron<TNeuron>
    {
        var n = TNeuron.StateCount;
        var parameters = Defaults<TNeuron>();
        var jacobian = new double[n * n];
        TNeuron.EvaluateJacobian(state, parameters, inputs, jacobian);
        var plus = new double[n];
        var minus = new double[n];
        for (var j = 0; j < n; j++)
        {
            var h = 1e-6 * Math.Max(1, Math.Abs(state[j]));
            var x = (double[])state.Clone();
            x[j] += h;
            TNeuron.EvaluateRightHandSide(x, parameters, inputs, plus);
            x[j] -= 2 * h;
            TNeuron.EvaluateRightHandSide(x, parameters, inputs, minus);
            for (var i = 0; i < n; i++)
            {
                var numeric = (plus[i] - minus[i]) / (2 * h);
                Assert.True(Math.Abs(numeric - jacobian[(i * n) + j]) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"{typeof(TNeuron).Name}: J[{i},{j}] = {jacobian[(i * n) + j]} vs {numeric}");
            }
        }
    }
}

/// <summary>Calls the generated single-point right-hand side through the interface.</summary>
internal static class INeuronPoint<TNeuron>
    where TNeuron : INeuron<TNeuron>
{
    public static void Evaluate(ReadOnlySpan<double> states, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, Span<double> derivatives) =>
        TNeuron.EvaluateRightHandSide(states, parameters, inputs, derivatives);
}
