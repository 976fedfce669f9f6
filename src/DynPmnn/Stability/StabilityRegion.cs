using System.Numerics;
using DynPmnn.Neurons;

namespace DynPmnn.Stability;

/// <summary>
/// The linear stability regions of the explicit schemes: one step of a scheme applied to x' = λx multiplies x by
/// R(z), z = dt·λ, and the step is stable where |R(z)| ≤ 1.
/// </summary>
public static class StabilityRegion
{
    /// <summary>How far |R(z)| may exceed 1 and still count as inside (rounding in R itself, and the neutral z = 0).</summary>
    public const double Tolerance = 1e-12;

    /// <summary>
    /// R(z), the scheme's amplification factor: 1 + z for Euler, 1 + z + z²/2 for Heun,
    /// 1 + z + z²/2 + z³/6 + z⁴/24 for classic Runge–Kutta (the Taylor polynomial of e^z of the scheme's order).
    /// </summary>
    public static Complex AmplificationFactor(Integrator scheme, Complex z) => scheme switch
    {
        Integrator.Euler => 1 + z,
        Integrator.Heun => 1 + (z * (1 + (z / 2))),
        Integrator.RungeKutta4 => 1 + (z * (1 + (z / 2 * (1 + (z / 3 * (1 + (z / 4))))))),
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown integrator."),
    };

    /// <summary>|R(z)|.</summary>
    public static double Amplification(Integrator scheme, Complex z) => AmplificationFactor(scheme, z).Magnitude;

    /// <summary>Whether |R(z)| ≤ 1 (within <see cref="Tolerance"/>).</summary>
    public static bool Contains(Integrator scheme, Complex z) => Amplification(scheme, z) <= 1 + Tolerance;

    /// <summary>
    /// The largest dt such that dt'·λ lies in the region for every dt' in (0, dt]; +∞ for λ = 0, and only
    /// as much as <see cref="Tolerance"/> allows when no dt works (λ in the open right half-plane, or on the imaginary
    /// axis for Euler and Heun).
    /// </summary>
    /// <remarks>
    /// Walks out along the ray z = s·λ/|λ| until it leaves the region, then bisects. Every region here lies in the
    /// disc |z| &lt; 3, so the walk ends by |z| = 4.
    /// </remarks>
    public static double LargestStableStep(Integrator scheme, Complex lambda)
    {
        var magnitude = lambda.Magnitude;
        if (magnitude == 0)
        {
            return double.PositiveInfinity;
        }

        if (!double.IsFinite(magnitude))
        {
            return 0;
        }

        var direction = lambda / magnitude;
        const int walk = 256;
        const double reach = 4.0;
        double inside = 0, outside = double.NaN;
        for (var k = 1; k <= walk; k++)
        {
            var s = reach * k / walk;
            if (!Contains(scheme, s * direction))
            {
                outside = s;
                break;
            }

            inside = s;
        }

        if (double.IsNaN(outside))
        {
            return double.PositiveInfinity;
        }

        for (var k = 0; k < 80 && outside - inside > 1e-15 * outside; k++)
        {
            var middle = 0.5 * (inside + outside);
            if (Contains(scheme, middle * direction))
            {
                inside = middle;
            }
            else
            {
                outside = middle;
            }
        }

        return inside / magnitude;
    }
}
