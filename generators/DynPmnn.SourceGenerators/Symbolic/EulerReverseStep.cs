using System.Linq;

namespace DynPmnn.SourceGenerators.Symbolic;

/// <summary>
/// The reverse explicit Euler step as expressions: aⱼ ← Σᵢ (δᵢⱼ + dt·Jᵢⱼ) aᵢ. An entry δᵢⱼ + dt·Jᵢⱼ that is invariant,
/// or a polynomial in one variable (see <see cref="Polynomial"/>), has dt folded into coefficients that are computed
/// once per integration, so the entry costs a fused multiply-add per degree; any other entry is evaluated as dt·aᵢ
/// times the partial, as written.
/// </summary>
internal static class EulerReverseStep
{
    /// <summary>The new adjoints, with <paramref name="adjoints"/>[i] standing for aᵢ.</summary>
    /// <param name="partials">∂fᵢ/∂xⱼ, the states in the first columns.</param>
    public static Expr[] Adjoints(Expr[,] partials, Variable[] adjoints, Variable stepSize)
    {
        var stateCount = adjoints.Length;
        var result = new Expr[stateCount];
        for (var j = 0; j < stateCount; j++)
        {
            Expr? sum = null;
            foreach (var i in Enumerable.Range(0, stateCount).OrderBy(i => i == j ? 0 : 1))
            {
                var partial = partials[i, j];
                var diagonal = i == j;
                Expr term;
                if (E.IsZero(partial))
                {
                    if (!diagonal)
                    {
                        continue;
                    }

                    term = adjoints[i];
                }
                else if (Fold(partial, diagonal, stepSize) is { } folded)
                {
                    term = E.Multiply(adjoints[i], folded);
                }
                else
                {
                    term = E.Multiply(E.Multiply(stepSize, adjoints[i]), partial);
                    if (diagonal)
                    {
                        term = E.Add(term, adjoints[i]);
                    }
                }

                sum = sum is null ? term : E.Add(term, sum);
            }

            result[j] = sum!;
        }

        return result;
    }

    /// <summary>δ + dt · <paramref name="partial"/> with dt folded into invariant coefficients, or null when it cannot be.</summary>
    private static Expr? Fold(Expr partial, bool diagonal, Variable stepSize)
    {
        if (!Polynomial.TryExpand(partial, out var x, out var coefficients))
        {
            return null;
        }

        var scaled = coefficients.Select(c => E.Multiply(stepSize, c)).ToArray();
        if (diagonal)
        {
            scaled[0] = E.Add(E.One, scaled[0]);
        }

        return x is null ? scaled[0] : Polynomial.Horner(x, scaled);
    }
}
