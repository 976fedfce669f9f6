using System;
using System.Text;

namespace DynPmnn.SourceGenerators.Symbolic;

/// <summary>Renders an expression as the mathematics a person reads next to the code: <c>I - V * (V - A) * (V - 1) - W</c>.</summary>
internal static class MathPrinter
{
    public static string Print(Expr e)
    {
        var builder = new StringBuilder();
        Write(builder, e, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, Expr e, int parentPrecedence)
    {
        switch (e)
        {
            case Constant c:
                var text = Literals.Number(c.Value);
                if (c.Value < 0 && parentPrecedence > 4)
                {
                    b.Append('(').Append(text).Append(')');
                }
                else
                {
                    b.Append(text);
                }

                return;
            case Variable v:
                b.Append(v.Name);
                return;
            case Operation o:
                WriteOperation(b, o, parentPrecedence);
                return;
            default:
                throw new InvalidOperationException(e.GetType().Name);
        }
    }

    private static void WriteOperation(StringBuilder b, Operation o, int parentPrecedence)
    {
        var precedence = Precedence(o.Op);
        var parenthesise = precedence < parentPrecedence;
        if (parenthesise)
        {
            b.Append('(');
        }

        switch (o.Op)
        {
            case Operator.Add: Infix(b, o, " + ", precedence, precedence, precedence + 1); break;
            case Operator.Subtract: Infix(b, o, " - ", precedence, precedence, precedence + 1); break;
            case Operator.Multiply: Infix(b, o, " * ", precedence, precedence, precedence + 1); break;
            case Operator.Divide: Infix(b, o, " / ", precedence, precedence, precedence + 1); break;
            case Operator.Power: Infix(b, o, "^", precedence, precedence + 1, precedence); break;
            case Operator.LessThan: Infix(b, o, " < ", precedence, precedence + 1, precedence + 1); break;
            case Operator.LessThanOrEqual: Infix(b, o, " <= ", precedence, precedence + 1, precedence + 1); break;
            case Operator.GreaterThan: Infix(b, o, " > ", precedence, precedence + 1, precedence + 1); break;
            case Operator.GreaterThanOrEqual: Infix(b, o, " >= ", precedence, precedence + 1, precedence + 1); break;
            case Operator.Equal: Infix(b, o, " == ", precedence, precedence + 1, precedence + 1); break;
            case Operator.NotEqual: Infix(b, o, " != ", precedence, precedence + 1, precedence + 1); break;
            case Operator.And: Infix(b, o, " && ", precedence, precedence, precedence + 1); break;
            case Operator.Or: Infix(b, o, " || ", precedence, precedence, precedence + 1); break;
            case Operator.Negate:
                b.Append('-');
                Write(b, o[0], precedence + 1);
                break;
            case Operator.Not:
                b.Append('!');
                Write(b, o[0], precedence + 1);
                break;
            case Operator.Conditional:
                Write(b, o[0], 1);
                b.Append(" ? ");
                Write(b, o[1], 1);
                b.Append(" : ");
                Write(b, o[2], 0);
                break;
            default:
                b.Append(FunctionName(o.Op)).Append('(');
                for (var i = 0; i < o.Children.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(", ");
                    }

                    Write(b, o[i], 0);
                }

                b.Append(')');
                break;
        }

        if (parenthesise)
        {
            b.Append(')');
        }
    }

    private static void Infix(StringBuilder b, Operation o, string symbol, int precedence, int left, int right)
    {
        _ = precedence;
        Write(b, o[0], left);
        b.Append(symbol);
        Write(b, o[1], right);
    }

    private static int Precedence(Operator op) => op switch
    {
        Operator.Conditional => 0,
        Operator.Or => 1,
        Operator.And => 2,
        Operator.LessThan or Operator.LessThanOrEqual or Operator.GreaterThan or Operator.GreaterThanOrEqual or Operator.Equal or Operator.NotEqual => 3,
        Operator.Add or Operator.Subtract => 4,
        Operator.Multiply or Operator.Divide => 5,
        Operator.Negate or Operator.Not => 6,
        Operator.Power => 7,
        _ => 8,
    };

    internal static string FunctionName(Operator op) => op switch
    {
        Operator.Exp => "exp",
        Operator.Log => "log",
        Operator.Sqrt => "sqrt",
        Operator.Tanh => "tanh",
        Operator.Sinh => "sinh",
        Operator.Cosh => "cosh",
        Operator.Sin => "sin",
        Operator.Cos => "cos",
        Operator.Abs => "abs",
        Operator.Sign => "sign",
        Operator.Max => "max",
        Operator.Min => "min",
        Operator.Bernoulli => "bernoulli",
        Operator.BernoulliDerivative => "bernoulli'",
        _ => op.ToString(),
    };
}
