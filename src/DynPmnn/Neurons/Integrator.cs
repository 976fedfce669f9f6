namespace DynPmnn.Neurons;

/// <summary>The fixed-step explicit schemes the generator emits for every neuron.</summary>
public enum Integrator
{
    /// <summary>Explicit (forward) Euler, first order: the paper's scheme.</summary>
    Euler,

    /// <summary>Heun's method (explicit trapezoidal rule), second order.</summary>
    Heun,

    /// <summary>The classic fourth-order Runge–Kutta method.</summary>
    RungeKutta4,
}
