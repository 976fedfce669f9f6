using System.Numerics;

namespace DynPmnn.Layers;

/// <summary>
/// One step of a network as a pair of explicit functions over row-major <c>[batch, features]</c> buffers, in the
/// style of llm.c: no tape, the gradient math written out in each layer.
/// </summary>
/// <typeparam name="T"><see cref="float"/> to train, <see cref="double"/> to check gradients against finite differences on the same code.</typeparam>
public abstract class Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public abstract int InputSize { get; }

    public abstract int OutputSize { get; }

    /// <summary>The layer's trainable tensors, in a stable order.</summary>
    public virtual IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>A short human-readable description, such as <c>Dense(8 → 2)</c>.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Computes <paramref name="output"/> (<c>batch × OutputSize</c>) from <paramref name="input"/> (<c>batch × InputSize</c>)
    /// and keeps whatever <see cref="Backward"/> needs in buffers of its own, grown to the largest batch seen.
    /// </summary>
    public abstract void Forward(ReadOnlySpan<T> input, Span<T> output, int batch);

    /// <summary>
    /// Given the loss gradient with respect to the last <see cref="Forward"/>'s output, adds the parameter gradients to
    /// <see cref="Parameter{T}.Gradient"/> and writes the gradient with respect to the input into
    /// <paramref name="inputGradient"/>. <paramref name="input"/> and <paramref name="output"/> are the buffers of that
    /// forward pass.
    /// </summary>
    public abstract void Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient, int batch);

    public override string ToString() => Description;
}
