using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using DynPmnn.CompilerServices;
using DynPmnn.Neurons;
using DynPmnn.Neurons.Zoo;

namespace DynPmnn.Benchmarks;

/// <summary>
/// The paper's FitzHugh–Nagumo with explicit Euler over one block of N neurons (one unit × a batch of N), one core.
/// Throughput in neuron-steps per second is N · Steps / mean time; the Program prints it after the run. Buffers start
/// on a 64-byte boundary, as the layers' are likely to be and as SIMD benchmarks assume: an unaligned tape costs its
/// path about a tenth (every step's store and load straddles two cache lines); the other paths touch the buffers once
/// per chunk and do not notice.
/// </summary>
[MemoryDiagnoser]
public class NeuronStepBenchmarks
{
    public const int Steps = 16;

    private Memory<float> states;
    private Memory<float> initial;
    private Memory<float> inputs;
    private Memory<float> adjoint;
    private Memory<float> tape;
    private Memory<float> parameterGradient;
    private Memory<float> inputGradient;
    private readonly float[] parameters = [0.2f, 0.02f, 3.0f];

    [Params(4_096, 65_536)]
    public int Neurons { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        initial = Aligned(2 * Neurons);
        states = Aligned(2 * Neurons);
        inputs = Aligned(Neurons);
        for (var k = 0; k < 2 * Neurons; k++)
        {
            initial.Span[k] = (float)((random.NextDouble() * 2) - 1);
        }

        for (var k = 0; k < Neurons; k++)
        {
            inputs.Span[k] = (float)(random.NextDouble() * 0.1);
        }

        adjoint = Aligned(2 * Neurons);
        tape = Aligned(NeuronBuffers.TapeLength(2, Steps, Neurons));
        parameterGradient = Aligned(3);
        inputGradient = Aligned(Neurons);
    }

    /// <summary>A zeroed buffer of <paramref name="length"/> floats on a 64-byte boundary (pinned, so it stays there).</summary>
    private static Memory<float> Aligned(int length)
    {
        var array = GC.AllocateArray<float>(length + 16, pinned: true);
        var offset = Unsafe.ByteOffset(ref array[0], ref NeuronBuffers.AlignToCacheLine(ref array[0])) / sizeof(float);
        return array.AsMemory((int)offset, length);
    }

    [Benchmark(Description = "Euler forward")]
    public void Forward()
    {
        initial.Span.CopyTo(states.Span);
        FitzHughNagumo.Integrate(Integrator.Euler, 0.1f, Steps, Neurons, states.Span, parameters, inputs.Span);
    }

    [Benchmark(Description = "Euler forward + backward")]
    public void ForwardBackward()
    {
        initial.Span.CopyTo(states.Span);
        FitzHughNagumo.Integrate(Integrator.Euler, 0.1f, Steps, Neurons, states.Span, parameters, inputs.Span);
        adjoint.Span.Fill(1f);
        FitzHughNagumo.Backpropagate(Integrator.Euler, 0.1f, Steps, Neurons, initial.Span, parameters, inputs.Span, adjoint.Span, parameterGradient.Span, inputGradient.Span);
    }

    [Benchmark(Description = "Euler forward + backward, tape")]
    public void ForwardBackwardFromTape()
    {
        initial.Span.CopyTo(states.Span);
        FitzHughNagumo.IntegrateRecording(Integrator.Euler, 0.1f, Steps, Neurons, states.Span, parameters, inputs.Span, tape.Span);
        adjoint.Span.Fill(1f);
        FitzHughNagumo.BackpropagateFromTape(Integrator.Euler, 0.1f, Steps, Neurons, tape.Span, parameters, inputs.Span, adjoint.Span, parameterGradient.Span, inputGradient.Span);
    }
}
