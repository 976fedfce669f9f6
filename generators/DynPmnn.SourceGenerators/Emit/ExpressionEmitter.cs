using System;
using System.Collections.Generic;
using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Emit;

/// <summary>
/// Writes a set of expressions as C# over a lanes type (<c>TL</c>), sharing every subexpression that occurs more than
/// once across all of them in a local temporary, so that a derivative reuses what the value already computed.
/// </summary>
internal sealed class ExpressionEmitter
{
    private readonly SourceWriter writer;
    private readonly Func<Variable, string> nameOf;
    private readonly string lanes;
    private readonly Func<string> newTemporary;
    private readonly Dictionary<Expr, int> uses = new();
    private readonly Dictionary<Expr, string> temporaries = new();

    public ExpressionEmitter(SourceWriter writer, string lanes, Func<Variable, string> nameOf, Func<string> newTemporary)
    {
        this.writer = writer;
        this.lanes = lanes;
        this.nameOf = nameOf;
        this.newTemporary = newTemporary;
    }

    /// <summary>Registers every expression that will be emitted, so sharing is decided over all of them.</summary>
    public void Count(Expr e)
    {
        if (e is Constant or Variable)
        {
            return;
        }

        if (uses.TryGetValue(e, out var n))
        {
            uses[e] = n + 1;
            return;
        }

        uses[e] = 1;
        foreach (var child in e.Children)
        {
            Count(child);
        }
    }

    /// <summary>Makes <paramref name="e"/> a value already computed under <paramref name="name"/> (a step constant).</summary>
    public void Bind(Expr e, string name) => temporaries[e] = name;

    /// <summary>
    /// Writes <c>target = value;</c> for each pair, sharing subexpressions across all of them (temporaries come first,
    /// where they are first needed). <paramref name="wrap"/>, when given, shapes each right-hand side from its code.
    /// </summary>
    public void Assign(IReadOnlyList<string> targets, IReadOnlyList<Expr> values, Func<Expr, string, string>? wrap = null)
    {
        foreach (var value in values)
        {
            Count(value);
        }

        for (var i = 0; i < values.Count; i++)
        {
            var code = Emit(values[i]);
            writer.WriteLine($"{targets[i]} = {(wrap is null ? code : wrap(values[i], code))};");
        }
    }

    /// <summary>The C# for <paramref name="e"/>, after writing whatever temporaries it needs.</summary>
    public string Emit(Expr e) => Code(e, 0);

    private string Code(Expr e, int parentPrecedence)
    {
        switch (e)
        {
            case Constant c:
                return $"{lanes}.Constant({Literals.CSharp(c.Value)})";
            case Variable v:
                return nameOf(v);
        }

        if (temporaries.TryGetValue(e, out var name))
        {
            return name;
        }

        var o = (Operation)e;
        var shared = uses.TryGetValue(e, out var count) && count > 1;
        var code = OperationCode(o, shared ? 0 : parentPrecedence);
        if (!shared)
        {
            return code;
        }

        var temporary = newTemporary();
        writer.WriteLine($"var {temporary} = {code};");
        temporaries[e] = temporary;
        return temporary;
    }

    /// <summary>An operand that must be a plain name (it is repeated in the code), written to a temporary when it is not.</summary>
    private string Atom(Expr e)
    {
        var code = Code(e, 9);
        if (e is Variable || temporaries.ContainsKey(e))
        {
            return code;
        }

        var temporary = newTemporary();
        writer.WriteLine($"var {temporary} = {code};");
        temporaries[e] = temporary;
        return temporary;
    }

    private string OperationCode(Operation o, int parentPrecedence)
    {
        string Wrap(string text, int precedence) => precedence < parentPrecedence ? "(" + text + ")" : text;
        string Call(string function, params Expr[] args)
        {
            var parts = new string[args.Length];
            for (var i = 0; i < args.Length; i++)
            {
                parts[i] = Code(args[i], 0);
            }

            return $"{lanes}.{function}({string.Join(", ", parts)})";
        }

        switch (o.Op)
        {
            case Operator.Add when IsFusable(o[0]):
                return FusedCall("MultiplyAdd", (Operation)o[0], o[1]);
            case Operator.Add when IsFusable(o[1]):
                return FusedCall("MultiplyAdd", (Operation)o[1], o[0]);
            case Operator.Subtract when IsFusable(o[1]):
                return FusedCall("NegatedMultiplyAdd", (Operation)o[1], o[0]);
            case Operator.Add:
                return Wrap($"{Code(o[0], 4)} + {Code(o[1], 5)}", 4);
            case Operator.Subtract:
                return Wrap($"{Code(o[0], 4)} - {Code(o[1], 5)}", 4);
            case Operator.Multiply:
                return Wrap($"{Code(o[0], 5)} * {Code(o[1], 6)}", 5);
            case Operator.Divide:
                return Wrap($"{Code(o[0], 5)} / {Code(o[1], 6)}", 5);
            case Operator.Negate:
                return Wrap($"-{Code(o[0], 7)}", 6);
            case Operator.Power:
                return PowerCode(o, Wrap);
            case Operator.Conditional:
                return Call("Select", o[0], o[1], o[2]);
            case Operator.LessThan:
            case Operator.LessThanOrEqual:
            case Operator.GreaterThan:
            case Operator.GreaterThanOrEqual:
            case Operator.Equal:
            case Operator.NotEqual:
            case Operator.And:
            case Operator.Or:
            case Operator.Max:
            case Operator.Min:
                return Call(o.Op.ToString(), o[0], o[1]);
            default:
                return Call(o.Op.ToString(), o[0]);
        }
    }

    /// <summary>
    /// A product that can be folded into a fused multiply-add: one rounding instead of two, and one instruction. A
    /// product that is shared stays a temporary, so fusing never recomputes it.
    /// </summary>
    private bool IsFusable(Expr e) =>
        e is Operation { Op: Operator.Multiply } && !temporaries.ContainsKey(e) && !(uses.TryGetValue(e, out var n) && n > 1);

    private string FusedCall(string function, Operation product, Expr addend) =>
        $"{lanes}.{function}({Code(product[0], 0)}, {Code(product[1], 0)}, {Code(addend, 0)})";

    private string PowerCode(Operation o, Func<string, int, string> wrap)
    {
        if (o[1] is Constant c)
        {
            var n = c.Value;
            if (n == Math.Floor(n) && Math.Abs(n) <= 4 && n != 0)
            {
                // Small integer powers as products: exact for negative bases and far cheaper than exp(n·ln x).
                var x = Atom(o[0]);
                var product = x;
                for (var i = 1; i < Math.Abs(n); i++)
                {
                    product += " * " + x;
                }

                return n > 0 ? wrap(product, 5) : wrap($"{lanes}.Constant(1f) / ({product})", 5);
            }

            if (n == 0.5)
            {
                return $"{lanes}.Sqrt({Code(o[0], 0)})";
            }

            if (n == -0.5)
            {
                return wrap($"{lanes}.Constant(1f) / {lanes}.Sqrt({Code(o[0], 0)})", 5);
            }
        }

        return $"{lanes}.Pow({Code(o[0], 0)}, {Code(o[1], 0)})";
    }
}
