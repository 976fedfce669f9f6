using System.Numerics;

namespace DynPmnn.Layers;

/// <summary>
/// Layers applied one after another. Owns the activations between them and the gradients flowing back through them,
/// grown to the largest batch seen, and names every child parameter <c>{index}.{name}</c> (for example
/// <c>0.weight</c>, <c>1.gamma</c>) so each is unique within the network.
/// </summary>
public sealed class Sequential<T> : Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Layer<T>[] layers;
    private readonly Parameter<T>[] parameters;

    // activations[i] is the output of layers[i] and gradients[i] the loss gradient with respect to it, for every layer
    // but the last, whose output and gradient belong to the caller.
    private readonly T[][] activations;
    private readonly T[][] gradients;

    public Sequential(params Layer<T>[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
        {
            throw new ArgumentException("A Sequential needs at least one layer.", nameof(layers));
        }

        for (var i = 0; i < layers.Length; i++)
        {
            if (layers[i] is null)
            {
                throw new ArgumentException($"Layer {i} is null.", nameof(layers));
            }

            if (i > 0 && layers[i].InputSize != layers[i - 1].OutputSize)
            {
                throw new ArgumentException(
                    $"Layer {i} ({layers[i].Description}) takes {layers[i].InputSize} inputs but layer {i - 1} ({layers[i - 1].Description}) gives {layers[i - 1].OutputSize}.",
                    nameof(layers));
            }
        }

        this.layers = (Layer<T>[])layers.Clone();
        var named = new List<Parameter<T>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Length; i++)
        {
            foreach (var parameter in layers[i].Parameters)
            {
                var renamed = parameter.WithName($"{i}.{parameter.Name}");
                if (!seen.Add(renamed.Name))
                {
                    throw new ArgumentException($"Two parameters of layer {i} are both named '{parameter.Name}'.", nameof(layers));
                }

                named.Add(renamed);
            }
        }

        parameters = [.. named];
        activations = new T[layers.Length - 1][];
        gradients = new T[layers.Length - 1][];
        for (var i = 0; i < activations.Length; i++)
        {
            activations[i] = [];
            gradients[i] = [];
        }
    }

    /// <summary>The layers, in the order they are applied.</summary>
    public IReadOnlyList<Layer<T>> Layers => layers;

    public override int InputSize => layers[0].InputSize;

    public override int OutputSize => layers[^1].OutputSize;

    public override IReadOnlyList<Parameter<T>> Parameters => parameters;

    public override string Description => $"Sequential({string.Join(", ", layers.Select(l => l.Description))})";

    public override void Forward(ReadOnlySpan<T> input, Span<T> output, int batch)
    {
        BufferChecks.Require(input.Length, batch, InputSize, nameof(input));
        BufferChecks.Require(output.Length, batch, OutputSize, nameof(output));
        for (var i = 0; i < activations.Length; i++)
        {
            BufferChecks.Grow(ref activations[i], batch * layers[i].OutputSize);
            BufferChecks.Grow(ref gradients[i], batch * layers[i].OutputSize);
        }

        for (var i = 0; i < layers.Length; i++)
        {
            var layerInput = i == 0 ? input : activations[i - 1];
            var layerOutput = i == layers.Length - 1 ? output : activations[i];
            layers[i].Forward(layerInput, layerOutput, batch);
        }
    }

    public override void Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient, int batch)
    {
        BufferChecks.Require(outputGradient.Length, batch, OutputSize, nameof(outputGradient));
        BufferChecks.Require(inputGradient.Length, batch, InputSize, nameof(inputGradient));
        for (var i = layers.Length - 1; i >= 0; i--)
        {
            ReadOnlySpan<T> layerInput = i == 0 ? input : activations[i - 1];
            ReadOnlySpan<T> layerOutput = i == layers.Length - 1 ? output : activations[i];
            ReadOnlySpan<T> layerOutputGradient = i == layers.Length - 1 ? outputGradient : gradients[i];
            var layerInputGradient = i == 0 ? inputGradient : gradients[i - 1];
            layers[i].Backward(layerInput, layerOutput, layerOutputGradient, layerInputGradient, batch);
        }
    }
}
