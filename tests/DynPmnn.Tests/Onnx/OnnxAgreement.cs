using DynPmnn.Data;
using DynPmnn.Models;
using DynPmnn.Onnx;

namespace DynPmnn.Tests.Onnx;

/// <summary>Exports a trained model, runs it in ONNX Runtime and compares with DynPmnn's own predictions.</summary>
internal static class OnnxAgreement
{
    /// <summary>|ONNX − DynPmnn| ≤ Tolerance · max(1, |DynPmnn|) for every value, in float32.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>
    /// The largest |difference| / max(1, |prediction|) over the rows' predictions (regression values, or class
    /// probabilities), after checking that every value is within <see cref="Tolerance"/> and the classes agree.
    /// </summary>
    public static double Compare(TrainedModel model, Dataset raw, string folder, string name)
    {
        var path = Path.Combine(folder, name + ".onnx");
        OnnxExporter.Save(model, path);
        var expected = model.Predict(raw);
        using var onnx = OnnxModel.Load(path);
        var actual = onnx.Predict(raw.Features, raw.Rows);
        Assert.Equal(model.Task, onnx.Task);
        Assert.Equal(expected.Rows, actual.Rows);
        if (model.Task.Kind == TaskKind.Regression)
        {
            return Largest(expected.Values.Select(v => (double)v).ToArray(), actual.Values.Select(v => (double)v).ToArray(), name);
        }

        var largest = Largest(expected.Probabilities, actual.Probabilities, name);
        Assert.Equal(expected.Classes, actual.Classes);
        return largest;
    }

    private static double Largest(double[] expected, double[] actual, string name)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.NotEmpty(expected);
        var largest = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(double.IsFinite(expected[i]), $"{name}: DynPmnn's prediction {i} is {expected[i]}");
            var relative = Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
            Assert.True(relative <= Tolerance, $"{name}: value {i} is {actual[i]:R} in ONNX Runtime and {expected[i]:R} in DynPmnn (relative difference {relative:G3}).");
            largest = Math.Max(largest, relative);
        }

        return largest;
    }
}
