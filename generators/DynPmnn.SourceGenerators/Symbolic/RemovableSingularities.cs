using System;
using System.Collections.Generic;
using System.Linq;

namespace DynPmnn.SourceGenerators.Symbolic;

/// <summary>
/// Rewrites rate expressions of the form <c>k·L / (exp(L) − 1)</c> and <c>k·L / (1 − exp(L))</c>, with <c>L</c> affine in
/// the variables, into <c>±k·B(L)</c> where <c>B(x) = x / (eˣ − 1)</c> is evaluated by its series near 0. Hodgkin–Huxley's
/// <c>αₙ = 0.01 (V + 55) / (1 − exp(−(V + 55) / 10))</c> is 0/0 at V = −55 as written; after the rewrite both it and its
/// derivative are exact there.
/// </summary>
/// <remarks>
/// The slope need not be a constant: in <c>(V + 40) / (1 − exp(−(V + 40) / K))</c> with a trained parameter <c>K</c>,
/// the exponent is an invariant scale (−1/K) times an affine part, and the numerator a product one of whose factors is
/// a multiple of that part; the quotient is then <c>K·B(−(V + 40)/K)</c>, with the numerator's other factors (any
/// expressions) and the scale as a coefficient, so the derivative with respect to K is exact at the singularity too.
/// </remarks>
internal static class RemovableSingularities
{
    /// <summary>Rewrites every right-hand side, each shared node once, so nodes shared between them stay shared.</summary>
    public static Expr[] Rewrite(IEnumerable<Expr> expressions)
    {
        var memo = new Dictionary<Expr, Expr>();
        return expressions.Select(e => Rewrite(e, memo)).ToArray();
    }

    public static Expr Rewrite(Expr e) => Rewrite(e, new Dictionary<Expr, Expr>());

    private static Expr Rewrite(Expr e, Dictionary<Expr, Expr> memo)
    {
        if (e is not Operation o)
        {
            return e;
        }

        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        var operands = new Expr[o.Children.Count];
        var changed = false;
        for (var i = 0; i < operands.Length; i++)
        {
            operands[i] = Rewrite(o[i], memo);
            changed |= !ReferenceEquals(operands[i], o[i]);
        }

        var rebuilt = changed ? E.Rebuild(o, operands) : o;
        if (rebuilt is Operation { Op: Operator.Divide } division && TryBernoulli(division[0], division[1]) is { } replacement)
        {
            rebuilt = replacement;
        }

        memo[e] = rebuilt;
        return rebuilt;
    }

    private static Expr? TryBernoulli(Expr numerator, Expr denominator)
    {
        if (!TryExpMinusOne(denominator, out var exponent, out var sign))
        {
            return null;
        }

        var n = Affine.Of(numerator);
        var l = Affine.Of(exponent);
        if (n is not null && l is not null && l.Coefficients.Count > 0 && n.TryRatioTo(l, out var k))
        {
            return E.Multiply(E.Const(sign * k), E.Apply(Operator.Bernoulli, exponent));
        }

        return TryScaledBernoulli(numerator, exponent, sign);
    }

    /// <summary>
    /// The general form: exponent L = s·(Π scale / Π divisor)·A with A affine and the scales invariant, numerator
    /// N = t·F·(Π other) / (Π below) with F = r·A. Then N / (σ(e^L − 1)) = σ·s·t·r·(Π other · Π divisor) / (Π below · Π scale) · B(L).
    /// </summary>
    private static Expr? TryScaledBernoulli(Expr numerator, Expr exponent, double sign)
    {
        var l = Product.Of(exponent, invariantOnly: true);
        var affine = Affine.Of(l.Rest);
        if (affine is null || affine.Coefficients.Count == 0)
        {
            return null;
        }

        var n = Product.Of(numerator, invariantOnly: false);
        for (var i = 0; i < n.Factors.Count; i++)
        {
            if (Affine.Of(n.Factors[i]) is not { } candidate || !candidate.TryRatioTo(affine, out var ratio))
            {
                continue;
            }

            Expr coefficient = E.Const(sign * n.Sign * l.Sign * ratio);
            for (var j = 0; j < n.Factors.Count; j++)
            {
                coefficient = j == i ? coefficient : E.Multiply(coefficient, n.Factors[j]);
            }

            Expr denominator = E.One;
            foreach (var divisor in l.Divisors)
            {
                coefficient = E.Multiply(coefficient, divisor);
            }

            foreach (var divisor in n.Divisors.Concat(l.Factors))
            {
                denominator = E.Multiply(denominator, divisor);
            }

            return E.Multiply(E.Divide(coefficient, denominator), E.Apply(Operator.Bernoulli, exponent));
        }

        return null;
    }

    /// <summary>
    /// An expression as sign · Π factors / Π divisors, through negations, products and quotients. With
    /// <c>invariantOnly</c>, only invariant factors and divisors are taken, and what is left over is <see cref="Rest"/>.
    /// </summary>
    private sealed class Product
    {
        public double Sign { get; private set; } = 1;

        public List<Expr> Factors { get; } = new();

        public List<Expr> Divisors { get; } = new();

        public Expr Rest { get; private set; } = E.One;

        public static Product Of(Expr e, bool invariantOnly)
        {
            var product = new Product();
            product.Collect(e, invariantOnly);
            return product;
        }

