using DynPmnn.Layers;
using DynPmnn.Neurons;
using DynPmnn.Neurons.Zoo;
using DynPmnn.Stability;

namespace DynPmnn.Tests.Layers;

public sealed class OdeLayerStabilityTests
{
    [Fact]
    public void OdeLayerAtThePapersStepReportsInstability()
    {
        var (layer, input, batch) = PaperLayer(dt: 20, NearRest);
        var report = layer.CheckStability(input, batch);
        Assert.False(report.IsStable, report.ToString());

        // 48 rows × 2 units; a trajectory is followed only up to its first point outside the region, which at dt 20
        // is its initial state.
        Assert.Equal(48 * 2, report.PointCount);
        Assert.True(report.UnstableFraction > 0.5, report.ToString());
        Assert.True(report.LargestStableDt(Integrator.Euler) < 10);
        Assert.Contains("48 of 48 rows", report.Context);
    }

    [Fact]
    public void OdeLayerAtTheCodesStepIsStableNearRest()
    {
        var (layer, input, batch) = PaperLayer(dt: 5, NearRest);
        var output = new float[batch * layer.OutputSize];
        layer.Forward(input, output, batch);
        var report = layer.CheckStability(input, batch);
        Assert.True(report.IsStable, report.ToString());
        Assert.Equal(48 * 2 * 5, report.PointCount);
        Assert.True(report.LargestStableDt(Integrator.Euler) > 5);

        // The check replays the rows on its own buffers: a second forward pass gives the same output.
        var again = new float[output.Length];
        layer.Forward(input, again, batch);
        Assert.Equal(output, again);
    }

    [Fact]
    public void ExcitedTrajectoriesNeedASmallerStepThanRest()
    {
        // A negative w0 drives v over the threshold a: the neuron spikes, and on the spike (v ≈ 1)
        // ∂(dv/dt)/∂v ≈ −0.8, so Euler at dt 5 is unstable there although it is stable at rest.
        var (layer, input, batch) = PaperLayer(dt: 5, (random, _) => (float)((random.NextDouble() - 0.5) * 0.1));
        var report = layer.CheckStability(input, batch);
        Assert.False(report.IsStable);
        Assert.True(report.HasExpandingDynamics);
        var atRest = StabilityAnalysis.AtRest<FitzHughNagumo>(Integrator.Euler, 5).LargestStableDt(Integrator.Euler);
        Assert.Equal(8.125, atRest, 1e-6);
        Assert.True(report.LargestStableDt(Integrator.Euler) < atRest, report.ToString());
        Assert.True(report.LargestStableDt(Integrator.RungeKutta4) > report.LargestStableDt(Integrator.Euler));
    }

    [Fact]
    public void OdeLayerSamplesAtMostSixtyFourRows()
    {
        var layer = new OdeLayer<LeakyIntegrator, double>(new OdeLayerOptions { Units = 1, Dt = 0.5, Steps = 3, StatesFromFeatures = ["V"] });
        var input = Enumerable.Range(0, 1000).Select(i => i / 1000.0).ToArray();
        var report = layer.CheckStability(input, 1000);
        Assert.Equal(OdeLayer<LeakyIntegrator, double>.StabilitySampleRows * 4, report.PointCount);
        Assert.True(report.IsStable);
        Assert.Equal(2, report.LargestStableDt(Integrator.Euler), 1e-9);
    }

    /// <summary>v0 within ±0.02 of rest and w0 = 0, below the threshold a = 0.2.</summary>
    private static float NearRest(Random random, int feature) => feature % 2 == 0 ? (float)((random.NextDouble() - 0.5) * 0.04) : 0;

    /// <summary>The paper's block: (v0, w0) from the features, 4 Euler steps.</summary>
    private static (OdeLayer<FitzHughNagumo, float> Layer, float[] Input, int Batch) PaperLayer(double dt, Func<Random, int, float> feature)
    {
        const int batch = 48;
        var layer = new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions { Units = 2, Dt = dt, Steps = 4, StatesFromFeatures = ["V", "W"] });
        var random = new Random(7);
        var input = new float[batch * layer.InputSize];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = feature(random, i);
        }

        return (layer, input, batch);
    }
}
