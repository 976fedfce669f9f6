using DynPmnn;

namespace CustomNeurons;

/// <summary>
/// A smooth resonator: a damped rotation in the (X, Y) plane with a cubic saturation, the Hopf normal form
/// (Stuart–Landau oscillator) driven through a bounded input. For B &lt; 0 it rings down to rest at a frequency
/// near Omega; for B &gt; 0 it settles on a limit cycle of radius √B.
/// </summary>
[Neuron]
public partial struct Resonator
{
    /// <summary>In-phase component, the one the drive pushes.</summary>
    [State] public float X;

    /// <summary>Quadrature component.</summary>
    [State] public float Y;

    /// <summary>Growth rate of small oscillations (negative: damped).</summary>
    [Parameter(-0.5)] public float B;

    /// <summary>Angular frequency.</summary>
    [Parameter(2.0)] public float Omega;

    /// <summary>External drive, squashed to (−1, 1).</summary>
    [Input] public float I;

    private readonly void Derivatives(out float dX, out float dY)
    {
        var r2 = X * X + Y * Y;
        dX = MathF.Tanh(I) + B * X - Omega * Y - X * r2;
        dY = Omega * X + B * Y - Y * r2;
    }
}
