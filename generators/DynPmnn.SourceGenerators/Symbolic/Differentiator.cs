using System;
using System.Collections.Generic;

namespace DynPmnn.SourceGenerators.Symbolic;

/// <summary>
/// Symbolic partial derivatives, one rule per operation, built through the simplifying constructors of <see cref="E"/>.
/// Results are memoised per node, so shared subtrees are differentiated once and stay shared.
/// </summary>
internal sealed class Differentiator
{
    private readonly Variable variable;
    private readonly Dictionary<Expr, Expr> memo = new();

    public Differentiator(Variable variable) => this.variable = variable;

    /// <summary>∂<paramref name="expression"/>/∂<paramref name="variable"/>.</summary>
    public static Expr Differentiate(Expr expression, Variable variable) => new Differentiator(variable).D(expression);

    /// <summary>∂<paramref name="expression"/>/∂ the variable, reusing what earlier calls on this instance differentiated.</summary>
    public Expr Differentiate(Expr expression) => D(expression);

    private Expr D(Expr e)
    {
        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        var result = e switch
        {
            Constant => E.Zero,
            Variable v => v.Equals(variable) ? E.One : E.Zero,
            Operation o => DOperation(o),
            _ => throw new InvalidOperationException($"Unknown node {e.GetType().Name}."),
        };
        memo[e] = result;
        return result;
    }

    private Expr DOperation(Operation o)
    {
        if (o.IsCondition)
        {
            // Masks are piecewise constant: they carry no derivative of their own.
            return E.Zero;
        }

        var u = o[0];
        switch (o.Op)
        {
            case Operator.Add:
                return E.Add(D(u), D(o[1]));
            case Operator.Subtract:
                return E.Subtract(D(u), D(o[1]));
            case Operator.Negate:
                return E.Negate(D(u));
            case Operator.Multiply:
                return E.Add(E.Multiply(D(u), o[1]), E.Multiply(u, D(o[1])));
            case Operator.Divide:
                {
                    // (u/v)' = (u' − (u/v)·v') / v, which reuses the quotient already computed by the forward pass.
                    var v = o[1];
                    var du = D(u);
                    var dv = D(v);
                    return E.IsZero(dv) ? E.Divide(du, v) : E.Divide(E.Subtract(du, E.Multiply(o, dv)), v);
                }

            case Operator.Power:
                return DPower(o, u, o[1]);
            case Operator.Exp:
                return Chain(o, u);
            case Operator.Log:
                return E.Divide(D(u), u);
            case Operator.Sqrt:
                return E.Divide(D(u), E.Multiply(E.Const(2), o));
            case Operator.Tanh:
                return Chain(E.Subtract(E.One, E.Multiply(o, o)), u);
            case Operator.Sinh:
                return Chain(E.Apply(Operator.Cosh, u), u);
            case Operator.Cosh:
                return Chain(E.Apply(Operator.Sinh, u), u);
            case Operator.Sin:
                return Chain(E.Apply(Operator.Cos, u), u);
            case Operator.Cos:
                return Chain(E.Negate(E.Apply(Operator.Sin, u)), u);
            case Operator.Abs:
                return Chain(E.Apply(Operator.Sign, u), u);
            case Operator.Sign:
                return E.Zero;
            case Operator.Bernoulli:
                return Chain(E.Apply(Operator.BernoulliDerivative, u), u);
            case Operator.Max:
                // The derivative follows the operand that was taken, like a conditional.
                return E.Conditional(E.Compare(Operator.GreaterThanOrEqual, u, o[1]), D(u), D(o[1]));
            case Operator.Min:
                return E.Conditional(E.Compare(Operator.LessThanOrEqual, u, o[1]), D(u), D(o[1]));
            case Operator.Conditional:
                return E.Conditional(u, D(o[1]), D(o[2]));
            default:
                throw new NotSupportedException($"No derivative rule for {o.Op}.");
        }
    }

    /// <summary>f(u)' = f′(u) · u′.</summary>
    private Expr Chain(Expr outer, Expr u) => E.Multiply(outer, D(u));

    private Expr DPower(Operation o, Expr x, Expr y)
    {
        var dx = D(x);
        var dy = D(y);
        if (y is Constant c)
        {
            // (x^c)' = c · x^(c−1) · x′
            return E.Multiply(E.Multiply(c, E.Power(x, E.Const(c.Value - 1))), dx);
        }

        // (x^y)' = x^y · (y′ · ln |x| + y · x′ / x). A negative x has a power only for integral y, ±|x|^y, whose
        // derivative has ln |x|: ln x would be NaN there, and make the whole derivative NaN even where y′ is 0.
        var viaExponent = E.Multiply(dy, E.Apply(Operator.Log, E.Apply(Operator.Abs, x)));
        var viaBase = E.Divide(E.Multiply(y, dx), x);
        return E.Multiply(o, E.Add(viaExponent, viaBase));
    }
}
