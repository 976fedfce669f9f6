using System.Numerics;

namespace DynPmnn.Training;

/// <summary>
/// A loss whose network outputs are class scores: it says which class a row's outputs predict and with what
/// probabilities, so training can monitor accuracy and a trained model can answer with classes and probabilities.
/// </summary>
public interface IClassifierHead<T> : ILoss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of network outputs this head needs for <paramref name="classes"/> classes.</summary>
    int OutputSize(int classes);

    /// <summary>The predicted class of one row's outputs.</summary>
    int PredictClass(ReadOnlySpan<T> output);

    /// <summary>Writes the probability of every class (<paramref name="probabilities"/> has one slot per class) for one row's outputs.</summary>
    void Probabilities(ReadOnlySpan<T> output, Span<double> probabilities);
}
