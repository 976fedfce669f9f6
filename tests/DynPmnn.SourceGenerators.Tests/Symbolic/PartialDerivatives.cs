using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Tests.Symbolic;

/// <summary>The matrix of partial derivatives the generator builds for a neuron, for tests of the rewrites that read it.</summary>
internal static class PartialDerivatives
{
    /// <summary><c>[i, j]</c> = ∂<paramref name="derivatives"/>[i]/∂<paramref name="columns"/>[j].</summary>
    public static Expr[,] Of(Expr[] derivatives, Variable[] columns)
    {
        var partials = new Expr[derivatives.Length, columns.Length];
        for (var i = 0; i < derivatives.Length; i++)
        {
            for (var j = 0; j < columns.Length; j++)
            {
                partials[i, j] = Differentiator.Differentiate(derivatives[i], columns[j]);
            }
        }

        return partials;
    }
}
