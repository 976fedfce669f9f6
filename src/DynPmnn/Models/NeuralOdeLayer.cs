using System.Numerics;
using DynPmnn.Layers;

namespace DynPmnn.Models;

/// <summary>
/// The Neural ODE block of the paper's NODE baseline: maps <c>h(0)</c> to <c>h(1)</c> for
/// <c>dh/dt = MLP(LayerNorm([h, t]))</c> (see <see cref="NeuralOdeVectorField{T}"/>), integrated by a
/// <see cref="RungeKuttaSolver{T}"/> and differentiated through the steps it took.
/// </summary>
public sealed class NeuralOdeLayer<T> : Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A layer with zero weights, for callers that set them themselves.</summary>
    public NeuralOdeLayer(int size, int layers, OdeSolverOptions? solver = null)
        : this(new NeuralOdeVectorField<T>(size, layers), solver)
    {
    }

    /// <summary>A layer whose dense layers are initialised like <c>nn.Linear</c> from <paramref name="random"/>.</summary>
    public NeuralOdeLayer(int size, int layers, OdeSolverOptions? solver, Random random)
        : this(new NeuralOdeVectorField<T>(size, layers, random), solver)
    {
    }

    private NeuralOdeLayer(NeuralOdeVectorField<T> field, OdeSolverOptions? solver)
    {
        Field = field;
        Solver = new RungeKuttaSolver<T>(solver ?? new OdeSolverOptions());
    }

    /// <summary>The right-hand side, whose parameters are this layer's.</summary>
    public NeuralOdeVectorField<T> Field { get; }

    /// <summary>The integrator, with the statistics of the last forward pass and the step-size freeze.</summary>
    public RungeKuttaSolver<T> Solver { get; }

    public override int InputSize => Field.StateSize;

    public override int OutputSize => Field.StateSize;

    public override IReadOnlyList<Parameter<T>> Parameters => Field.Parameters;

    public override string Description
    {
        get
        {
            var options = Solver.Options;
            var method = options.Method == OdeSolverMethod.Rk4
                ? $"rk4 × {options.Steps}"
                : $"dopri5 rtol {options.RelativeTolerance:G3} atol {options.AbsoluteTolerance:G3}";
            return $"NeuralOde({Field.StateSize}, {Field.Layers} layers, {method})";
        }
    }

    public override void Forward(ReadOnlySpan<T> input, Span<T> output, int batch)
    {
        BufferChecks.Require(input.Length, batch, InputSize, nameof(input));
        BufferChecks.Require(output.Length, batch, OutputSize, nameof(output));
        Solver.Solve(Field, input, output, batch);
    }

    public override void Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient, int batch)
    {
        BufferChecks.Require(outputGradient.Length, batch, OutputSize, nameof(outputGradient));
        BufferChecks.Require(inputGradient.Length, batch, InputSize, nameof(inputGradient));
        Solver.Backward(Field, outputGradient, inputGradient, batch);
    }
}
