using System.Collections.Generic;

namespace DynPmnn.SourceGenerators.Symbolic;

/// <summary>
/// How the reverse pass accumulates parameter and input gradients. The gradient of θ over a step is Σᵢ cᵢ · ∂fᵢ/∂θ;
/// each partial is split into invariant factors k (parameters, constants) and a varying part m (states, inputs), so
/// that the pass only accumulates the sums σ = Σ cᵢ · m, one per distinct (i, m), and g_θ = Σ k · σ is formed once at
/// the end. For FitzHugh–Nagumo, ∂(dW)/∂B = V − G·W and ∂(dW)/∂G = −B·W share σ = Σ c_W · W, and no step multiplies
/// by B or G: three fused multiply-adds per step instead of six multiplications and four additions.
/// </summary>
internal sealed class GradientSumPlan
{
    private GradientSumPlan(List<GradientSum> sums, List<GradientTerm>[] terms)
    {
        Sums = sums;
        Terms = terms;
    }

    /// <summary>The sums a reverse step accumulates into.</summary>
    public IReadOnlyList<GradientSum> Sums { get; }

    /// <summary>For each of the given variables, the terms k · σ its gradient is made of.</summary>
    public IReadOnlyList<GradientTerm>[] Terms { get; }

    /// <summary>Plans the sums for the gradients with respect to <paramref name="variables"/>; <c>partials[i, j]</c> = ∂fᵢ/∂ variables[j].</summary>
    public static GradientSumPlan Create(Expr[,] partials, int stateCount, int firstColumn, int count)
    {
        var sums = new List<GradientSum>();
        var index = new Dictionary<(int, Expr), int>();
        var terms = new List<GradientTerm>[count];
        for (var q = 0; q < count; q++)
        {
            terms[q] = new List<GradientTerm>();
            for (var i = 0; i < stateCount; i++)
            {
                var partial = partials[i, firstColumn + q];
                if (E.IsZero(partial))
                {
                    continue;
                }

                foreach (var (factor, varying) in Split(partial))
                {
                    if (!index.TryGetValue((i, varying), out var sum))
                    {
                        sum = sums.Count;
                        index[(i, varying)] = sum;
                        sums.Add(new GradientSum(i, varying));
                    }

                    terms[q].Add(new GradientTerm(sum, factor));
                }
            }
        }

        return new GradientSumPlan(sums, terms);
    }

    /// <summary>
    /// A partial as Σ k · m. A sum is split into its terms only when every term's varying part is a single variable
    /// (or 1): then each term costs one fused multiply-add either way, and equal parts are shared between gradients.
    /// </summary>
    private static List<(Expr Factor, Expr Varying)> Split(Expr partial)
    {
        var addends = new List<(bool Negative, Expr Term)>();
        if (!Addends(partial, false, addends))
        {
            return new List<(Expr, Expr)> { Factor(partial) };
        }

        var split = new List<(Expr, Expr)>();
        foreach (var (negative, term) in addends)
        {
            var (factor, varying) = Factor(term);
            if (varying is not (Variable or Constant))
            {
                return new List<(Expr, Expr)> { Factor(partial) };
            }

            split.Add((negative ? E.Negate(factor) : factor, varying));
        }

        return split;
    }

    /// <summary>Most terms a partial is split into; a sum of shared sums can have exponentially many, and is kept whole.</summary>
    private const int MaxAddends = 32;

    /// <summary>The terms of a sum; false when there are more than <see cref="MaxAddends"/>.</summary>
    private static bool Addends(Expr e, bool negative, List<(bool, Expr)> into)
    {
        switch (e)
        {
            case Operation { Op: Operator.Add } a:
                return Addends(a[0], negative, into) && Addends(a[1], negative, into);
            case Operation { Op: Operator.Subtract } s:
                return Addends(s[0], negative, into) && Addends(s[1], !negative, into);
            case Operation { Op: Operator.Negate } n:
                return Addends(n[0], !negative, into);
            default:
                into.Add((negative, e));
                return into.Count <= MaxAddends;
        }
    }

    /// <summary>A product split into its invariant factor and its varying rest (1 when nothing varies).</summary>
    private static (Expr Factor, Expr Varying) Factor(Expr e) => Factor(e, new Dictionary<Expr, (Expr, Expr)>());

    /// <remarks>Memoised: a product of shared products (x·x with x = y·y, ...) would otherwise be split along every path.</remarks>
    private static (Expr Factor, Expr Varying) Factor(Expr e, Dictionary<Expr, (Expr, Expr)> memo)
    {
        if (InvariantFactors.IsInvariant(e))
        {
            return (e, E.One);
        }

        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        (Expr, Expr) result;
        switch (e)
        {
            case Operation { Op: Operator.Multiply } m:
            {
                var (k0, v0) = Factor(m[0], memo);
                var (k1, v1) = Factor(m[1], memo);
                result = (E.Multiply(k0, k1), E.Multiply(v0, v1));
                break;
            }

            case Operation { Op: Operator.Divide } d when InvariantFactors.IsInvariant(d[1]):
            {
                var (k, v) = Factor(d[0], memo);
                result = (E.Divide(k, d[1]), v);
                break;
            }

            case Operation { Op: Operator.Negate } n:
            {
                var (k, v) = Factor(n[0], memo);
                result = (E.Negate(k), v);
                break;
            }

            default:
                result = (E.One, e);
                break;
        }

        memo[e] = result;
        return result;
    }
}

/// <summary>σ = Σ c_State · Varying over the steps (and stages) of a reverse pass.</summary>
internal sealed record GradientSum(int State, Expr Varying);

/// <summary>One term Factor · σ_Sum of a gradient.</summary>
internal sealed record GradientTerm(int Sum, Expr Factor);
