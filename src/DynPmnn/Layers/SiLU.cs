using System.Numerics;
using System.Numerics.Tensors;
using DynPmnn.Tensors;

namespace DynPmnn.Layers;

/// <summary>The sigmoid-weighted linear unit <c>x · σ(x)</c> (also called swish), element-wise.</summary>
public sealed class SiLU<T>(int size) : Activation<T>(size)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override string Name => "SiLU";

    protected override void Apply(ReadOnlySpan<T> input, Span<T> output)
    {
        Elementwise.Sigmoid(input, output);
        TensorPrimitives.Multiply(output, input, output);
    }

    protected override void Differentiate(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
    {
        // d/dx [x σ(x)] = σ + x σ (1 − σ) = σ + y (1 − σ) with y = x σ. σ is recomputed (into the gradient buffer)
        // rather than cached, because y / x is undefined at zero.
        Elementwise.Sigmoid(input, inputGradient);
        for (var i = 0; i < inputGradient.Length; i++)
        {
            var s = inputGradient[i];
            inputGradient[i] = outputGradient[i] * (s + output[i] * (T.One - s));
        }
    }
}
