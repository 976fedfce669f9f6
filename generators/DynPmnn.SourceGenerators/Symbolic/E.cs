using System;

namespace DynPmnn.SourceGenerators.Symbolic;

/// <summary>
/// Smart constructors for <see cref="Expr"/>: each folds constants and applies the identities that keep derivatives
/// small (<c>0·x = 0</c>, <c>1·x = x</c>, <c>x − x = 0</c>, <c>−(−x) = x</c>, ...). The rules are local on purpose:
/// they never reorder floating-point arithmetic beyond what the user wrote, except where both sides are constants.
/// </summary>
/// <remarks>
/// <c>0·x = 0</c>, <c>0/x = 0</c>, <c>x − x = 0</c> and <c>x/x = 1</c> are false for an infinite or NaN <c>x</c>. They
/// are what make a partial derivative with respect to a variable that does not occur 0, and derivatives use them;
/// the user's own expressions are built <see cref="Strictly"/>, without them, so a NaN the C# method would compute
/// (the log of a negative number times zero) is computed by the kernels too.
/// </remarks>
internal static class E
{
    [ThreadStatic]
    private static int strictness;

    /// <summary>Until disposed, only identities that hold for every floating-point value, NaN and infinities included, are applied.</summary>
    public static IDisposable Strictly()
    {
        strictness++;
        return new StrictScope();
    }

    /// <summary>Whether identities that only hold for finite values may be applied.</summary>
    private static bool Finite => strictness == 0;

    public static readonly Constant Zero = new(0);
    public static readonly Constant One = new(1);

    public static Constant Const(double value) => new(value);

    /// <summary>The operation as given, without simplifying, shared with an equal one made before (see <see cref="ExprTable"/>).</summary>
    public static Expr Node(Operator op, params Expr[] operands) => ExprTable.Intern(new Operation(op, operands));

    public static bool IsConstant(Expr e, double value) => e is Constant c && c.Value.Equals(value);

    public static bool IsZero(Expr e) => IsConstant(e, 0);

    public static Expr Add(Expr a, Expr b)
    {
        if (a is Constant ca && b is Constant cb)
        {
            return Const(ca.Value + cb.Value);
        }

        if (IsZero(a))
        {
            return b;
        }

        if (IsZero(b))
        {
            return a;
        }

        if (b is Operation { Op: Operator.Negate } nb)
        {
            return Subtract(a, nb[0]);
        }

        if (a is Operation { Op: Operator.Negate } na)
        {
            return Subtract(b, na[0]);
        }

        return Node(Operator.Add, a, b);
    }

    public static Expr Subtract(Expr a, Expr b)
    {
        if (a is Constant ca && b is Constant cb)
        {
            return Const(ca.Value - cb.Value);
        }

        if (IsZero(b))
        {
            return a;
        }

        if (IsZero(a))
        {
            return Negate(b);
        }

        if (Finite && a.Equals(b))
        {
            return Zero;
        }

        if (b is Operation { Op: Operator.Negate } nb)
        {
            return Add(a, nb[0]);
        }

        return Node(Operator.Subtract, a, b);
    }

    public static Expr Negate(Expr a)
    {
        switch (a)
        {
            case Constant c:
                return Const(-c.Value);
            case Operation { Op: Operator.Negate } n:
                return n[0];
            case Operation { Op: Operator.Subtract } s:
                return Node(Operator.Subtract, s[1], s[0]);
            case Operation { Op: Operator.Multiply } m when m[0] is Constant c:
                return Multiply(Const(-c.Value), m[1]);
            default:
                return Node(Operator.Negate, a);
        }
    }

    public static Expr Multiply(Expr a, Expr b)
    {
        if (a is Constant ca && b is Constant cb)
        {
            return Const(ca.Value * cb.Value);
        }

        if (Finite && (IsZero(a) || IsZero(b)))
        {
            return Zero;
        }

        if (IsConstant(a, 1))
        {
            return b;
        }

        if (IsConstant(b, 1))
        {
            return a;
        }

        if (IsConstant(a, -1))
        {
            return Negate(b);
        }

        if (IsConstant(b, -1))
        {
            return Negate(a);
        }

        if (a is Operation { Op: Operator.Negate } na)
        {
            return Negate(Multiply(na[0], b));
        }

        if (b is Operation { Op: Operator.Negate } nb)
        {
            return Negate(Multiply(a, nb[0]));
        }

        // Constants go first, and two constant factors meet: c1·(c2·x) = (c1·c2)·x.
        if (b is Constant && a is not Constant)
        {
            return Multiply(b, a);
        }

        if (a is Constant c1 && b is Operation { Op: Operator.Multiply } mb && mb[0] is Constant c2)
        {
            return Multiply(Const(c1.Value * c2.Value), mb[1]);
        }

        return Node(Operator.Multiply, a, b);
    }