        private void Collect(Expr e, bool invariantOnly)
        {
            switch (e)
            {
                case Operation { Op: Operator.Negate } n:
                    Sign = -Sign;
                    Collect(n[0], invariantOnly);
                    return;
                case Operation { Op: Operator.Multiply } m when !invariantOnly:
                    Collect(m[0], invariantOnly);
                    Collect(m[1], invariantOnly);
                    return;
                case Operation { Op: Operator.Multiply } m when m[0].IsInvariant && !m[1].IsInvariant:
                    Factors.Add(m[0]);
                    Collect(m[1], invariantOnly);
                    return;
                case Operation { Op: Operator.Multiply } m when m[1].IsInvariant && !m[0].IsInvariant:
                    Factors.Add(m[1]);
                    Collect(m[0], invariantOnly);
                    return;
                case Operation { Op: Operator.Divide } d when !invariantOnly || (d[1].IsInvariant && !d[0].IsInvariant):
                    Divisors.Add(d[1]);
                    Collect(d[0], invariantOnly);
                    return;
                default:
                    if (invariantOnly)
                    {
                        Rest = e;
                    }
                    else
                    {
                        Factors.Add(e);
                    }

                    return;
            }
        }
    }

    /// <summary>Matches <c>exp(L) − 1</c> (sign +1) and <c>1 − exp(L)</c> (sign −1), in the forms the simplifier leaves.</summary>
    private static bool TryExpMinusOne(Expr e, out Expr exponent, out double sign)
    {
        exponent = E.Zero;
        sign = 0;
        if (e is not Operation o)
        {
            return false;
        }

        if (o.Op == Operator.Subtract && o[0] is Operation { Op: Operator.Exp } a && E.IsConstant(o[1], 1))
        {
            exponent = a[0];
            sign = 1;
            return true;
        }

        if (o.Op == Operator.Subtract && E.IsConstant(o[0], 1) && o[1] is Operation { Op: Operator.Exp } b)
        {
            exponent = b[0];
            sign = -1;
            return true;
        }

        if (o.Op == Operator.Add)
        {
            if (o[0] is Operation { Op: Operator.Exp } c && E.IsConstant(o[1], -1))
            {
                exponent = c[0];
                sign = 1;
                return true;
            }

            if (o[1] is Operation { Op: Operator.Exp } d && E.IsConstant(o[0], -1))
            {
                exponent = d[0];
                sign = 1;
                return true;
            }
        }

        return false;
    }

    /// <summary>An expression of the form <c>Σ cᵢ·xᵢ + c₀</c>.</summary>
    private sealed class Affine
    {
        private Affine(Dictionary<Variable, double> coefficients, double offset)
        {
            Coefficients = coefficients;
            Offset = offset;
        }

        public Dictionary<Variable, double> Coefficients { get; }

        public double Offset { get; }

        public static Affine? Of(Expr e)
        {
            switch (e)
            {
                case Constant c:
                    return new Affine(new Dictionary<Variable, double>(), c.Value);
                case Variable v:
                    return new Affine(new Dictionary<Variable, double> { [v] = 1 }, 0);
                case Operation { Op: Operator.Add } o:
                    return Sum(Of(o[0]), Of(o[1]), 1);
                case Operation { Op: Operator.Subtract } o:
                    return Sum(Of(o[0]), Of(o[1]), -1);
                case Operation { Op: Operator.Negate } o:
                    return Of(o[0])?.Scale(-1);
                case Operation { Op: Operator.Multiply } o when o[0] is Constant c:
                    return Of(o[1])?.Scale(c.Value);
                case Operation { Op: Operator.Multiply } o when o[1] is Constant c:
                    return Of(o[0])?.Scale(c.Value);
                case Operation { Op: Operator.Divide } o when o[1] is Constant c && c.Value != 0:
                    return Of(o[0])?.Scale(1 / c.Value);
                default:
                    return null;
            }
        }

        /// <summary>Finds k with this = k · other, term by term.</summary>
        public bool TryRatioTo(Affine other, out double k)
        {
            var pivot = other.Coefficients.First();
            k = Coefficients.TryGetValue(pivot.Key, out var c) ? c / pivot.Value : 0;
            if (k == 0 || Coefficients.Count != other.Coefficients.Count)
            {
                return false;
            }

            foreach (var term in other.Coefficients)
            {
                if (!Coefficients.TryGetValue(term.Key, out var mine) || !Close(mine, k * term.Value))
                {
                    return false;
                }
            }

            return Close(Offset, k * other.Offset);
        }

        private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

        private static Affine? Sum(Affine? a, Affine? b, double signOfB)
        {
            if (a is null || b is null)
            {
                return null;
            }

            var coefficients = new Dictionary<Variable, double>(a.Coefficients);
            foreach (var term in b.Coefficients)
            {
                coefficients.TryGetValue(term.Key, out var existing);
                coefficients[term.Key] = existing + (signOfB * term.Value);
            }

            return new Affine(coefficients, a.Offset + (signOfB * b.Offset));
        }

        private Affine Scale(double factor)
        {
            var coefficients = new Dictionary<Variable, double>();
            foreach (var term in Coefficients)
            {
                coefficients[term.Key] = term.Value * factor;
            }

            return new Affine(coefficients, Offset * factor);
        }
    }
}
