using System.ComponentModel;

namespace DynPmnn.CompilerServices;

// Type-level names of the integrators: generated kernels are instantiated once per scheme, and the JIT folds the
// typeof(TScheme) tests inside them, so the step loop carries no branch on the scheme.

/// <summary>Marks the explicit Euler instantiation of a generated kernel.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct EulerScheme
{
}

/// <summary>Marks the Heun instantiation of a generated kernel.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct HeunScheme
{
}

/// <summary>Marks the classic Runge–Kutta instantiation of a generated kernel.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct RungeKutta4Scheme
{
}
