using BenchmarkDotNet.Attributes;
using DynPmnn.Neurons;
using DynPmnn.Neurons.Zoo;

namespace DynPmnn.Benchmarks;

/// <summary>
/// The paper's FitzHugh–Nagumo with explicit Euler over one block of N neurons (one unit × a batch of N), one core.
/// Throughput in neuron-steps per second is N · Steps / mean time; the Program prints it after the run.
/// </summary>
[MemoryDiagnoser]
public class NeuronStepBenchmarks
{
    public const int Steps = 16;

    private float[] states = [];
    private float[] initial = [];
    private float[] inputs = [];
    private float[] adjoint = [];
    private float[] tape = [];
    private float[] parameterGradient = [];
    private float[] inputGradient = [];
    private readonly float[] parameters = [0.2f, 0.02f, 3.0f];

    [Params(4_096, 65_536)]
    public int Neurons { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        initial = [.. Enumerable.Range(0, 2 * Neurons).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        states = (float[])initial.Clone();
        inputs = [.. Enumerable.Range(0, Neurons).Select(_ => (float)(random.NextDouble() * 0.1))];
        adjoint = new float[2 * Neurons];
        tape = new float[NeuronBuffers.TapeLength(2, Steps, Neurons)];
        parameterGradient = new float[3];
        inputGradient = new float[Neurons];
    }

    [Benchmark(Description = "Euler forward")]
    public void Forward()
    {
        initial.AsSpan().CopyTo(states);
        FitzHughNagumo.Integrate(Integrator.Euler, 0.1f, Steps, Neurons, states, parameters, inputs);
    }

    [Benchmark(Description = "Euler forward + backward")]
    public void ForwardBackward()
    {
        initial.AsSpan().CopyTo(states);
        FitzHughNagumo.Integrate(Integrator.Euler, 0.1f, Steps, Neurons, states, parameters, inputs);
        adjoint.AsSpan().Fill(1f);
        FitzHughNagumo.Backpropagate(Integrator.Euler, 0.1f, Steps, Neurons, initial, parameters, inputs, adjoint, parameterGradient, inputGradient);
    }

    [Benchmark(Description = "Euler forward + backward, tape")]
    public void ForwardBackwardFromTape()
    {
        initial.AsSpan().CopyTo(states);
        FitzHughNagumo.IntegrateRecording(Integrator.Euler, 0.1f, Steps, Neurons, states, parameters, inputs, tape);
        adjoint.AsSpan().Fill(1f);
        FitzHughNagumo.BackpropagateFromTape(Integrator.Euler, 0.1f, Steps, Neurons, tape, parameters, inputs, adjoint, parameterGradient, inputGradient);
    }
}
