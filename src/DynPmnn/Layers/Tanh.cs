using System.Numerics;
using System.Numerics.Tensors;
using DynPmnn.Tensors;

namespace DynPmnn.Layers;

/// <summary>The hyperbolic tangent, element-wise.</summary>
public sealed class Tanh<T>(int size) : Activation<T>(size)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override string Name => "Tanh";

    protected override void Apply(ReadOnlySpan<T> input, Span<T> output) => Elementwise.Tanh(input, output);

    protected override void Differentiate(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
    {
        // tanh' = 1 − tanh², read from the output instead of recomputing tanh.
        TensorPrimitives.Multiply(output, output, inputGradient);
        TensorPrimitives.Subtract(T.One, inputGradient, inputGradient);
        TensorPrimitives.Multiply(inputGradient, outputGradient, inputGradient);
    }
}
