using DynPmnn.Data;
using DynPmnn.Models;
using DynPmnn.Onnx;

namespace DynPmnn.Tests.Onnx;

/// <summary>
/// Exports a trained model, runs it in ONNX Runtime and compares with DynPmnn's own predictions.
/// </summary>
/// <remarks>
/// Two float implementations of one network agree to the network's own rounding noise, no better: an ODE layer with a
/// large step (the paper's DynPMNN takes Euler steps of dt 5 on a cubic) multiplies every last-bit difference of the
/// layers before it a hundredfold and more. That noise is measured here, not assumed: the same weights run in double
/// precision, and DynPmnn's float predictions differ from those by its own rounding error. ONNX Runtime must agree with
/// DynPmnn within <see cref="Tolerance"/> · max(1, |prediction|), or, where the model itself is noisier than that,
/// within <see cref="NoiseFactor"/> times DynPmnn's own float-rounding error on the same rows.
/// </remarks>
internal static class OnnxAgreement
{
    /// <summary>|ONNX − DynPmnn| ≤ Tolerance · max(1, |DynPmnn|) for every value, in float32, for a model whose float results are steadier than that.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>How many times DynPmnn's own largest float-rounding error (against double) ONNX Runtime may differ by.</summary>
    public const double NoiseFactor = 16;

    /// <summary>
    /// The largest |difference| / max(1, |prediction|) over the rows' predictions (regression values, or class
    /// probabilities), and DynPmnn's own largest float-rounding error on the same scale, after checking the bound and
    /// that the classes agree.
    /// </summary>
    public static (double Largest, double Noise) Compare(TrainedModel model, Dataset raw, string folder, string name)
    {
        var path = Path.Combine(folder, name + ".onnx");
        OnnxExporter.Save(model, path);
        var expected = model.Predict(raw);
        using var onnx = OnnxModel.Load(path);
        var actual = onnx.Predict(raw.Features, raw.Rows);
        Assert.Equal(model.Task, onnx.Task);
        Assert.Equal(expected.Rows, actual.Rows);
        var regression = model.Task.Kind == TaskKind.Regression;
        var floats = regression ? expected.Values.Select(v => (double)v).ToArray() : expected.Probabilities;
        var onnxValues = regression ? actual.Values.Select(v => (double)v).ToArray() : actual.Probabilities;
        var exact = InDouble(model, raw);
        Assert.Equal(floats.Length, onnxValues.Length);
        Assert.Equal(floats.Length, exact.Length);
        Assert.NotEmpty(floats);
        var noise = Largest(floats, exact);
        var largest = Largest(floats, onnxValues);
        var bound = Math.Max(Tolerance, NoiseFactor * noise);
        var worst = Enumerable.Range(0, floats.Length).First(i => Relative(floats[i], onnxValues[i]) == largest);
        Assert.True(
            largest <= bound,
            $"{name}: value {worst} is {onnxValues[worst]:R} in ONNX Runtime and {floats[worst]:R} in DynPmnn (relative difference {largest:G3}); "
            + $"DynPmnn's own float rounding error is at most {noise:G3}, so the bound is {bound:G3}.");
        if (!regression)
        {
            // A class may flip only where DynPmnn itself is within its noise of a tie.
            for (var r = 0; r < expected.Rows; r++)
            {
                Assert.True(expected.Classes[r] == actual.Classes[r] || Margin(expected.Probabilities, r, model.Task.ClassCount) <= 2 * bound, $"{name}: row {r} is class {actual.Classes[r]} in ONNX Runtime and {expected.Classes[r]} in DynPmnn.");
            }
        }

        return (largest, noise);
    }

    private static double Relative(double reference, double other) => Math.Abs(other - reference) / Math.Max(1, Math.Abs(reference));

    private static double Largest(double[] reference, double[] other)
    {
        var largest = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            Assert.True(double.IsFinite(reference[i]) && double.IsFinite(other[i]), $"value {i} is {reference[i]} and {other[i]}");
            largest = Math.Max(largest, Relative(reference[i], other[i]));
        }

        return largest;
    }

    /// <summary>The gap between a row's two largest probabilities.</summary>
    private static double Margin(double[] probabilities, int row, int classes)
    {
        var sorted = probabilities.AsSpan(row * classes, classes).ToArray().OrderDescending().ToArray();
        return sorted[0] - sorted[1];
    }

    /// <summary>The model's predictions with its float weights run in double precision throughout: the values DynPmnn's float results approximate.</summary>
    private static double[] InDouble(TrainedModel model, Dataset raw)
    {
        var network = ModelFactory.Build<double>(model.Spec, seed: 0);
        for (var p = 0; p < network.Parameters.Count; p++)
        {
            var source = model.Network.Parameters[p].Value;
            var target = network.Parameters[p].Value;
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = source[i];
            }
        }

        var columns = model.FeatureScaler.Columns;
        var input = new double[raw.Features.Length];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (raw.Features[i] - model.FeatureScaler.Center[i % columns]) / model.FeatureScaler.Scale[i % columns];
        }

        var outputs = network.OutputSize;
        var output = new double[raw.Rows * outputs];
        network.Forward(input, output, raw.Rows);
        if (model.Task.Kind == TaskKind.Regression)
        {
            if (model.TargetScaler is { } targets)
            {
                for (var i = 0; i < output.Length; i++)
                {
                    output[i] = (output[i] * targets.Scale[i % outputs]) + targets.Center[i % outputs];
                }
            }

            return output;
        }

        var classes = model.Task.ClassCount;
        var probabilities = new double[raw.Rows * classes];
        for (var r = 0; r < raw.Rows; r++)
        {
            if (outputs == 1)
            {
                var positive = 1 / (1 + Math.Exp(-output[r]));
                (probabilities[2 * r], probabilities[(2 * r) + 1]) = (1 - positive, positive);
                continue;
            }

            var row = output.AsSpan(r * outputs, outputs);
            var max = row.ToArray().Max();
            var sum = 0.0;
            foreach (var v in row)
            {
                sum += Math.Exp(v - max);
            }

            for (var k = 0; k < classes; k++)
            {
                probabilities[(r * classes) + k] = Math.Exp(row[k] - max) / sum;
            }
        }

        return probabilities;
    }
}
