using DynPmnn.CompilerServices;
using DynPmnn.Dynamics;
using DynPmnn.Layers;
using DynPmnn.Neurons;
using DynPmnn.Neurons.Zoo;

namespace DynPmnn.Tests.Dynamics;

/// <summary>An ODE layer's traced trajectories are the forward pass's own states, bit for bit, at every step.</summary>
public sealed class LayerTrajectoriesTests
{
    // More rows than one block holds, so the traced rows come from different blocks of the forward pass.
    private const int Rows = OdeLayer<FitzHughNagumo, float>.RowsPerBlock + 77;
    private const int Steps = 6;

    private static readonly int[] Traced = [Rows - 1, 0, 517, OdeLayer<FitzHughNagumo, float>.RowsPerBlock, 3];

    public static TheoryData<Integrator, double?> Cases()
    {
        var cases = new TheoryData<Integrator, double?>();
        foreach (var scheme in Enum.GetValues<Integrator>())
        {
            cases.Add(scheme, null);
            cases.Add(scheme, 0.6);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryStepIsTheForwardPassOfThatManyStepsInFloat(Integrator scheme, double? clamp)
    {
        var input = Inputs(Rows, Layer<float>(scheme, clamp, Steps).InputSize).Select(v => (float)v).ToArray();
        var trajectories = Layer<float>(scheme, clamp, Steps).Trace(input, Rows, Traced);
        if (clamp is not null)
        {
            // The clamp cuts somewhere, or the test would not test it.
            Assert.Contains(Enumerable.Range(0, Traced.Length), r => trajectories.Trajectory(r, 1, 0).Skip(1).Any(v => Math.Abs(v) == 0.6f));
        }

        for (var steps = 1; steps <= Steps; steps++)
        {
            var layer = Layer<float>(scheme, clamp, steps);
            var output = new float[Rows * layer.OutputSize];
            layer.Forward(input, output, Rows);
            AssertSameBits(trajectories, steps, (row, unit, state) => output[(row * layer.OutputSize) + (unit * 2) + state]);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryStepIsTheForwardPassOfThatManyStepsInDouble(Integrator scheme, double? clamp)
    {
        var input = Inputs(Rows, Layer<double>(scheme, clamp, Steps).InputSize);
        var trajectories = Layer<double>(scheme, clamp, Steps).Trace(input, Rows, Traced);
        for (var steps = 1; steps <= Steps; steps++)
        {
            var layer = Layer<double>(scheme, clamp, steps);
            var output = new double[Rows * layer.OutputSize];
            layer.Forward(input, output, Rows);
            AssertSameBits(trajectories, steps, (row, unit, state) => output[(row * layer.OutputSize) + (unit * 2) + state]);
        }
    }

    [Theory]
    [InlineData(Integrator.Euler)]
    [InlineData(Integrator.RungeKutta4)]
    public void TheStatesAreTheTapeTheKernelRecordsForTheWholeBatch(Integrator scheme)
    {
        var layer = Layer<float>(scheme, clamp: null, Steps);
        var rows = 40;
        var input = Inputs(rows, layer.InputSize).Select(v => (float)v).ToArray();
        var every = Enumerable.Range(0, rows).ToArray();
        var trajectories = layer.Trace(input, rows, every);
        var parameters = layer.EffectiveParameters.ToArray();
        for (var unit = 0; unit < layer.Units; unit++)
        {
            // The layer's block for this unit: [state][row] initial states, [input][row] drives, as its forward pass gathers them.
            var states = new float[2 * rows];
            var drive = new float[rows];
            for (var r = 0; r < rows; r++)
            {
                states[r] = input[(r * layer.InputSize) + (unit * 3)];
                states[rows + r] = input[(r * layer.InputSize) + (unit * 3) + 1];
                drive[r] = input[(r * layer.InputSize) + (unit * 3) + 2];
            }

            var tape = new float[NeuronBuffers.TapeLength(2, Steps, rows)];
            Record<FitzHughNagumo>(scheme, 0.4f, rows, states, parameters.AsSpan(unit * 3, 3), drive, tape);
            for (var r = 0; r < rows; r++)
            {
                var start = NeuronBuffers.TapeTile(r, Steps, 2, rows, out var stride);
                for (var step = 0; step < Steps; step++)
                {
                    for (var s = 0; s < 2; s++)
                    {
                        Assert.Equal(tape[start + (((step * 2) + s) * stride)], (float)trajectories.State(r, unit, step, s));
                    }
                }

                Assert.Equal(states[r], (float)trajectories.State(r, unit, Steps, 0));
                Assert.Equal(states[rows + r], (float)trajectories.State(r, unit, Steps, 1));
            }
        }
    }

    [Fact]
    public void TheDriveIsRecordedAndRowsOutsideTheBatchAreRefused()
    {
        var layer = Layer<float>(Integrator.Euler, null, 2);
        var input = Inputs(4, layer.InputSize).Select(v => (float)v).ToArray();
        var trajectories = layer.Trace(input, 4, [2]);
        Assert.Equal(input[(2 * layer.InputSize) + 3 + 2], (float)trajectories.Inputs(0, 1)[0]);
        Assert.Equal([2], trajectories.Rows);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => layer.Trace(input, 4, [4]));
        Assert.Contains("row 4 is outside the batch of 4 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParametersShowTheTrainedValueBesideTheDefaultAndTheStart()
    {
        var layer = new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions
        {
            Units = 2,
            StatesFromFeatures = ["V", "W"],
            ParameterValues = new Dictionary<string, double> { ["G"] = 2.5, ["A"] = 0.1 },
            TrainedParameters = [new("G", ParameterConstraint.Positive)],
        });
        layer.Parameters[0].Value[1] = 1.0f;
        var parameters = layer.ParametersOf(1);
        Assert.Equal(["A", "B", "G"], parameters.Select(p => p.Name));
        Assert.Equal(new NeuronParameter("A", 0.1f, 0.2, 0.1, false), parameters[0]);
        Assert.Equal(0.02f, parameters[1].Value);
        Assert.Equal((float)Math.Log(1 + Math.E), parameters[2].Value, 6);
        Assert.Equal(3.0f, parameters[2].Default);
        Assert.Equal(2.5, parameters[2].Initial);
        Assert.True(parameters[2].IsTrained);
        Assert.Equal(2.5, layer.ParametersOf(0)[2].Value, 5);
    }

    private static void Record<TNeuron>(Integrator scheme, float dt, int rows, float[] states, ReadOnlySpan<float> parameters, float[] drive, float[] tape)
        where TNeuron : INeuron<TNeuron> =>
        TNeuron.IntegrateRecording(scheme, dt, Steps, rows, states, parameters, drive, tape);

    private static void AssertSameBits(LayerTrajectories trajectories, int step, Func<int, int, int, double> forward)
    {
        for (var r = 0; r < Traced.Length; r++)
        {
            for (var unit = 0; unit < trajectories.Units; unit++)
            {
                for (var state = 0; state < 2; state++)
                {
                    var expected = forward(Traced[r], unit, state);
                    var actual = trajectories.State(r, unit, step, state);
                    Assert.True(expected.Equals(actual), $"row {Traced[r]}, unit {unit}, step {step}, state {state}: forward {expected:R}, traced {actual:R}");
                }
            }
        }
    }

    private static OdeLayer<FitzHughNagumo, T> Layer<T>(Integrator scheme, double? clamp, int steps)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        new(new OdeLayerOptions
        {
            Units = 3,
            Integrator = scheme,
            Dt = 0.4,
            Steps = steps,
            StatesFromFeatures = ["V", "W"],
            InputsFromFeatures = ["I"],
            ParameterValues = new Dictionary<string, double> { ["B"] = 0.3, ["G"] = 1.5 },
            StateClamp = clamp,
        });

    private static double[] Inputs(int rows, int width)
    {
        var random = new Random(17);
        return [.. Enumerable.Range(0, rows * width).Select(_ => 1.6 * ((2 * random.NextDouble()) - 1))];
    }
}
