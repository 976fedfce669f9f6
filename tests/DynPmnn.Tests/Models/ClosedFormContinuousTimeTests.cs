using DynPmnn.Models;
using DynPmnn.Tests.Layers;

namespace DynPmnn.Tests.Models;

public class ClosedFormContinuousTimeTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.7)]
    public void Gradient(double timespan)
    {
        var layer = new ClosedFormContinuousTimeLayer<double>(3, 4, new Random(2), backboneUnits: 5, timespan: timespan);
        GradientCheck.Check(layer, batch: 3, inputScale: 2.0);
    }

    [Fact]
    public void ForwardMatchesTheCellWrittenOutRowByRow()
    {
        const int inputs = 3, units = 2, backboneUnits = 4;
        var layer = new ClosedFormContinuousTimeLayer<double>(inputs, units, new Random(4), backboneUnits, timespan: 0.5);
        double[] x = [0.3, -1.2, 0.8];
        var output = new double[units];
        layer.Forward(x, output, 1);

        var p = layer.Parameters.Select(q => q.Value).ToArray();
        double Linear(double[] w, double[] b, double[] v, int row)
        {
            var sum = b[row];
            for (var i = 0; i < v.Length; i++)
            {
                sum += w[row * v.Length + i] * v[i];
            }

            return sum;
        }

        // [x, h] with h = 0, backbone, then the four heads, as ncps' CfCCell.forward in default mode.
        double[] xh = [.. x, 0, 0];
        var z = Enumerable.Range(0, backboneUnits).Select(j => 1.7159 * Math.Tanh(0.666 * Linear(p[0], p[1], xh, j))).ToArray();
        for (var u = 0; u < units; u++)
        {
            var ff1 = Math.Tanh(Linear(p[2], p[3], z, u));
            var ff2 = Math.Tanh(Linear(p[4], p[5], z, u));
            var t = 1 / (1 + Math.Exp(-(Linear(p[6], p[7], z, u) * 0.5 + Linear(p[8], p[9], z, u))));
            Assert.Equal(ff1 * (1 - t) + t * ff2, output[u], 1e-14);
        }
    }

    [Fact]
    public void TheHiddenHalfOfTheBackboneGetsNoGradientButIsAParameter()
    {
        var layer = new ClosedFormContinuousTimeLayer<double>(3, 4, new Random(6), backboneUnits: 5);
        var input = GradientCheck.Uniform(new Random(1), 2 * 3, 1.0);
        var output = new double[2 * 4];
        layer.Forward(input, output, 2);
        layer.Backward(input, output, GradientCheck.Uniform(new Random(2), 8, 1.0), new double[6], 2);
        var weight = layer.Parameters[0];
        Assert.Equal("backbone.weight", weight.Name);
        Assert.Equal([5, 7], weight.Shape);
        for (var row = 0; row < 5; row++)
        {
            Assert.All(weight.Gradient.AsSpan(row * 7 + 3, 4).ToArray(), g => Assert.Equal(0.0, g));
            Assert.Contains(weight.Gradient.AsSpan(row * 7, 3).ToArray(), g => g != 0);
        }
    }

    [Fact]
    public void InitialisationIsXavierUniformWithLinearDefaultBiases()
    {
        var layer = new ClosedFormContinuousTimeLayer<double>(8, 64, new Random(1));
        var p = layer.Parameters;
        Assert.Equal(["backbone.weight", "backbone.bias", "ff1.weight", "ff1.bias", "ff2.weight", "ff2.bias", "time_a.weight", "time_a.bias", "time_b.weight", "time_b.bias"], p.Select(q => q.Name));
        AssertUniform(p[0].Value, Math.Sqrt(6.0 / (72 + 128)));
        AssertUniform(p[1].Value, 1 / Math.Sqrt(72));
        for (var head = 2; head < 10; head += 2)
        {
            AssertUniform(p[head].Value, Math.Sqrt(6.0 / (128 + 64)));
            AssertUniform(p[head + 1].Value, 1 / Math.Sqrt(128));
        }

        static void AssertUniform(double[] values, double bound)
        {
            // Inside the bound, and spread across it rather than bunched near zero.
            Assert.All(values, v => Assert.InRange(v, -bound, bound));
            Assert.True(values.Max(Math.Abs) > 0.8 * bound, $"largest {values.Max(Math.Abs)} of bound {bound}");
        }
    }
}
