using System;
using System.Collections.Generic;

namespace DynPmnn.SourceGenerators.Symbolic;

/// <summary>
/// Recognises an expression that is a low-degree polynomial in one varying variable with invariant coefficients
/// (parameters, the step size, constants), such as FitzHugh–Nagumo's <c>∂(dV)/∂V = −((V − A + V)(V − 1) + V(V − A))</c>
/// = <c>−3V² + 2(1 + A)V − A</c>. Evaluated in Horner form with the coefficients computed once per integration, it
/// costs one fused multiply-add per degree, and a factor such as the step size folds into the coefficients.
/// </summary>
internal static class Polynomial
{
    /// <summary>Highest degree expanded; beyond it the expression is evaluated as written.</summary>
    public const int MaxDegree = 4;

    /// <summary>
    /// The coefficients c₀, c₁, ... of <paramref name="e"/> = Σ cₖ xᵏ, lowest first, and the variable x; false when
    /// <paramref name="e"/> is not such a polynomial (another function of x, a second varying variable, too high a
    /// degree). An invariant expression is a polynomial of degree 0 with no variable.
    /// </summary>
    public static bool TryExpand(Expr e, out Variable? variable, out Expr[] coefficients)
    {
        variable = null;
        coefficients = Array.Empty<Expr>();
        if (!TryFindVariable(e, out var x))
        {
            return false;
        }

        var result = new Expander(x).Expand(e);
        variable = x;
        coefficients = result ?? Array.Empty<Expr>();
        return result is not null;
    }

    /// <summary>The one varying variable of <paramref name="e"/> (null when it is invariant); false when there are several.</summary>
    private static bool TryFindVariable(Expr e, out Variable? variable)
    {
        variable = null;
        var visited = new HashSet<Expr>();
        var pending = new Stack<Expr>();
        pending.Push(e);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node.IsInvariant || !visited.Add(node))
            {
                continue;
            }

            if (node is Variable v)
            {
                if (variable is not null && !variable.Equals(v))
                {
                    return false;
                }

                variable = v;
            }

            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }

        return true;
    }

    /// <summary>Σ cₖ xᵏ as nested fused multiply-adds: ((c₃·x + c₂)·x + c₁)·x + c₀.</summary>
    public static Expr Horner(Variable x, Expr[] coefficients)
    {
        var result = coefficients[coefficients.Length - 1];
        for (var k = coefficients.Length - 2; k >= 0; k--)
        {
            result = E.Add(E.Multiply(result, x), coefficients[k]);
        }

        return result;
    }

    /// <summary>Expands in one known variable, each shared node once: a sum of shared sums is otherwise expanded along every path.</summary>
    private sealed class Expander(Variable? x)
    {
        private readonly Dictionary<Expr, Expr[]?> memo = new();

        public Expr[]? Expand(Expr e)
        {
            if (InvariantFactors.IsInvariant(e))
            {
                return new[] { e };
            }

            if (memo.TryGetValue(e, out var known))
            {
                return known;
            }

            var result = ExpandCore(e);
            memo[e] = result;
            return result;
        }

        private Expr[]? ExpandCore(Expr e)
        {
            switch (e)
            {
                case Variable v:
                    return v.Equals(x) ? new Expr[] { E.Zero, E.One } : null;
                case Operation o:
                    switch (o.Op)
                    {
                        case Operator.Add:
                        case Operator.Subtract:
                        {
                            var a = Expand(o[0]);
                            var b = a is null ? null : Expand(o[1]);
                            return b is null ? null : Combine(a!, b, o.Op == Operator.Add ? E.Add : E.Subtract);
                        }

                        case Operator.Negate:
                        {
                            var a = Expand(o[0]);
                            return a is null ? null : Array.ConvertAll(a, E.Negate);
                        }

                        case Operator.Multiply:
                        {
                            var a = Expand(o[0]);
                            var b = a is null ? null : Expand(o[1]);
                            return b is null ? null : Convolve(a!, b);
                        }

                        case Operator.Divide when InvariantFactors.IsInvariant(o[1]):
                        {
                            var a = Expand(o[0]);
                            var divisor = o[1];
                            return a is null ? null : Array.ConvertAll(a, c => E.Divide(c, divisor));
                        }

                        case Operator.Power when o[1] is Constant { Value: >= 2 and <= MaxDegree } n && n.Value == Math.Floor(n.Value):
                        {
                            var a = Expand(o[0]);
                            var result = a;
                            for (var k = 1; result is not null && k < n.Value; k++)
                            {
                                result = Convolve(result, a!);
                            }

                            return result;
                        }
                    }

                    break;
            }

            return null;
        }
    }

    private static Expr[] Combine(Expr[] a, Expr[] b, Func<Expr, Expr, Expr> op)
    {
        var result = new Expr[Math.Max(a.Length, b.Length)];
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = op(k < a.Length ? a[k] : E.Zero, k < b.Length ? b[k] : E.Zero);
        }

        return Trim(result);
    }

    private static Expr[]? Convolve(Expr[] a, Expr[] b)
    {
        if (a.Length + b.Length - 2 > MaxDegree)
        {
            return null;
        }

        var result = new Expr[a.Length + b.Length - 1];
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = E.Zero;
        }

        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < b.Length; j++)
            {
                result[i + j] = E.Add(result[i + j], E.Multiply(a[i], b[j]));
            }
        }

        return Trim(result);
    }

    private static Expr[] Trim(Expr[] coefficients)
    {
        var length = coefficients.Length;
        while (length > 1 && E.IsZero(coefficients[length - 1]))
        {
            length--;
        }

        if (length == coefficients.Length)
        {
            return coefficients;
        }

        var trimmed = new Expr[length];
        Array.Copy(coefficients, trimmed, length);
        return trimmed;
    }
}
