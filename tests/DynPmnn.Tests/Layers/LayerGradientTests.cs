using DynPmnn.Layers;

namespace DynPmnn.Tests.Layers;

public class LayerGradientTests
{
    [Theory]
    [InlineData(3, 5, 4)]
    [InlineData(1, 1, 1)]
    [InlineData(17, 9, 3)] // k spans whole vectors and a scalar tail
    [InlineData(5, 37, 2)] // n spans four-vector tiles, a one-vector tile and a scalar tail in the backward products
    public void Dense(int inputSize, int outputSize, int batch)
        => GradientCheck.Check(new Dense<double>(inputSize, outputSize, new Random(7)), batch);

    [Fact]
    public void LayerNormWithNonTrivialScaleAndShift()
    {
        var layer = new LayerNorm<double>(6);
        var random = new Random(3);
        layer.Gamma.Value.AsSpan().Set(GradientCheck.Uniform(random, 6, 2.0));
        layer.Beta.Value.AsSpan().Set(GradientCheck.Uniform(random, 6, 2.0));
        GradientCheck.Check(layer, batch: 5, inputScale: 3.0);
    }

    [Fact]
    public void Tanh() => GradientCheck.Check(new Tanh<double>(7), batch: 3, inputScale: 2.0);

    [Fact]
    public void Sigmoid() => GradientCheck.Check(new Sigmoid<double>(7), batch: 3, inputScale: 3.0);

    [Fact]
    public void ReLU() => GradientCheck.Check(new ReLU<double>(7), batch: 3, inputScale: 2.0);

    [Fact]
    public void SiLU() => GradientCheck.Check(new SiLU<double>(7), batch: 3, inputScale: 3.0);

    [Fact]
    public void SequentialOfSeveralLayers()
    {
        var random = new Random(11);
        var network = new Sequential<double>(
            new Dense<double>(5, 7, random),
            new LayerNorm<double>(7),
            new SiLU<double>(7),
            new Dense<double>(7, 4, random),
            new Tanh<double>(4),
            new Dense<double>(4, 6, random),
            new Sigmoid<double>(6),
            new Dense<double>(6, 3, random),
            new ReLU<double>(3),
            new Dense<double>(3, 2, random));
        GradientCheck.Check(network, batch: 4, inputScale: 2.0);
    }

    [Fact]
    public void NestedSequential()
    {
        var random = new Random(5);
        var inner = new Sequential<double>(new Dense<double>(3, 4, random), new Tanh<double>(4));
        var network = new Sequential<double>(inner, new Dense<double>(4, 2, random));
        GradientCheck.Check(network, batch: 3);
        Assert.Equal(["0.0.weight", "0.0.bias", "1.weight", "1.bias"], network.Parameters.Select(p => p.Name));
    }
}

internal static class SpanTestExtensions
{
    public static void Set(this Span<double> target, double[] values) => values.CopyTo(target);
}
