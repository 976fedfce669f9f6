using System.Numerics;
using DynPmnn.Layers;

namespace DynPmnn.Dynamics;

/// <summary>What a layer inside a network receives: the forward pass of the layers before it.</summary>
public static class LayerInputs
{
    /// <summary>
    /// The input of <paramref name="network"/>'s layer <paramref name="layer"/> for <paramref name="rows"/> rows of
    /// <paramref name="features"/> (scaled as the network was trained on them), row-major, computed
    /// <paramref name="batchSize"/> rows at a time by the same layers' <see cref="Layer{T}.Forward"/>.
    /// </summary>
    public static T[] Of<T>(Sequential<T> network, int layer, ReadOnlySpan<T> features, int rows, int batchSize = 1024)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)layer, (uint)network.Layers.Count, nameof(layer));
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        BufferChecks.Require(features.Length, rows, network.InputSize, nameof(features));
        var width = network.Layers[layer].InputSize;
        var result = new T[(long)rows * width];
        if (layer == 0)
        {
            features.CopyTo(result);
            return result;
        }

        var before = network.Layers.Take(layer).ToArray();
        var buffers = before.Select(l => new T[Math.Min(rows, batchSize) * l.OutputSize]).ToArray();
        for (var first = 0; first < rows; first += batchSize)
        {
            var batch = Math.Min(batchSize, rows - first);
            ReadOnlySpan<T> input = features.Slice(first * network.InputSize, batch * network.InputSize);
            for (var i = 0; i < before.Length; i++)
            {
                var output = buffers[i].AsSpan(0, batch * before[i].OutputSize);
                before[i].Forward(input, output, batch);
                input = output;
            }

            input.CopyTo(result.AsSpan(first * width, batch * width));
        }

        return result;
    }
}
