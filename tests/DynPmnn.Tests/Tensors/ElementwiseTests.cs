using DynPmnn.Tensors;

namespace DynPmnn.Tests.Tensors;

public class ElementwiseTests
{
    [Fact]
    public void SingleTanhAndSigmoidAreAccurate()
    {
        // A grid over [−12, 12] (past the clamp), odd length for the tail, with tiny and exactly-zero inputs.
        var x = new float[24_001];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = -12f + 24f * i / (x.Length - 1);
        }

        x[5] = 0f;
        x[6] = 1e-5f;
        x[7] = -3e-4f;
        var tanh = new float[x.Length];
        var sigmoid = new float[x.Length];
        var scaled = new float[x.Length];
        Elementwise.Tanh<float>(x, tanh);
        Elementwise.Sigmoid<float>(x, sigmoid);
        Elementwise.ScaledTanh<float>(x, 0.666f, 1.7159f, scaled);
        for (var i = 0; i < x.Length; i++)
        {
            var expected = Math.Tanh(x[i]);
            Assert.True(Math.Abs(tanh[i] - expected) <= 4e-7 * Math.Max(Math.Abs(expected), 1e-3), $"tanh({x[i]}) = {tanh[i]}, expected {expected}");
            Assert.Equal(1 / (1 + Math.Exp(-x[i])), sigmoid[i], 3e-7);
            Assert.Equal(1.7159 * Math.Tanh(0.666f * x[i]), scaled[i], 1e-6);
        }

        Assert.Equal(0f, tanh[5]);
        Assert.Equal(1e-5f, tanh[6]);
    }

    [Fact]
    public void InPlaceMatchesOutOfPlace()
    {
        var random = new Random(3);
        var x = new float[37];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)(6 * random.NextDouble() - 3);
        }

        var y = new float[x.Length];
        Elementwise.Tanh<float>(x, y);
        Elementwise.Tanh<float>(x, x);
        Assert.Equal(y, x);
    }
}
