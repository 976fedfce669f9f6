using DynPmnn.Layers;
using DynPmnn.Neurons;
using DynPmnn.Neurons.Zoo;

namespace DynPmnn.Tests.Layers;

/// <summary>The state clamp: its gradients, and that a clamp which never cuts gives the unclamped layer's results.</summary>
public sealed class OdeLayerClampTests
{
    public static TheoryData<Integrator> Schemes() => new(Enum.GetValues<Integrator>());

    [Theory]
    [MemberData(nameof(Schemes))]
    public void ClampedGradientsMatchFiniteDifferences(Integrator scheme)
    {
        var options = new OdeLayerOptions
        {
            Units = 3,
            Integrator = scheme,
            Dt = 0.5,
            Steps = 5,
            StatesFromFeatures = ["V", "W"],
            InputsFromFeatures = ["I"],
            TrainedParameters = [new("A"), new("B", ParameterConstraint.Positive)],
            StateClamp = 0.7,
        };
        var layer = new OdeLayer<FitzHughNagumo, double>(options);
        var input = Inputs(seed: 4, rows: 6, layer.InputSize, scale: 1.5);
        var output = new double[6 * layer.OutputSize];
        layer.Forward(input, output, 6);
        Assert.Contains(output, v => Math.Abs(v) == 0.7);
        Assert.Contains(output, v => Math.Abs(v) < 0.69);
        GradientCheck.Check(layer, batch: 6, input: input);
    }

    [Theory]
    [InlineData(Integrator.Euler, 7)]
    [InlineData(Integrator.RungeKutta4, 7)]
    [InlineData(Integrator.Heun, 1500)]
    public void AClampThatNeverCutsGivesTheUnclampedResults(Integrator scheme, int rows)
    {
        OdeLayerOptions Options(double? clamp) => new()
        {
            Units = 2,
            Integrator = scheme,
            Dt = 0.25,
            Steps = 6,
            StatesFromFeatures = ["V", "W"],
            TrainedParameters = [new("G", ParameterConstraint.Positive)],
            StateClamp = clamp,
        };
        var plain = new OdeLayer<FitzHughNagumo, float>(Options(null));
        var clamped = new OdeLayer<FitzHughNagumo, float>(Options(1e6));
        var input = Inputs(seed: 9, rows, plain.InputSize, scale: 1).Select(v => (float)v).ToArray();
        var (plainOutput, plainInputGradient, plainGradient) = Run(plain, input, rows);
        var (clampedOutput, clampedInputGradient, clampedGradient) = Run(clamped, input, rows);
        // The states and their adjoints are the same bits; a trained parameter's gradient is a sum over steps, which the
        // multi-step kernel adds up per lane before reducing once and the clamped path reduces step by step.
        Assert.Equal(plainOutput, clampedOutput);
        Assert.Equal(plainInputGradient, clampedInputGradient);
        for (var u = 0; u < plainGradient.Length; u++)
        {
            Assert.True(Math.Abs(plainGradient[u] - clampedGradient[u]) <= 1e-6 * Math.Abs(plainGradient[u]), $"unit {u}: {plainGradient[u]:R} vs {clampedGradient[u]:R}");
        }
    }

    [Fact]
    public void AClampThatIsNotPositiveIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions { Units = 1, StatesFromFeatures = ["V"], StateClamp = -1 }));
        Assert.Contains("clamp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDescriptionNamesTheClamp() =>
        Assert.EndsWith("states clamped to ±20)", new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions { Units = 1, StatesFromFeatures = ["V"], StateClamp = 20 }).Description, StringComparison.Ordinal);

    private static (float[] Output, float[] InputGradient, float[] ParameterGradient) Run(OdeLayer<FitzHughNagumo, float> layer, float[] input, int rows)
    {
        var output = new float[rows * layer.OutputSize];
        layer.Forward(input, output, rows);
        var weights = Inputs(seed: 2, rows, layer.OutputSize, scale: 1).Select(v => (float)v).ToArray();
        var inputGradient = new float[input.Length];
        layer.Backward(input, output, weights, inputGradient, rows);
        return (output, inputGradient, [.. layer.Parameters[0].Gradient]);
    }

    private static double[] Inputs(int seed, int rows, int width, double scale)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows * width).Select(_ => scale * ((2 * random.NextDouble()) - 1))];
    }
}
