namespace DynPmnn.Models;

/// <summary>The Runge–Kutta scheme a <see cref="RungeKuttaSolver{T}"/> integrates with.</summary>
public enum OdeSolverMethod
{
    /// <summary>
    /// Adaptive Dormand–Prince 5(4) with torchdiffeq's step-size control and its quartic dense output at the end
    /// time: the scheme <c>odeint</c> uses by default, and the one the paper's NODE baseline ran.
    /// </summary>
    Dopri5,

    /// <summary>The classic fourth-order Runge–Kutta scheme (1/6, 1/3, 1/3, 1/6) with a fixed number of equal steps.</summary>
    Rk4,
}
