using System.Numerics;
using System.Numerics.Tensors;
using DynPmnn.Tensors;

namespace DynPmnn.Layers;

/// <summary>The logistic function <c>1 / (1 + e^−x)</c>, element-wise.</summary>
public sealed class Sigmoid<T>(int size) : Activation<T>(size)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override string Name => "Sigmoid";

    protected override void Apply(ReadOnlySpan<T> input, Span<T> output) => Elementwise.Sigmoid(input, output);

    protected override void Differentiate(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
    {
        // σ' = σ (1 − σ), read from the output.
        TensorPrimitives.Subtract(T.One, output, inputGradient);
        TensorPrimitives.Multiply(inputGradient, output, inputGradient);
        TensorPrimitives.Multiply(inputGradient, outputGradient, inputGradient);
    }
}
