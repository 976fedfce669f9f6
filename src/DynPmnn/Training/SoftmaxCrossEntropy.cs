using System.Numerics;
using DynPmnn.Layers;

namespace DynPmnn.Training;

/// <summary>
/// PyTorch's <c>nn.CrossEntropyLoss()</c> on raw scores (logits): the mean over the batch of
/// <c>log Σ_j e^{z_j} − z_target</c>. Each row has one target, the class index stored as a floating-point number.
/// </summary>
public sealed class SoftmaxCrossEntropy<T> : IClassifierHead<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public string Name => "CrossEntropy";

    public int TargetWidth(int outputSize) => 1;

    public int OutputSize(int classes) => classes >= 2
        ? classes
        : throw new ArgumentException($"A classifier needs at least two classes, not {classes}.", nameof(classes));

    /// <summary>The class with the highest score; the first one on a tie, as <c>argmax</c> picks.</summary>
    public int PredictClass(ReadOnlySpan<T> output)
    {
        var best = 0;
        for (var j = 1; j < output.Length; j++)
        {
            if (output[j] > output[best])
            {
                best = j;
            }
        }

        return best;
    }

    public void Probabilities(ReadOnlySpan<T> output, Span<double> probabilities)
    {
        var logSumExp = double.CreateTruncating(LogSumExp(output));
        for (var j = 0; j < output.Length; j++)
        {
            probabilities[j] = Math.Exp(double.CreateTruncating(output[j]) - logSumExp);
        }
    }

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
            var logits = predictions.Slice(r * outputSize, outputSize);
            var target = ClassIndex(targets[r], r, outputSize);
            sum += double.CreateTruncating(LogSumExp(logits) - logits[target]);
        }

        return T.CreateTruncating(sum / batch);
    }

    public void Backward(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> predictionGradient, int batch, int outputSize)
    {
        Check(predictions.Length, targets.Length, batch, outputSize);
        BufferChecks.Require(predictionGradient.Length, batch, outputSize, nameof(predictionGradient));
        var inverseBatch = T.One / T.CreateTruncating(batch);
        for (var r = 0; r < batch; r++)
        {
            var logits = predictions.Slice(r * outputSize, outputSize);
            var gradient = predictionGradient.Slice(r * outputSize, outputSize);
            var target = ClassIndex(targets[r], r, outputSize);

            // ∂/∂z_j (log Σ e^z − z_t) = softmax(z)_j − [j = t], divided by the batch for the mean.
            var logSumExp = LogSumExp(logits);
            for (var j = 0; j < outputSize; j++)
            {
                gradient[j] = T.Exp(logits[j] - logSumExp) * inverseBatch;
            }

            gradient[target] -= inverseBatch;
        }
    }

    /// <summary>log Σ e^z, shifted by the maximum so large scores do not overflow.</summary>
    private static T LogSumExp(ReadOnlySpan<T> logits)
    {
        var max = logits[0];
        for (var j = 1; j < logits.Length; j++)
        {
            max = T.Max(max, logits[j]);
        }

        var sum = T.Zero;
        for (var j = 0; j < logits.Length; j++)
        {
            sum += T.Exp(logits[j] - max);
        }

        return max + T.Log(sum);
    }

    private static int ClassIndex(T target, int row, int classes)
    {
        var value = double.CreateTruncating(target);
        if (!(value >= 0 && value < classes && value == Math.Floor(value)))
        {
            throw new ArgumentException($"Row {row} has target {value}, which is not a class index in [0, {classes}).", "targets");
        }

        return (int)value;
    }

    private static void Check(int predictions, int targets, int batch, int outputSize)
    {
        BufferChecks.Require(predictions, batch, outputSize, nameof(predictions));
        BufferChecks.Require(targets, batch, 1, nameof(targets));
    }
}
