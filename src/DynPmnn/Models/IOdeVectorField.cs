using System.Numerics;

namespace DynPmnn.Models;

/// <summary>
/// A batched right-hand side <c>dy/dt = f(t, y)</c> over row-major <c>[batch, StateSize]</c> states that can be
/// differentiated after the fact: every evaluation is made under an index, keeps what its backward pass needs under
/// that index, and a later <see cref="Backward"/> of the same index reverses exactly that evaluation.
/// </summary>
/// <remarks>
/// A solver reuses an index once the evaluation stored there is no longer needed (a rejected step's stages, the
/// initial step-size probe), so an implementation may overwrite whatever it kept under it.
/// </remarks>
public interface IOdeVectorField<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Values per row of the state.</summary>
    int StateSize { get; }

    /// <summary>Writes <c>f(time, state)</c> into <paramref name="derivative"/> and keeps what <see cref="Backward"/> needs under <paramref name="evaluation"/>.</summary>
    void Evaluate(int evaluation, double time, ReadOnlySpan<T> state, Span<T> derivative, int batch);

    /// <summary>
    /// Given the loss gradient with respect to the derivative returned by evaluation <paramref name="evaluation"/>,
    /// adds the parameter gradients to the field's parameters and overwrites <paramref name="stateGradient"/> with the
    /// gradient with respect to that evaluation's state. Time is a constant, not differentiated.
    /// </summary>
    void Backward(int evaluation, ReadOnlySpan<T> derivativeGradient, Span<T> stateGradient, int batch);
}
