using System.Numerics;

namespace DynPmnn.Layers;

/// <summary>
/// A parameter-free function applied to every element independently; input and output have the same width.
/// Subclasses write <c>y = f(x)</c> and <c>dx = dy · f'(x)</c> over whole spans.
/// </summary>
public abstract class Activation<T> : Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected Activation(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
    }

    public int Size { get; }

    public override int InputSize => Size;

    public override int OutputSize => Size;

    /// <summary>The function's name, such as <c>Tanh</c>.</summary>
    protected abstract string Name { get; }

    public override string Description => $"{Name}({Size})";

    public sealed override void Forward(ReadOnlySpan<T> input, Span<T> output, int batch)
    {
        BufferChecks.Require(input.Length, batch, Size, nameof(input));
        BufferChecks.Require(output.Length, batch, Size, nameof(output));
        var length = batch * Size;
        Apply(input[..length], output[..length]);
    }

    public sealed override void Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient, int batch)
    {
        BufferChecks.Require(input.Length, batch, Size, nameof(input));
        BufferChecks.Require(output.Length, batch, Size, nameof(output));
        BufferChecks.Require(outputGradient.Length, batch, Size, nameof(outputGradient));
        BufferChecks.Require(inputGradient.Length, batch, Size, nameof(inputGradient));
        var length = batch * Size;
        Differentiate(input[..length], output[..length], outputGradient[..length], inputGradient[..length]);
    }

    /// <summary>Writes <c>f(x)</c>; all spans have the same length.</summary>
    protected abstract void Apply(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>Writes <c>dy · f'(x)</c>, given both <c>x</c> and <c>y = f(x)</c>; all spans have the same length.</summary>
    protected abstract void Differentiate(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient);
}
