namespace DynPmnn.SourceGenerators.Symbolic;

/// <summary>
/// Moves factors that do not change during an integration (parameters, the step size, constants) next to each other,
/// so that <c>dt · (B · u)</c> becomes <c>(dt · B) · u</c> and <c>dt · ((I − V) / τ)</c> becomes <c>(dt / τ) · (I − V)</c>.
/// The invariant product is then computed once per integration instead of once per step, and the update
/// <c>x + (dt · B) · u</c> is a single fused multiply-add.
/// </summary>
internal static class InvariantFactors
{
    /// <summary>Whether <paramref name="e"/> depends only on parameters, the step size and constants.</summary>
    /// <remarks>Known for every node when it is made (see <see cref="Expr.IsInvariant"/>), so asking costs nothing on a large graph.</remarks>
    public static bool IsInvariant(Expr e) => e.IsInvariant;

    /// <summary><paramref name="factor"/> · <paramref name="e"/>, with the invariant part of <paramref name="e"/>'s top-level product pulled into the factor.</summary>
    public static Expr Scale(Expr factor, Expr e)
    {
        switch (e)
        {
            case Operation { Op: Operator.Multiply } m when IsInvariant(m[0]):
                return Scale(E.Multiply(factor, m[0]), m[1]);
            case Operation { Op: Operator.Multiply } m when IsInvariant(m[1]):
                return Scale(E.Multiply(factor, m[1]), m[0]);
            case Operation { Op: Operator.Divide } d when IsInvariant(d[1]):
                return Scale(E.Divide(factor, d[1]), d[0]);
            case Operation { Op: Operator.Negate } n:
                return Scale(E.Negate(factor), n[0]);
            default:
                return IsInvariant(e) ? E.Multiply(factor, e) : E.Node(Operator.Multiply, factor, e);
        }
    }
}
