using System.Numerics;

namespace DynPmnn.Dynamics;

/// <summary>A state where the right-hand side vanishes, with the eigenvalues of its Jacobian and what they say.</summary>
public sealed record FixedPoint(IReadOnlyList<double> States, IReadOnlyList<Complex> Eigenvalues, FixedPointType Type)
{
    /// <summary>Whether some eigenvalues are complex: trajectories near it turn (a focus, or an oscillatory saddle).</summary>
    public bool IsOscillatory => Eigenvalues.Any(e => e.Imaginary != 0);

    /// <summary>A few words, such as "stable focus" or "saddle (oscillatory)".</summary>
    public string Description => Describe(Type) + (IsOscillatory && Type is not (FixedPointType.StableFocus or FixedPointType.UnstableFocus or FixedPointType.Centre) ? " (oscillatory)" : string.Empty);

    /// <summary>
    /// The type from the eigenvalues: by the real parts' signs, and for two states by whether they are complex. A real
    /// or imaginary part within 10⁻⁹ · (1 + the largest |λ|) of zero counts as zero.
    /// </summary>
    public static FixedPointType Classify(IReadOnlyList<Complex> eigenvalues)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        if (eigenvalues.Count == 0)
        {
            throw new ArgumentException("A fixed point of a neuron with no states has no eigenvalues to classify.", nameof(eigenvalues));
        }

        var zero = 1e-9 * (1 + eigenvalues.Max(e => e.Magnitude));
        var negative = eigenvalues.Count(e => e.Real < -zero);
        var positive = eigenvalues.Count(e => e.Real > zero);
        var complex = eigenvalues.Any(e => Math.Abs(e.Imaginary) > zero);
        if (negative > 0 && positive > 0)
        {
            return FixedPointType.Saddle;
        }

        if (negative + positive < eigenvalues.Count)
        {
            return eigenvalues.Count == 2 && complex && negative + positive == 0 ? FixedPointType.Centre : FixedPointType.NonHyperbolic;
        }

        if (eigenvalues.Count == 2)
        {
            return (negative == 2, complex) switch
            {
                (true, false) => FixedPointType.StableNode,
                (true, true) => FixedPointType.StableFocus,
                (false, false) => FixedPointType.UnstableNode,
                (false, true) => FixedPointType.UnstableFocus,
            };
        }

        return negative > 0 ? FixedPointType.Stable : FixedPointType.Unstable;
    }

    public static string Describe(FixedPointType type) => type switch
    {
        FixedPointType.StableNode => "stable node",
        FixedPointType.UnstableNode => "unstable node",
        FixedPointType.StableFocus => "stable focus",
        FixedPointType.UnstableFocus => "unstable focus",
        FixedPointType.Saddle => "saddle",
        FixedPointType.Centre => "centre",
        FixedPointType.Stable => "stable",
        FixedPointType.Unstable => "unstable",
        _ => "non-hyperbolic",
    };
}
