using System.Numerics;
using System.Numerics.Tensors;

namespace DynPmnn.Layers;

/// <summary><c>max(x, 0)</c>, element-wise; its derivative at exactly zero is taken as zero, as in PyTorch.</summary>
public sealed class ReLU<T>(int size) : Activation<T>(size)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override string Name => "ReLU";

    protected override void Apply(ReadOnlySpan<T> input, Span<T> output) => TensorPrimitives.Max(input, T.Zero, output);

    protected override void Differentiate(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
    {
        for (var i = 0; i < input.Length; i++)
        {
            inputGradient[i] = input[i] > T.Zero ? outputGradient[i] : T.Zero;
        }
    }
}
