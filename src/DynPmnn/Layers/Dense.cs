using System.Numerics;
using System.Numerics.Tensors;
using DynPmnn.Tensors;

namespace DynPmnn.Layers;

/// <summary>
/// An affine map <c>y = x · Wᵀ + b</c> with <c>W</c> of shape <c>[out, in]</c>, the layout and initialisation of
/// PyTorch's <c>nn.Linear</c>, so weights can be compared with or imported from it.
/// </summary>
public sealed class Dense<T> : Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] parameters;

    /// <summary>A layer with zero weights and bias, for callers that set them themselves.</summary>
    public Dense(int inputSize, int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputSize);
        InputSize = inputSize;
        OutputSize = outputSize;
        Weight = new Parameter<T>("weight", outputSize, inputSize);
        Bias = new Parameter<T>("bias", outputSize);
        parameters = [Weight, Bias];
    }

    /// <summary>A layer initialised like <c>nn.Linear</c> (see <see cref="ResetParameters"/>) from <paramref name="random"/>.</summary>
    public Dense(int inputSize, int outputSize, Random random)
        : this(inputSize, outputSize)
    {
        ResetParameters(random);
    }

    public override int InputSize { get; }

    public override int OutputSize { get; }

    /// <summary>The weight, shape <c>[OutputSize, InputSize]</c>, row-major.</summary>
    public Parameter<T> Weight { get; }

    /// <summary>The bias, shape <c>[OutputSize]</c>.</summary>
    public Parameter<T> Bias { get; }

    public override IReadOnlyList<Parameter<T>> Parameters => parameters;

    public override string Description => $"Dense({InputSize} → {OutputSize})";

    /// <summary>
    /// PyTorch's default: <c>kaiming_uniform_(a = √5)</c> on the weight, which works out to
    /// <c>U(−1/√in, 1/√in)</c>, and the same bound for the bias. Weights are drawn first, row by row, then the bias.
    /// </summary>
    public void ResetParameters(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var bound = 1.0 / Math.Sqrt(InputSize);
        FillUniform(Weight.Value, bound, random);
        FillUniform(Bias.Value, bound, random);
    }

    public override void Forward(ReadOnlySpan<T> input, Span<T> output, int batch)
    {
        BufferChecks.Require(input.Length, batch, InputSize, nameof(input));
        BufferChecks.Require(output.Length, batch, OutputSize, nameof(output));
        MatrixMultiply.MultiplyTransposedB<T>(input, Weight.Value, Bias.Value, output, batch, InputSize, OutputSize);
    }

    public override void Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient, int batch)
    {
        BufferChecks.Require(input.Length, batch, InputSize, nameof(input));
        BufferChecks.Require(outputGradient.Length, batch, OutputSize, nameof(outputGradient));
        BufferChecks.Require(inputGradient.Length, batch, InputSize, nameof(inputGradient));

        // y[r, o] = Σ_i x[r, i] W[o, i] + b[o], so
        //   ∂L/∂W[o, i] = Σ_r dy[r, o] x[r, i]   (dW += dyᵀ · x)
        //   ∂L/∂b[o]    = Σ_r dy[r, o]
        //   ∂L/∂x[r, i] = Σ_o dy[r, o] W[o, i]   (dx = dy · W)
        MatrixMultiply.MultiplyAccumulateTransposedA(outputGradient, input, Weight.Gradient, batch, OutputSize, InputSize);
        var biasGradient = Bias.Gradient.AsSpan();
        for (var r = 0; r < batch; r++)
        {
            TensorPrimitives.Add(biasGradient, outputGradient.Slice(r * OutputSize, OutputSize), biasGradient);
        }

        MatrixMultiply.Multiply<T>(outputGradient, Weight.Value, inputGradient, batch, OutputSize, InputSize);
    }

    private static void FillUniform(T[] values, double bound, Random random)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateChecked((2 * random.NextDouble() - 1) * bound);
        }
    }
}
