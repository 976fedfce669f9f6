using DynPmnn.Layers;
using DynPmnn.Training;

namespace DynPmnn.Tests.Training;

/// <summary>Two steps of each optimizer on p = [1, −2] with gradients [0.5, 0.25] then [0.5, −0.75], worked out with PyTorch's formulas.</summary>
public class OptimizerTests
{
    [Fact]
    public void AdamWithL2WeightDecay()
    {
        var p = NewParameter();
        var adam = new Adam<double>([p], learningRate: 0.1, weightDecay: 0.1);

        // Step 1, p[0]: g = 0.5 + 0.1·1 = 0.6, m = 0.06, v = 0.001·0.36 = 0.00036,
        // step size = 0.1 / (1 − 0.9) = 1, denominator = √0.00036 / √0.001 + 1e−8 = 0.6 + 1e−8,
        // p = 1 − 0.06 / (0.6 + 1e−8) = 0.90000000166666...
        // p[1]: g = 0.25 − 0.2 = 0.05, m = 0.005, denominator = 0.05 + 1e−8, p = −2 − 0.005 / (0.05 + 1e−8).
        Step(adam, p, [0.5, 0.25]);
        Assert.Equal(1 - 0.06 / (0.6 + 1e-8), p.Value[0], 15);
        Assert.Equal(-2 - 0.005 / (0.05 + 1e-8), p.Value[1], 15);
        Assert.Equal(0.9000000016666666, p.Value[0], 15);
        Assert.Equal(-2.099999980000004, p.Value[1], 14);

        // Step 2 (bias corrections 1 − 0.9² and √(1 − 0.999²)), the same formulas carried on.
        Step(adam, p, [0.5, -0.75]);
        Assert.Equal(0.8000473404883315, p.Value[0], 14);
        Assert.Equal(-2.029170347890058, p.Value[1], 14);
    }

    [Fact]
    public void AdamWDecaysTheWeightsBeforeTheUpdate()
    {
        var p = NewParameter();
        var adamW = new AdamW<double>([p], learningRate: 0.1, weightDecay: 0.1);

        // Step 1: p[0] = 1 · (1 − 0.1·0.1) = 0.99, then g = 0.5 (no L2): m = 0.05, denominator = 0.5 + 1e−8,
        // p = 0.99 − 0.05 / (0.5 + 1e−8) = 0.890000002.
        Step(adamW, p, [0.5, 0.25]);
        Assert.Equal(0.99 - 0.05 / (0.5 + 1e-8), p.Value[0], 15);
        Assert.Equal(0.890000002, p.Value[0], 14);
        Assert.Equal(-2.079999996, p.Value[1], 14);

        Step(adamW, p, [0.5, -0.75]);
        Assert.Equal(0.7811000039800006, p.Value[0], 14);
        Assert.Equal(-2.0097810135941487, p.Value[1], 14);
    }

    [Fact]
    public void SgdWithMomentumAndWeightDecay()
    {
        var p = NewParameter();
        var sgd = new Sgd<double>([p], learningRate: 0.1, momentum: 0.9, weightDecay: 0.1);

        // Step 1: g = [0.5 + 0.1, 0.25 − 0.2] = [0.6, 0.05]; buffer = g; p = [1 − 0.06, −2 − 0.005] = [0.94, −2.005].
        Step(sgd, p, [0.5, 0.25]);
        Assert.Equal(0.94, p.Value[0], 15);
        Assert.Equal(-2.005, p.Value[1], 15);

        // Step 2: g = [0.5 + 0.094, −0.75 − 0.2005] = [0.594, −0.9505];
        // buffer = 0.9·[0.6, 0.05] + g = [1.134, −0.9055]; p = [0.94 − 0.1134, −2.005 + 0.09055] = [0.8266, −1.91445].
        Step(sgd, p, [0.5, -0.75]);
        Assert.Equal(0.8266, p.Value[0], 14);
        Assert.Equal(-1.91445, p.Value[1], 14);
    }

    [Fact]
    public void FloatAdamFollowsTheDoubleOneClosely()
    {
        var single = new Parameter<float>("p", 2);
        single.Value[0] = 1;
        single.Value[1] = -2;
        var adam = new Adam<float>([single], learningRate: 0.1, weightDecay: 0.1);
        single.Gradient[0] = 0.5f;
        single.Gradient[1] = 0.25f;
        adam.Step();
        Assert.Equal(0.9000000016666666, single.Value[0], 6);
        Assert.Equal(-2.099999980000004, single.Value[1], 6);
    }

    [Fact]
    public void ZeroGradientsClearsEveryParameter()
    {
        var p = NewParameter();
        p.Gradient[0] = 3;
        new Adam<double>([p]).ZeroGradients();
        Assert.Equal([0.0, 0.0], p.Gradient);
    }

    private static Parameter<double> NewParameter()
    {
        var p = new Parameter<double>("p", 2);
        p.Value[0] = 1;
        p.Value[1] = -2;
        return p;
    }

    private static void Step(Optimizer<double> optimizer, Parameter<double> p, double[] gradient)
    {
        gradient.CopyTo(p.Gradient, 0);
        optimizer.Step();
    }
}
