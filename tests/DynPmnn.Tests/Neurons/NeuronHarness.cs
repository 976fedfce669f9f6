using DynPmnn.CompilerServices;
using DynPmnn.Neurons;

namespace DynPmnn.Tests.Neurons;

/// <summary>Random blocks of neurons and the scalar loss used to check generated gradients.</summary>
internal sealed class NeuronCase<TNeuron>
    where TNeuron : INeuron<TNeuron>
{
    public NeuronCase(int count, int seed, Func<int, Random, double> state, Func<int, Random, double>? parameter = null, Func<int, Random, double>? input = null)
    {
        Count = count;
        var random = new Random(seed);
        var descriptor = TNeuron.Descriptor;
        States = new double[TNeuron.StateCount * count];
        for (var s = 0; s < TNeuron.StateCount; s++)
        {
            for (var i = 0; i < count; i++)
            {
                States[(s * count) + i] = state(s, random);
            }
        }

        Parameters = new double[TNeuron.ParameterCount];
        for (var p = 0; p < Parameters.Length; p++)
        {
            var nominal = descriptor.ParameterDefaults[p];
            Parameters[p] = parameter?.Invoke(p, random) ?? nominal * (1 + (0.1 * ((2 * random.NextDouble()) - 1)));
        }

        Inputs = new double[TNeuron.InputCount * count];
        for (var k = 0; k < Inputs.Length; k++)
        {
            Inputs[k] = input?.Invoke(k, random) ?? (2 * random.NextDouble()) - 1;
        }

        Weights = new double[States.Length];
        for (var k = 0; k < Weights.Length; k++)
        {
            Weights[k] = (2 * random.NextDouble()) - 1;
        }
    }

    public int Count { get; }

    public double[] States { get; }

    public double[] Parameters { get; }

    public double[] Inputs { get; }

    /// <summary>The loss is Σ weights · final states, so its gradient with respect to the final states is the weights.</summary>
    public double[] Weights { get; }

    public double Loss(Integrator scheme, double dt, int steps, double[] states, double[] parameters, double[] inputs)
    {
        var x = (double[])states.Clone();
        TNeuron.Integrate(scheme, dt, steps, Count, x, parameters, inputs);
        double loss = 0;
        for (var k = 0; k < x.Length; k++)
        {
            loss += Weights[k] * x[k];
        }

        return loss;
    }

    public (double[] States, double[] Parameters, double[] Inputs) Gradients(Integrator scheme, double dt, int steps)
    {
        var adjoint = (double[])Weights.Clone();
        var parameterGradient = new double[Parameters.Length];
        var inputGradient = new double[Inputs.Length];
        TNeuron.Backpropagate(scheme, dt, steps, Count, States, Parameters, Inputs, adjoint, parameterGradient, inputGradient);

        // The same reverse pass from a tape the forward pass kept must give the same bits: it replays the same steps.
        var x = (double[])States.Clone();
        var tape = new double[NeuronBuffers.TapeLength(TNeuron.StateCount, steps, Count)];
        TNeuron.IntegrateRecording(scheme, dt, steps, Count, x, Parameters, Inputs, tape);
        var tapeAdjoint = (double[])Weights.Clone();
        var tapeParameterGradient = new double[Parameters.Length];
        var tapeInputGradient = new double[Inputs.Length];
        TNeuron.BackpropagateFromTape(scheme, dt, steps, Count, tape, Parameters, Inputs, tapeAdjoint, tapeParameterGradient, tapeInputGradient);
        Assert.Equal(adjoint, tapeAdjoint);
        Assert.Equal(parameterGradient, tapeParameterGradient);
        Assert.Equal(inputGradient, tapeInputGradient);
        return (adjoint, parameterGradient, inputGradient);
    }

    /// <summary>Compares every analytic gradient with a central difference of the double-precision forward pass.</summary>
    public void CheckGradients(Integrator scheme, double dt, int steps, double tolerance = 1e-6)
    {
        var (gStates, gParameters, gInputs) = Gradients(scheme, dt, steps);
        Compare("state", States, gStates);
        Compare("parameter", Parameters, gParameters);
        Compare("input", Inputs, gInputs);

        void Compare(string what, double[] values, double[] analytic)
        {
            for (var k = 0; k < values.Length; k++)
            {
                var original = values[k];
                var h = 1e-6 * Math.Max(1, Math.Abs(original));
                values[k] = original + h;
                var plus = Loss(scheme, dt, steps, States, Parameters, Inputs);
                values[k] = original - h;
                var minus = Loss(scheme, dt, steps, States, Parameters, Inputs);
                values[k] = original;
                var numeric = (plus - minus) / (2 * h);
                var scale = Math.Max(1, Math.Max(Math.Abs(numeric), Math.Abs(analytic[k])));
                Assert.True(
                    Math.Abs(numeric - analytic[k]) <= tolerance * scale,
                    $"{typeof(TNeuron).Name} {scheme} dt={dt} steps={steps}: d loss / d {what}[{k}] analytic {analytic[k]:R} vs central difference {numeric:R}");
            }
        }
    }
}
