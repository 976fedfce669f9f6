using System.Numerics;
using DynPmnn.Layers;

namespace DynPmnn.Training;

/// <summary>
/// PyTorch's <c>nn.MSELoss()</c>: the mean of <c>(prediction − target)²</c> over every element of the batch, so its
/// gradient is <c>2 (prediction − target) / (batch · outputSize)</c>.
/// </summary>
public sealed class MeanSquaredError<T> : ILoss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public string Name => "MSE";

    public int TargetWidth(int outputSize) => outputSize;

    public T Forward(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int batch, int outputSize)
    {
        var count = Check(predictions.Length, targets.Length, batch, outputSize);
        if (count == 0)
        {
            return T.Zero;
        }

        // Summed in double so a large validation set does not lose the small terms to float rounding.
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            var difference = double.CreateTruncating(predictions[i]) - double.CreateTruncating(targets[i]);
            sum += difference * difference;
        }

        return T.CreateTruncating(sum / count);
    }

    public void Backward(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> predictionGradient, int batch, int outputSize)
    {
        var count = Check(predictions.Length, targets.Length, batch, outputSize);
        BufferChecks.Require(predictionGradient.Length, batch, outputSize, nameof(predictionGradient));
        if (count == 0)
        {
            return;
        }

        var scale = T.CreateTruncating(2.0 / count);
        for (var i = 0; i < count; i++)
        {
            predictionGradient[i] = scale * (predictions[i] - targets[i]);
        }
    }

    private static int Check(int predictions, int targets, int batch, int outputSize)
    {
        BufferChecks.Require(predictions, batch, outputSize, nameof(predictions));
        BufferChecks.Require(targets, batch, outputSize, nameof(targets));
        return batch * outputSize;
    }
}