    public static Expr Divide(Expr a, Expr b)
    {
        if (a is Constant ca && b is Constant cb && cb.Value != 0)
        {
            return Const(ca.Value / cb.Value);
        }

        if (Finite && IsZero(a))
        {
            return Zero;
        }

        if (IsConstant(b, 1))
        {
            return a;
        }

        if (IsConstant(b, -1))
        {
            return Negate(a);
        }

        if (Finite && a.Equals(b))
        {
            return One;
        }

        if (a is Operation { Op: Operator.Negate } na)
        {
            return Negate(Divide(na[0], b));
        }

        return Node(Operator.Divide, a, b);
    }

    public static Expr Power(Expr x, Expr y)
    {
        if (y is Constant cy)
        {
            if (cy.Value == 0)
            {
                return One;
            }

            if (cy.Value == 1)
            {
                return x;
            }

            if (x is Constant cx)
            {
                var folded = Math.Pow(cx.Value, cy.Value);
                if (IsFinite(folded))
                {
                    return Const(folded);
                }
            }
        }

        return Node(Operator.Power, x, y);
    }

    /// <summary>A one-argument function, folded when its argument is a constant and the value is finite.</summary>
    public static Expr Apply(Operator function, Expr x)
    {
        if (x is Constant c)
        {
            var folded = Evaluate(function, c.Value);
            if (folded is { } value && IsFinite(value))
            {
                return Const(value);
            }
        }

        if (function == Operator.Abs && x is Operation { Op: Operator.Abs or Operator.Exp })
        {
            return x;
        }

        return Node(function, x);
    }

    public static Expr Max(Expr a, Expr b) => a.Equals(b) ? a : a is Constant ca && b is Constant cb ? Const(Math.Max(ca.Value, cb.Value)) : Node(Operator.Max, a, b);

    public static Expr Min(Expr a, Expr b) => a.Equals(b) ? a : a is Constant ca && b is Constant cb ? Const(Math.Min(ca.Value, cb.Value)) : Node(Operator.Min, a, b);

    public static Expr Compare(Operator comparison, Expr a, Expr b) => Node(comparison, a, b);

    public static Expr Logical(Operator op, Expr a, Expr b) => Node(op, a, b);

    public static Expr Not(Expr a) => a is Operation { Op: Operator.Not } n ? n[0] : Node(Operator.Not, a);

    public static Expr Conditional(Expr condition, Expr whenTrue, Expr whenFalse) =>
        whenTrue.Equals(whenFalse) ? whenTrue : Node(Operator.Conditional, condition, whenTrue, whenFalse);

    /// <summary>Rebuilds an operation from new operands through the simplifying constructors.</summary>
    public static Expr Rebuild(Operation o, Expr[] operands) => o.Op switch
    {
        Operator.Add => Add(operands[0], operands[1]),
        Operator.Subtract => Subtract(operands[0], operands[1]),
        Operator.Multiply => Multiply(operands[0], operands[1]),
        Operator.Divide => Divide(operands[0], operands[1]),
        Operator.Negate => Negate(operands[0]),
        Operator.Power => Power(operands[0], operands[1]),
        Operator.Max => Max(operands[0], operands[1]),
        Operator.Min => Min(operands[0], operands[1]),
        Operator.Not => Not(operands[0]),
        Operator.Conditional => Conditional(operands[0], operands[1], operands[2]),
        Operator.LessThan or Operator.LessThanOrEqual or Operator.GreaterThan or Operator.GreaterThanOrEqual
            or Operator.Equal or Operator.NotEqual or Operator.And or Operator.Or => Node(o.Op, operands[0], operands[1]),
        _ => Apply(o.Op, operands[0]),
    };

    public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    private static double? Evaluate(Operator function, double x) => function switch
    {
        Operator.Exp => Math.Exp(x),
        Operator.Log => x > 0 ? Math.Log(x) : null,
        Operator.Sqrt => x >= 0 ? Math.Sqrt(x) : null,
        Operator.Tanh => Math.Tanh(x),
        Operator.Sinh => Math.Sinh(x),
        Operator.Cosh => Math.Cosh(x),
        Operator.Sin => Math.Sin(x),
        Operator.Cos => Math.Cos(x),
        Operator.Abs => Math.Abs(x),
        Operator.Sign => Math.Sign(x),
        _ => null,
    };

    private sealed class StrictScope : IDisposable
    {
        public void Dispose() => strictness--;
    }
}
