using System.Numerics;

namespace DynPmnn.Layers;

/// <summary>
/// <c>max(x, 0)</c>, element-wise (NaN passes through); its derivative at exactly zero is taken as zero, as in PyTorch.
/// </summary>
public sealed class ReLU<T>(int size) : Activation<T>(size)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override string Name => "ReLU";

    protected override void Apply(ReadOnlySpan<T> input, Span<T> output)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<T>.Count <= input.Length; i += Vector<T>.Count)
            {
                var x = new Vector<T>(input[i..]);
                Vector.ConditionalSelect(Vector.LessThanOrEqual(x, Vector<T>.Zero), Vector<T>.Zero, x).CopyTo(output[i..]);
            }
        }

        for (; i < input.Length; i++)
        {
            output[i] = input[i] <= T.Zero ? T.Zero : input[i];
        }
    }

    protected override void Differentiate(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<T>.Count <= input.Length; i += Vector<T>.Count)
            {
                var positive = Vector.GreaterThan(new Vector<T>(input[i..]), Vector<T>.Zero);
                Vector.ConditionalSelect(positive, new Vector<T>(outputGradient[i..]), Vector<T>.Zero).CopyTo(inputGradient[i..]);
            }
        }

        for (; i < input.Length; i++)
        {
            inputGradient[i] = input[i] > T.Zero ? outputGradient[i] : T.Zero;
        }
    }
}
