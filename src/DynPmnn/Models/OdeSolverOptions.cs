namespace DynPmnn.Models;

/// <summary>How a <see cref="RungeKuttaSolver{T}"/> integrates over <c>t ∈ [0, 1]</c>.</summary>
public sealed record OdeSolverOptions
{
    /// <summary>The scheme; <see cref="OdeSolverMethod.Dopri5"/> unless told otherwise, as in torchdiffeq.</summary>
    public OdeSolverMethod Method { get; init; } = OdeSolverMethod.Dopri5;

    /// <summary>Dopri5's relative tolerance; torchdiffeq's default 1e-7.</summary>
    public double RelativeTolerance { get; init; } = 1e-7;

    /// <summary>Dopri5's absolute tolerance; torchdiffeq's default 1e-9.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-9;

    /// <summary>The number of equal steps of <see cref="OdeSolverMethod.Rk4"/>.</summary>
    public int Steps { get; init; } = 10;

    /// <summary>
    /// The most steps Dopri5 may attempt (accepted and rejected together) in one forward pass before it gives up with
    /// an <see cref="OdeStepLimitException"/>: a vector field that turns stiff during training would otherwise take
    /// ever smaller steps and stall.
    /// </summary>
    public int MaxSteps { get; init; } = 1000;

    /// <summary>torchdiffeq's step-size controller: the safety factor applied to the optimal step.</summary>
    public double Safety { get; init; } = 0.9;

    /// <summary>torchdiffeq's step-size controller: the largest factor a step may grow by.</summary>
    public double IncreaseFactor { get; init; } = 10.0;

    /// <summary>torchdiffeq's step-size controller: the smallest factor a rejected step may shrink by.</summary>
    public double DecreaseFactor { get; init; } = 0.2;

    /// <summary>Adaptive Dormand–Prince 5(4) at the given tolerances.</summary>
    public static OdeSolverOptions Dopri5(double relativeTolerance = 1e-7, double absoluteTolerance = 1e-9, int maxSteps = 1000)
        => new() { Method = OdeSolverMethod.Dopri5, RelativeTolerance = relativeTolerance, AbsoluteTolerance = absoluteTolerance, MaxSteps = maxSteps };

    /// <summary>Classic fourth-order Runge–Kutta with <paramref name="steps"/> equal steps.</summary>
    public static OdeSolverOptions Rk4(int steps) => new() { Method = OdeSolverMethod.Rk4, Steps = steps };

    internal void Validate()
    {
        if (!Enum.IsDefined(Method))
        {
            throw new ArgumentException($"Unknown solver method {Method}.");
        }

        if (Method == OdeSolverMethod.Rk4)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Steps, nameof(Steps));
            return;
        }

        if (!(RelativeTolerance >= 0) || !(AbsoluteTolerance >= 0) || RelativeTolerance + AbsoluteTolerance <= 0)
        {
            throw new ArgumentException($"Tolerances must be non-negative and not both zero, got rtol = {RelativeTolerance}, atol = {AbsoluteTolerance}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSteps, nameof(MaxSteps));
        if (!(Safety > 0) || !(IncreaseFactor >= 1) || !(DecreaseFactor > 0 && DecreaseFactor <= 1))
        {
            throw new ArgumentException($"The step-size controller needs safety > 0, increase factor ≥ 1 and 0 < decrease factor ≤ 1, got {Safety}, {IncreaseFactor}, {DecreaseFactor}.");
        }
    }
}
