using System.Numerics;

namespace DynPmnn.Training;

/// <summary>
/// A scalar loss over a batch of predictions (<c>batch × outputSize</c>, row-major) and targets
/// (<c>batch × TargetWidth(outputSize)</c>), with its gradient written out.
/// </summary>
public interface ILoss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A short name, such as <c>MSE</c>.</summary>
    string Name { get; }

    /// <summary>How many target values one row has, given how many outputs the network gives per row.</summary>
    int TargetWidth(int outputSize);

    /// <summary>The loss of the batch.</summary>
    T Forward(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int batch, int outputSize);

    /// <summary>Writes (overwrites) the gradient of <see cref="Forward"/>'s value with respect to every prediction.</summary>
    void Backward(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> predictionGradient, int batch, int outputSize);
}
