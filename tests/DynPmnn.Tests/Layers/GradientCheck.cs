using DynPmnn.Layers;

namespace DynPmnn.Tests.Layers;

/// <summary>
/// Checks a layer's backward pass against central finite differences of its forward pass, in double precision, under
/// the random linear loss <c>L = Σ w ⊙ output</c> (so <c>∂L/∂output = w</c>). Every input element and every parameter
/// element is perturbed. Also checks the backward contract: parameter gradients are accumulated (added to what was
/// there) and the input gradient is overwritten.
/// </summary>
public static class GradientCheck
{
    /// <param name="layer">The layer under test; its parameter values are restored afterwards.</param>
    /// <param name="batch">Rows in the test batch.</param>
    /// <param name="seed">Seeds the input, the loss weights and the gradient sentinels.</param>
    /// <param name="inputScale">Inputs are drawn from U(−inputScale, inputScale).</param>
    /// <param name="input">A fixed input of <c>batch × InputSize</c> values instead of a random one.</param>
    /// <param name="epsilon">The finite-difference step.</param>
    /// <param name="relativeTolerance">Allowed error relative to the larger of the two gradients.</param>
    /// <param name="absoluteTolerance">Allowed error near zero.</param>
    public static void Check(
        Layer<double> layer,
        int batch,
        int seed = 1,
        double inputScale = 1.0,
        double[]? input = null,
        double epsilon = 1e-6,
        double relativeTolerance = 1e-5,
        double absoluteTolerance = 1e-7)
    {
        var random = new Random(seed);
        input = input is null ? Uniform(random, batch * layer.InputSize, inputScale) : (double[])input.Clone();
        Assert.Equal(batch * layer.InputSize, input.Length);
        var lossWeights = Uniform(random, batch * layer.OutputSize, 1.0);
        var output = new double[batch * layer.OutputSize];
        var parameters = layer.Parameters;

        // Start every gradient from a known non-zero value: Backward must add to it, not overwrite it.
        var sentinels = new double[parameters.Count][];
        for (var p = 0; p < parameters.Count; p++)
        {
            sentinels[p] = Uniform(random, parameters[p].Length, 1.0);
            sentinels[p].CopyTo(parameters[p].Gradient, 0);
        }

        var inputGradient = new double[input.Length];
        Array.Fill(inputGradient, double.NaN);
        layer.Forward(input, output, batch);
        layer.Backward(input, output, lossWeights, inputGradient, batch);

        for (var i = 0; i < input.Length; i++)
        {
            var numerical = Difference(layer, input, ref input[i], lossWeights, output, batch, epsilon);
            Compare(layer, "input", i, inputGradient[i], numerical, relativeTolerance, absoluteTolerance);
        }

        for (var p = 0; p < parameters.Count; p++)
        {
            var parameter = parameters[p];
            for (var j = 0; j < parameter.Length; j++)
            {
                var analytic = parameter.Gradient[j] - sentinels[p][j];
                var numerical = Difference(layer, input, ref parameter.Value[j], lossWeights, output, batch, epsilon);
                Compare(layer, parameter.Name, j, analytic, numerical, relativeTolerance, absoluteTolerance);
            }
        }
    }

    private static double Difference(Layer<double> layer, double[] input, ref double variable, double[] lossWeights, double[] output, int batch, double epsilon)
    {
        var saved = variable;
        variable = saved + epsilon;
        var plus = Loss(layer, input, lossWeights, output, batch);
        variable = saved - epsilon;
        var minus = Loss(layer, input, lossWeights, output, batch);
        variable = saved;
        return (plus - minus) / (2 * epsilon);
    }

    private static double Loss(Layer<double> layer, double[] input, double[] lossWeights, double[] output, int batch)
    {
        layer.Forward(input, output, batch);
        var loss = 0.0;
        for (var i = 0; i < output.Length; i++)
        {
            loss += lossWeights[i] * output[i];
        }

        return loss;
    }

    private static void Compare(Layer<double> layer, string what, int index, double analytic, double numerical, double relativeTolerance, double absoluteTolerance)
    {
        var allowed = absoluteTolerance + relativeTolerance * Math.Max(Math.Abs(analytic), Math.Abs(numerical));
        if (!(Math.Abs(analytic - numerical) <= allowed))
        {
            Assert.Fail($"{layer.Description}: d loss / d {what}[{index}] is {analytic:R} from Backward but {numerical:R} by finite differences (allowed error {allowed:G3}).");
        }
    }

    public static double[] Uniform(Random random, int count, double scale)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (2 * random.NextDouble() - 1) * scale;
        }

        return values;
    }
}
