using System.Numerics;
using DynPmnn.Layers;

namespace DynPmnn.Training;

/// <summary>
/// PyTorch's <c>nn.BCEWithLogitsLoss()</c> for a binary task with one output per row, the logit z of class 1: the mean over
/// the batch of <c>max(z, 0) − z·y + log(1 + e^{−|z|})</c>, which is <c>−[y log σ(z) + (1 − y) log(1 − σ(z))]</c> written
/// so that no large |z| overflows. Targets are the class indices 0 or 1; class 1 is predicted when z ≥ 0 (σ(z) ≥ 0.5).
/// </summary>
public sealed class BinaryCrossEntropyWithLogits<T> : IClassifierHead<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public string Name => "BCEWithLogits";

    public int TargetWidth(int outputSize) => 1;

    public int OutputSize(int classes) => classes == 2
        ? 1
        : throw new ArgumentException($"Binary cross-entropy scores two classes, not {classes}; use softmax cross-entropy for more.", nameof(classes));

    public T Forward(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int batch, int outputSize)
    {
        Check(predictions.Length, targets.Length, batch, outputSize);
        if (batch == 0)
        {
            return T.Zero;
        }

        var sum = 0.0;
        for (var r = 0; r < batch; r++)
        {
            var z = double.CreateTruncating(predictions[r]);
            var y = Label(targets[r], r);
            sum += Math.Max(z, 0) - (z * y) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
        }

        return T.CreateTruncating(sum / batch);
    }

    public void Backward(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> predictionGradient, int batch, int outputSize)
    {
        Check(predictions.Length, targets.Length, batch, outputSize);
        BufferChecks.Require(predictionGradient.Length, batch, 1, nameof(predictionGradient));
        var inverseBatch = T.One / T.CreateTruncating(batch);
        for (var r = 0; r < batch; r++)
        {
            // ∂/∂z = σ(z) − y, divided by the batch for the mean.
            var sigmoid = T.One / (T.One + T.Exp(-predictions[r]));
            predictionGradient[r] = (sigmoid - T.CreateTruncating(Label(targets[r], r))) * inverseBatch;
        }
    }

    public int PredictClass(ReadOnlySpan<T> output) => output[0] >= T.Zero ? 1 : 0;

    public void Probabilities(ReadOnlySpan<T> output, Span<double> probabilities)
    {
        var positive = 1 / (1 + Math.Exp(-double.CreateTruncating(output[0])));
        probabilities[0] = 1 - positive;
        probabilities[1] = positive;
    }

    private static int Label(T target, int row)
    {
        var value = double.CreateTruncating(target);
        return value switch
        {
            0 => 0,
            1 => 1,
            _ => throw new ArgumentException($"Row {row} has target {value}; binary cross-entropy needs class 0 or 1.", "targets"),
        };
    }

    private static void Check(int predictions, int targets, int batch, int outputSize)
    {
        if (outputSize != 1)
        {
            throw new ArgumentException($"Binary cross-entropy needs one output (the logit of class 1) per row, not {outputSize}.", nameof(outputSize));
        }

        BufferChecks.Require(predictions, batch, 1, nameof(predictions));
        BufferChecks.Require(targets, batch, 1, nameof(targets));
    }
}
