using DynPmnn.CompilerServices;
using DynPmnn.Neurons;
using DynPmnn.Neurons.Zoo;

namespace DynPmnn.Tests.Neurons;

/// <summary>The vectorised float kernels (all widths plus the scalar tail) agree with the scalar double path.</summary>
public sealed class VectorisedAgreementTests
{
    public static TheoryData<int, Integrator> Sizes()
    {
        var data = new TheoryData<int, Integrator>();
        foreach (var count in new[] { 1, 3, 15, 16, 17, 33, 64, 65, 100 })
        {
            foreach (var scheme in Enum.GetValues<Integrator>())
            {
                data.Add(count, scheme);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void PaperFitzHughNagumo(int count, Integrator scheme) =>
        Agree<FitzHughNagumo>(count, scheme, dt: 0.5, steps: 8, (_, r) => (2 * r.NextDouble()) - 1);

    /// <summary>
    /// 75 steps are three checkpoint segments of the recomputing reverse pass: the chunks carry their adjoints and
    /// gradient sums from one segment to the next, and must still give the tape's bits.
    /// </summary>
    [Theory]
    [InlineData(17, Integrator.Euler)]
    [InlineData(100, Integrator.Euler)]
    [InlineData(100, Integrator.Heun)]
    [InlineData(100, Integrator.RungeKutta4)]
    public void PaperFitzHughNagumoOverSeveralSegments(int count, Integrator scheme) =>
        Agree<FitzHughNagumo>(count, scheme, dt: 0.1, steps: 75, (_, r) => (2 * r.NextDouble()) - 1);

    [Theory]
    [MemberData(nameof(Sizes))]
    public void HodgkinHuxley(int count, Integrator scheme) =>
        Agree<HodgkinHuxley>(count, scheme, dt: 0.01, steps: 10, (s, r) => s == 0 ? -70 + (30 * r.NextDouble()) : 0.1 + (0.5 * r.NextDouble()));

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ConditionalAndTanh(int count, Integrator scheme) =>
        Agree<GatedTanh>(count, scheme, dt: 0.1, steps: 8, (_, r) => (2 * r.NextDouble()) - 1);

    private static void Agree<TNeuron>(int count, Integrator scheme, double dt, int steps, Func<int, Random, double> state)
        where TNeuron : INeuron<TNeuron>
    {
        var neurons = new NeuronCase<TNeuron>(count, count * 31, state);

        var x64 = (double[])neurons.States.Clone();
        TNeuron.Integrate(scheme, dt, steps, count, x64, neurons.Parameters, neurons.Inputs);
        var a64 = (double[])neurons.Weights.Clone();
        var gp64 = new double[TNeuron.ParameterCount];
        var gi64 = new double[neurons.Inputs.Length];
        TNeuron.Backpropagate(scheme, dt, steps, count, neurons.States, neurons.Parameters, neurons.Inputs, a64, gp64, gi64);

        var x32 = ToSingle(neurons.States);
        var p32 = ToSingle(neurons.Parameters);
        var i32 = ToSingle(neurons.Inputs);
        var initial32 = ToSingle(neurons.States);
        TNeuron.Integrate(scheme, (float)dt, steps, count, x32, p32, i32);
        var a32 = ToSingle(neurons.Weights);
        var gp32 = new float[TNeuron.ParameterCount];
        var gi32 = new float[neurons.Inputs.Length];
        TNeuron.Backpropagate(scheme, (float)dt, steps, count, initial32, p32, i32, a32, gp32, gi32);

        // From a recorded tape the vectorised float path gives the same bits as recomputing.
        var recorded = ToSingle(neurons.States);
        var tape = new float[NeuronBuffers.TapeLength(TNeuron.StateCount, steps, count)];
        TNeuron.IntegrateRecording(scheme, (float)dt, steps, count, recorded, p32, i32, tape);
        Assert.Equal(x32, recorded);
        var aTape = ToSingle(neurons.Weights);
        var gpTape = new float[TNeuron.ParameterCount];
        var giTape = new float[neurons.Inputs.Length];
        TNeuron.BackpropagateFromTape(scheme, (float)dt, steps, count, tape, p32, i32, aTape, gpTape, giTape);
        Assert.Equal(a32, aTape);
        Assert.Equal(gp32, gpTape);
        Assert.Equal(gi32, giTape);

        Close("final state", x64, x32, 2e-4);
        Close("state gradient", a64, a32, 1e-3);
        Close("parameter gradient", gp64, gp32, 1e-3);
        Close("input gradient", gi64, gi32, 1e-3);
    }

    private static float[] ToSingle(double[] values) => [.. values.Select(v => (float)v)];

    private static void Close(string what, double[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1, expected.Select(Math.Abs).DefaultIfEmpty(0).Max());
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(float.IsFinite(actual[k]), $"{what}[{k}] is {actual[k]}");
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tolerance * scale, $"{what}[{k}]: double {expected[k]:R}, float {actual[k]:R}");
        }
    }
}
