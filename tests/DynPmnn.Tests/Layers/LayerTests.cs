using DynPmnn.Layers;

namespace DynPmnn.Tests.Layers;

public class LayerTests
{
    [Fact]
    public void DenseComputesInputTimesWeightTransposedPlusBias()
    {
        var dense = new Dense<double>(2, 3);
        // W = [[1, 2], [3, 4], [5, 6]], b = [0.5, -1, 0]
        new double[] { 1, 2, 3, 4, 5, 6 }.CopyTo(dense.Weight.Value, 0);
        new double[] { 0.5, -1, 0 }.CopyTo(dense.Bias.Value, 0);
        var output = new double[6];
        dense.Forward(new double[] { 1, 1, 2, -1 }, output, 2);
        // [1, 1] → [3.5, 6, 11]; [2, −1] → [0.5, 1, 4]
        Assert.Equal([3.5, 6, 11, 0.5, 1, 4], output);
    }

    [Fact]
    public void DenseInitialisationFollowsPyTorchBoundsAndSeed()
    {
        var a = new Dense<float>(16, 8, new Random(42));
        var b = new Dense<float>(16, 8, new Random(42));
        var bound = 1 / MathF.Sqrt(16); // 0.25
        Assert.All(a.Weight.Value, w => Assert.InRange(w, -bound, bound));
        Assert.All(a.Bias.Value, w => Assert.InRange(w, -bound, bound));
        Assert.Equal(a.Weight.Value, b.Weight.Value);
        Assert.Equal(a.Bias.Value, b.Bias.Value);
        Assert.True(a.Weight.Value.Max() > 0.2f && a.Weight.Value.Min() < -0.2f, "128 uniform draws should come near both bounds.");
        Assert.Equal(["weight", "bias"], a.Parameters.Select(p => p.Name));
        Assert.Equal([8, 16], a.Weight.Shape);
    }

    [Fact]
    public void LayerNormMatchesTheFormulaWithBiasedVariance()
    {
        var norm = new LayerNorm<double>(3);
        var output = new double[3];
        norm.Forward(new double[] { 1, 2, 3 }, output, 1);
        // mean 2, biased variance (1 + 0 + 1) / 3 = 2/3
        var rstd = 1 / Math.Sqrt(2.0 / 3 + 1e-5);
        Assert.Equal(-rstd, output[0], 14);
        Assert.Equal(0, output[1], 14);
        Assert.Equal(rstd, output[2], 14);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(129)]
    public void LayerNormInSinglePrecisionMatchesDoubleAtEveryWidth(int size)
    {
        const int batch = 5;
        var random = new Random(size);
        var single = new LayerNorm<float>(size);
        var exact = new LayerNorm<double>(size);
        for (var i = 0; i < size; i++)
        {
            exact.Gamma.Value[i] = 0.5 + random.NextDouble();
            exact.Beta.Value[i] = random.NextDouble() - 0.5;
            single.Gamma.Value[i] = (float)exact.Gamma.Value[i];
            single.Beta.Value[i] = (float)exact.Beta.Value[i];
        }

        var x = Enumerable.Range(0, batch * size).Select(_ => 4 * random.NextDouble() - 1).ToArray();
        var dy = Enumerable.Range(0, batch * size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var y = new double[x.Length];
        var dx = new double[x.Length];
        var ySingle = new float[x.Length];
        var dxSingle = new float[x.Length];
        exact.Forward(x, y, batch);
        exact.Backward(x, y, dy, dx, batch);
        single.Forward(Array.ConvertAll(x, v => (float)v), ySingle, batch);
        single.Backward(Array.ConvertAll(x, v => (float)v), ySingle, Array.ConvertAll(dy, v => (float)v), dxSingle, batch);
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(y[i], ySingle[i], 1e-5);
            Assert.Equal(dx[i], dxSingle[i], 1e-5);
        }

        for (var i = 0; i < size; i++)
        {
            Assert.Equal(exact.Gamma.Gradient[i], single.Gamma.Gradient[i], 1e-5);
            Assert.Equal(exact.Beta.Gradient[i], single.Beta.Gradient[i], 1e-5);
        }
    }

    [Fact]
    public void ActivationsMatchTheirDefinitions()
    {
        double[] x = [-2, -0.5, 0, 0.5, 2];
        Assert.Equal(x.Select(Math.Tanh), Apply(new Tanh<double>(5), x), Close);
        Assert.Equal(x.Select(v => 1 / (1 + Math.Exp(-v))), Apply(new Sigmoid<double>(5), x), Close);
        Assert.Equal(x.Select(v => Math.Max(v, 0)), Apply(new ReLU<double>(5), x), Close);
        Assert.Equal(x.Select(v => v / (1 + Math.Exp(-v))), Apply(new SiLU<double>(5), x), Close);
    }

    [Fact]
    public void SequentialNamesParametersByPositionAndChecksSizes()
    {
        var random = new Random(1);
        var network = new Sequential<float>(new Dense<float>(8, 2, random), new LayerNorm<float>(2), new SiLU<float>(2), new Dense<float>(2, 1, random));
        Assert.Equal(["0.weight", "0.bias", "1.gamma", "1.beta", "3.weight", "3.bias"], network.Parameters.Select(p => p.Name));
        Assert.Equal(25, network.Parameters.Sum(p => p.Length)); // the paper's PMNN count minus its ODE block
        Assert.Equal("Sequential(Dense(8 → 2), LayerNorm(2), SiLU(2), Dense(2 → 1))", network.Description);

        var error = Assert.Throws<ArgumentException>(() => new Sequential<float>(new Dense<float>(3, 4), new Tanh<float>(5)));
        Assert.Contains("takes 5 inputs", error.Message);
    }

    [Fact]
    public void RenamedParameterSharesStorage()
    {
        var parameter = new Parameter<float>("weight", 2, 3);
        var renamed = parameter.WithName("0.weight");
        renamed.Value[4] = 7;
        renamed.Gradient[1] = 3;
        Assert.Equal(7, parameter.Value[4]);
        Assert.Equal(3, parameter.Gradient[1]);
        Assert.Equal("0.weight", renamed.Name);
        Assert.Equal([2, 3], renamed.Shape);
    }

    [Fact]
    public void ShortBuffersAreRejected()
    {
        var dense = new Dense<float>(3, 2);
        var error = Assert.Throws<ArgumentException>(() => dense.Forward(new float[5], new float[4], 2));
        Assert.Contains("input", error.Message);
    }

    private static readonly Func<double, double, bool> Close = (a, b) => Math.Abs(a - b) < 1e-12;

    private static double[] Apply(Layer<double> layer, double[] x)
    {
        var y = new double[x.Length];
        layer.Forward(x, y, 1);
        return y;
    }
}
