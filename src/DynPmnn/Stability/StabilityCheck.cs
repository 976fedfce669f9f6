using DynPmnn.Layers;
using DynPmnn.Stability;
using DynPmnn.Training;

namespace DynPmnn.Stability;

/// <summary>Before training: are the ODE layers' step sizes inside their integrators' stability regions for the states a first batch visits?</summary>
public static class StabilityCheck
{
    /// <summary>Runs the first <paramref name="rows"/> rows of <paramref name="data"/> through the network and analyses every ODE layer on its own input.</summary>
    public static IReadOnlyList<(string Layer, StabilityReport Report)> BeforeTraining(Sequential<float> model, TrainingData data, int rows = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var batch = Math.Min(rows, data.Rows);
        var activation = data.Features.AsSpan(0, batch * data.FeatureCount).ToArray();
        var reports = new List<(string, StabilityReport)>();
        foreach (var layer in model.Layers)
        {
            if (layer is IStabilityChecked checkedLayer)
            {
                reports.Add((layer.Description, checkedLayer.CheckStability(activation, batch)));
            }

            var next = new float[batch * layer.OutputSize];
            try
            {
                layer.Forward(activation, next, batch);
            }
            catch (Exception e) when (e is OdeDivergenceException or DynPmnn.Models.OdeStepLimitException or ArithmeticException)
            {
                // The report of this layer (or training itself, which meets the same failure and records it) says why;
                // the layers after it have nothing finite to analyse.
                break;
            }

            activation = next;
        }

        return reports;
    }
}
