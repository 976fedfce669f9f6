using System.Globalization;
using System.Text;

namespace DynPmnn.SourceGenerators.Tests.Differential;

/// <summary>The C# types a random right-hand side uses.</summary>
internal enum Ty
{
    Float,
    Double,
    Int,
    Bool,
}

/// <summary>
/// A value of a random expression at one point, evaluated in double precision with C#'s semantics, and a first-order
/// bound on how far a float evaluation (any order of rounding, fused or not) can be from it: each operation adds its
/// own rounding, <see cref="Round"/> ulps (more for functions computed from others), and propagates its operands'
/// errors through its derivative. Comparisons that the error could flip make the point <see cref="Evaluation.Ambiguous"/>.
/// </summary>
internal readonly record struct Val(double X, double Error)
{
    /// <summary>The unit roundoff of float.</summary>
    public const double Round = 1.0 / (1 << 24);

    public static Val Exact(double x) => new(x, 0);
}

/// <summary>Where a point's evaluation went: each branch taken, and whether one was too close to call or left the float range.</summary>
internal sealed class Evaluation(double[] variables, Val[] locals)
{
    public double[] Variables { get; } = variables;

    public Val[] Locals { get; } = locals;

    /// <summary>Every comparison's outcome, in evaluation order: equal for two points on the same smooth piece.</summary>
    public StringBuilder Path { get; } = new();

    /// <summary>A comparison within its operands' error, or a value out of the float range: results may rightly differ.</summary>
    public bool Ambiguous { get; set; }

    /// <summary>A value was NaN (the log of a negative number, ...), which C# and the kernels must agree on.</summary>
    public bool Invalid { get; set; }
}

/// <summary>A node of a random right-hand side: its C# text, its type, and its value with C#'s semantics.</summary>
internal abstract class Node(Ty type)
{
    public Ty Type { get; } = type;

    public abstract string Code { get; }

    public abstract Val Evaluate(Evaluation e);

    /// <summary>A NaN is exact (C# and the kernels must both give one); a value past the float range, or with no bound, is ambiguous.</summary>
    protected static Val Checked(Evaluation e, Val v)
    {
        if (double.IsNaN(v.X))
        {
            e.Invalid = true;
            return new Val(double.NaN, 0);
        }

        if (Math.Abs(v.X) > 1e30 || double.IsNaN(v.Error) || double.IsInfinity(v.Error) || v.Error > 1e30)
        {
            e.Ambiguous = true;
        }

        return v;
    }
}

internal sealed class Variable(int index, string name) : Node(Ty.Float)
{
    public override string Code => name;

    public override Val Evaluate(Evaluation e) => Val.Exact(e.Variables[index]);
}

internal sealed class Local(int index, string name, Ty type) : Node(type)
{
    public override string Code => name;

    public override Val Evaluate(Evaluation e) => e.Locals[index];
}

internal sealed class Literal(double value, Ty type) : Node(type)
{
    public override string Code => Type switch
    {
        Ty.Float => ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f",
        Ty.Double => value.ToString("R", CultureInfo.InvariantCulture) + "d",
        Ty.Bool => value != 0 ? "true" : "false",
        _ => ((int)value).ToString(CultureInfo.InvariantCulture),
    };

    public override Val Evaluate(Evaluation e) => Val.Exact(Type == Ty.Float ? (float)value : value);
}

/// <summary>An implicit or explicit conversion, written as a cast.</summary>
internal sealed class Cast(Node operand, Ty to) : Node(to)
{
    public override string Code => $"({(Type == Ty.Float ? "float" : "double")})({operand.Code})";

    public override Val Evaluate(Evaluation e)
    {
        var v = operand.Evaluate(e);
        return Type == Ty.Float && operand.Type == Ty.Double ? Checked(e, new Val(v.X, v.Error + (Val.Round * Math.Abs(v.X)))) : v;
    }
}

internal sealed class Unary(string op, Node operand) : Node(operand.Type)
{
    public override string Code => $"{op}({operand.Code})";

    public override Val Evaluate(Evaluation e)
    {
        var v = operand.Evaluate(e);
        return op switch
        {
            "-" when Type == Ty.Int => Val.Exact(unchecked(-(int)v.X)),
            "-" => new Val(-v.X, v.Error),
            _ => Val.Exact(v.X != 0 ? 0 : 1), // "!"
        };
    }
}

internal sealed class Binary(string op, Node left, Node right, Ty type) : Node(type)
{
    public override string Code => $"({left.Code} {op} {right.Code})";

    public override Val Evaluate(Evaluation e)
    {
        var a = left.Evaluate(e);
        var b = right.Evaluate(e);
        if (left.Type == Ty.Int && right.Type == Ty.Int)
        {
            var (x, y) = ((int)a.X, (int)b.X);
            return op switch
            {
                "+" => Val.Exact(unchecked(x + y)),
                "-" => Val.Exact(unchecked(x - y)),
                "*" => Val.Exact(unchecked(x * y)),
                "/" => Val.Exact(x / y),
                "%" => Val.Exact(x % y),
                _ => Val.Exact(Compare(op, x, y) ? 1 : 0),
            };
        }

        if (left.Type == Ty.Bool)
        {
            var (p, q) = (a.X != 0, b.X != 0);
            return Val.Exact(op switch
            {
                "&&" or "&" => p && q,
                "||" or "|" => p || q,
                "==" => p == q,
                _ => p != q, // "!=", "^"
            }
                ? 1
                : 0);
        }

        switch (op)
        {
            case "+":
                return Checked(e, new Val(a.X + b.X, a.Error + b.Error + (Val.Round * Math.Abs(a.X + b.X))));
            case "-":
                return Checked(e, new Val(a.X - b.X, a.Error + b.Error + (Val.Round * Math.Abs(a.X - b.X))));
            case "*":
                return Checked(e, new Val(a.X * b.X, (Math.Abs(b.X) * a.Error) + (Math.Abs(a.X) * b.Error) + (a.Error * b.Error) + (Val.Round * Math.Abs(a.X * b.X))));
            case "/":
                {
                    var q = a.X / b.X;
                    var room = Math.Abs(b.X) - b.Error;
                    if (room <= 0)
                    {
                        e.Ambiguous = true;
                        return new Val(q, double.PositiveInfinity);
                    }

                    return Checked(e, new Val(q, ((a.Error + (Math.Abs(q) * b.Error)) / room) + (Val.Round * Math.Abs(q))));
                }

            default:
                // A comparison: decided only when the operands are further apart than their errors.
                var outcome = Compare(op, a.X, b.X);
                if (Math.Abs(a.X - b.X) <= a.Error + b.Error && a.Error + b.Error > 0)
                {
                    e.Ambiguous = true;
                }

                e.Path.Append(outcome ? '1' : '0');
                return Val.Exact(outcome ? 1 : 0);
        }
    }

    private static bool Compare(string op, double a, double b) => op switch
    {
        "<" => a < b,
        "<=" => a <= b,
        ">" => a > b,
        ">=" => a >= b,
        "==" => a == b,
        _ => a != b,
    };
}

internal sealed class Conditional(Node condition, Node whenTrue, Node whenFalse) : Node(whenTrue.Type)
{
    public override string Code => $"({condition.Code} ? {whenTrue.Code} : {whenFalse.Code})";

    public override Val Evaluate(Evaluation e)
    {
        // Both branches are evaluated, as the kernels do, and their path entries recorded either way; what happens in
        // the branch not taken (a NaN, an ambiguous comparison) does not matter.
        var c = condition.Evaluate(e).X != 0;
        var (ambiguous, invalid) = (e.Ambiguous, e.Invalid);
        var t = whenTrue.Evaluate(e);
        var (trueAmbiguous, trueInvalid) = (e.Ambiguous, e.Invalid);
        (e.Ambiguous, e.Invalid) = (ambiguous, invalid);
        var f = whenFalse.Evaluate(e);
        if (c)
        {
            (e.Ambiguous, e.Invalid) = (trueAmbiguous, trueInvalid);
        }

        return c ? t : f;
    }
}

/// <summary>A Math or MathF function; Math's take and return double.</summary>
internal sealed class Call(string function, Node[] arguments, Ty type) : Node(type)
{
    public override string Code => $"{(Type == Ty.Float ? "MathF" : "Math")}.{function}({string.Join(", ", arguments.Select(a => a.Code))})";

    public override Val Evaluate(Evaluation e)
    {
        var a = arguments.Select(x => x.Evaluate(e)).ToArray();
        if (Type == Ty.Int)
        {
            var (x, y) = ((int)a[0].X, a.Length > 1 ? (int)a[1].X : 0);
            return Val.Exact(function switch { "Abs" => Math.Abs(x), "Max" => Math.Max(x, y), _ => Math.Min(x, y) });
        }

        var u = a[0];
        if (function is "Log" or "Sqrt" or "Pow" && Math.Abs(u.X) <= u.Error)
        {
            // The argument's sign is not certain in float: one side may be NaN and the other not.
            e.Ambiguous = true;
        }

        double value;
        double slope;

        // Ulps each function may be off by in the kernels; tanh, sinh and cosh are built from exp, whose error they
        // carry in absolute terms (hence the "+ 1" below), and pow from exp(y·log x).
        double ulps = 4;
        switch (function)
        {
            case "Exp": value = Math.Exp(u.X); slope = value; break;
            case "Log": value = Math.Log(u.X); slope = 1 / u.X; break;
            case "Sqrt": value = Math.Sqrt(u.X); slope = 0.5 / value; break;
            case "Tanh": value = Math.Tanh(u.X); slope = 1 - (value * value); ulps = 8; break;
            case "Sinh": value = Math.Sinh(u.X); slope = Math.Cosh(u.X); ulps = 8 * Math.Max(1, Math.Cosh(u.X)); break;
            case "Cosh": value = Math.Cosh(u.X); slope = Math.Sinh(u.X); ulps = 8; break;
            case "Sin": value = Math.Sin(u.X); slope = Math.Cos(u.X); break;
            case "Cos": value = Math.Cos(u.X); slope = -Math.Sin(u.X); break;
            case "Abs":
                value = Math.Abs(u.X);
                slope = 1;
                ulps = 0;
                e.Path.Append(u.X >= 0 ? '+' : '-');
                break;
            case "Max" or "Min":
                {
                    var v = a[1];
                    var first = function == "Max" ? u.X >= v.X : u.X <= v.X;
                    if (Math.Abs(u.X - v.X) <= u.Error + v.Error && u.Error + v.Error > 0)
                    {
                        e.Ambiguous = true;
                    }

                    e.Path.Append(first ? '<' : '>');
                    value = function == "Max" ? Math.Max(u.X, v.X) : Math.Min(u.X, v.X);
                    return Checked(e, new Val(value, Math.Max(u.Error, v.Error)));
                }

            default: // Pow
                {
                    var y = a[1];
                    if (u.X < 0 && y.Error > 0)
                    {
                        // A negative base has a power only at integral exponents: any error in the exponent may make it NaN.
                        e.Ambiguous = true;
                    }

                    value = Math.Pow(u.X, y.X);
                    var amplification = Math.Abs(y.X * Math.Log(Math.Abs(u.X)));
                    var error = (Math.Abs(y.X * Math.Pow(u.X, y.X - 1)) * u.Error) + (Math.Abs(value * Math.Log(Math.Abs(u.X))) * y.Error)
                        + (8 * Val.Round * Math.Abs(value) * (1 + amplification));
                    return Checked(e, new Val(value, u.X == 0 ? 0 : error));
                }
        }

        var bound = (Math.Abs(slope) * u.Error) + (ulps * Val.Round * (Math.Abs(value) + (function is "Tanh" or "Sin" or "Cos" or "Sinh" ? 1 : 0)));
        return Checked(e, new Val(value, bound));
    }
}

/// <summary>A random neuron: its locals in order and one float right-hand side per state.</summary>
internal sealed class RandomNeuron
{
    public required string Name { get; init; }

    public required int States { get; init; }

    public required int Parameters { get; init; }

    public required int Inputs { get; init; }

    public required List<(string Name, Ty Type, Node Value)> Locals { get; init; }

    public required Node[] Derivatives { get; init; }

    public string Source()
    {
        var b = new StringBuilder();
        b.AppendLine("using System;");
        b.AppendLine("using DynPmnn;");
        b.AppendLine();
        b.AppendLine("namespace Fuzz;");
        b.AppendLine();
        b.AppendLine("[Neuron]");
        b.AppendLine($"public partial struct {Name}");
        b.AppendLine("{");
        for (var i = 0; i < States; i++)
        {
            b.AppendLine($"    [State] public float V{i};");
        }

        for (var i = 0; i < Parameters; i++)
        {
            b.AppendLine($"    [Parameter({0.75 + (0.5 * i)})] public float A{i};");
        }

        for (var i = 0; i < Inputs; i++)
        {
            b.AppendLine($"    [Input] public float I{i};");
        }

        b.AppendLine();
        b.AppendLine($"    private readonly void Derivatives({string.Join(", ", Enumerable.Range(0, States).Select(i => $"out float dV{i}"))})");
        b.AppendLine("    {");
        foreach (var (name, type, value) in Locals)
        {
            b.AppendLine($"        {Keyword(type)} {name} = {value.Code};");
        }

        for (var i = 0; i < States; i++)
        {
            b.AppendLine($"        dV{i} = {Derivatives[i].Code};");
        }

        b.AppendLine("    }");
        b.AppendLine("}");
        return b.ToString();
    }

    /// <summary>
    /// Every right-hand side at one point (states, then parameters, then inputs), with C#'s semantics in double, each
    /// with its own evaluation (the locals' flags and path included).
    /// </summary>
    public (Val Value, Evaluation Evaluation)[] Evaluate(double[] variables)
    {
        var locals = new Val[Locals.Count];
        var shared = new Evaluation(variables, locals);
        for (var i = 0; i < Locals.Count; i++)
        {
            locals[i] = Locals[i].Value.Evaluate(shared);
        }

        return Derivatives.Select(d =>
        {
            var evaluation = new Evaluation(variables, locals) { Ambiguous = shared.Ambiguous, Invalid = shared.Invalid };
            evaluation.Path.Append(shared.Path);
            return (d.Evaluate(evaluation), evaluation);
        }).ToArray();
    }

    private static string Keyword(Ty type) => type switch
    {
        Ty.Float => "float",
        Ty.Double => "double",
        Ty.Int => "int",
        _ => "bool",
    };
}

/// <summary>
/// Draws random right-hand sides over the subset of C# the generator accepts: arithmetic on float, double and int
/// (int literals, locals, + − × and division and remainder by non-zero literals), comparisons, &amp;&amp; || ! == != ^ &amp; |
/// on bools, the conditional operator on every type, casts between float and double, bool/int/float/double locals, and
/// every Math/MathF function the generator supports.
/// </summary>
internal sealed class RightHandSideGenerator(Random random)
{
    private static readonly string[] Unary = ["Exp", "Log", "Sqrt", "Tanh", "Sinh", "Cosh", "Sin", "Cos", "Abs"];
    private static readonly string[] Comparisons = ["<", "<=", ">", ">=", "==", "!="];
    private static readonly double[] FloatLiterals = [0.5, 2, 1.5, -0.25, 3, 0.1, 0.001, -1, 0.75, 10];

    private readonly List<Node> variables = [];
    private readonly List<Local> locals = [];
    private int intConditionals;

    public RandomNeuron Neuron(string name, int states, int parameters, int inputs, int localCount, int depth)
    {
        variables.Clear();
        locals.Clear();
        intConditionals = 0;
        for (var i = 0; i < states; i++)
        {
            variables.Add(new Variable(i, "V" + i));
        }

        for (var i = 0; i < parameters; i++)
        {
            variables.Add(new Variable(states + i, "A" + i));
        }

        for (var i = 0; i < inputs; i++)
        {
            variables.Add(new Variable(states + parameters + i, "I" + i));
        }

        var declared = new List<(string, Ty, Node)>();
        for (var i = 0; i < localCount; i++)
        {
            var type = (Ty)random.Next(4);
            var value = Expression(type, depth - 1);
            var local = new Local(i, "l" + i, type);
            declared.Add((local.Code, type, value));
            locals.Add(local);
        }

        return new RandomNeuron
        {
            Name = name,
            States = states,
            Parameters = parameters,
            Inputs = inputs,
            Locals = declared,
            Derivatives = Enumerable.Range(0, states).Select(_ => Expression(Ty.Float, depth)).ToArray(),
        };
    }

    private Node Expression(Ty type, int depth) => type switch
    {
        Ty.Float or Ty.Double => Real(type, depth),
        Ty.Int => Integer(depth),
        _ => Truth(depth),
    };

    private Node Real(Ty type, int depth)
    {
        if (depth <= 0 || random.NextDouble() < 0.2)
        {
            return RealLeaf(type);
        }

        switch (random.Next(9))
        {
            case 0 or 1 or 2:
                {
                    var op = "+-*/"[random.Next(4)].ToString();
                    return new Binary(op, Real(type, depth - 1), Real(type, depth - 1), type);
                }

            case 3:
                return new Unary("-", Real(type, depth - 1));
            case 4:
                {
                    var function = Unary[random.Next(Unary.Length)];
                    return new Call(function, [Real(type, depth - 1)], type);
                }

            case 5:
                {
                    var function = random.Next(3) switch { 0 => "Max", 1 => "Min", _ => "Pow" };
                    var exponent = function == "Pow" && random.Next(2) == 0 ? new Literal(FloatLiterals[random.Next(FloatLiterals.Length)], type) : Real(type, depth - 1);
                    return new Call(function, [Real(type, depth - 1), exponent], type);
                }

            case 6:
                return new Conditional(Truth(depth - 1), Real(type, depth - 1), Real(type, depth - 1));
            case 7:
                // The other precision, converted: a double computation cast to float, or a float one widened.
                return new Cast(Real(type == Ty.Float ? Ty.Double : Ty.Float, depth - 1), type);
            default:
                return new Cast(Integer(depth - 1), type);
        }
    }

    private Node RealLeaf(Ty type)
    {
        var choice = random.Next(10);
        var realLocals = locals.Where(l => l.Type is Ty.Float or Ty.Double).ToList();
        if (choice < 2 && realLocals.Count > 0)
        {
            var local = realLocals[random.Next(realLocals.Count)];
            return local.Type == type ? local : new Cast(local, type);
        }

        if (choice < 4)
        {
            return new Literal(FloatLiterals[random.Next(FloatLiterals.Length)], type);
        }

        var variable = variables[random.Next(variables.Count)];
        return type == Ty.Float ? variable : new Cast(variable, type);
    }

    private Node Integer(int depth)
    {
        var intLocals = locals.Where(l => l.Type == Ty.Int).ToList();
        if (depth <= 0 || random.NextDouble() < 0.3)
        {
            return intLocals.Count > 0 && random.Next(2) == 0 ? intLocals[random.Next(intLocals.Count)] : new Literal(random.Next(-20, 21), Ty.Int);
        }

        switch (random.Next(6))
        {
            case 0 or 1:
                return new Binary("+-*"[random.Next(3)].ToString(), Integer(depth - 1), Integer(depth - 1), Ty.Int);
            case 2:
                {
                    var divisor = random.Next(1, 8) * (random.Next(2) == 0 ? -1 : 1);
                    return new Binary(random.Next(2) == 0 ? "/" : "%", Integer(depth - 1), new Literal(divisor, Ty.Int), Ty.Int);
                }

            case 3 when intConditionals < 4:
                intConditionals++;
                return new Conditional(Truth(depth - 1), Integer(depth - 1), Integer(depth - 1));
            case 4:
                return IntegerFunction(depth);
            default:
                return new Unary("-", Integer(depth - 1));
        }
    }

    /// <summary>Math.Abs, Max or Min on ints (Abs takes one argument, Max and Min two).</summary>
    private Node IntegerFunction(int depth)
    {
        var function = random.Next(3) switch { 0 => "Abs", 1 => "Max", _ => "Min" };
        return new Call(function, function == "Abs" ? [Integer(depth - 1)] : [Integer(depth - 1), Integer(depth - 1)], Ty.Int);
    }

    private Node Truth(int depth)
    {
        var boolLocals = locals.Where(l => l.Type == Ty.Bool).ToList();
        if (depth <= 0 || random.NextDouble() < 0.15)
        {
            return boolLocals.Count > 0 && random.Next(2) == 0 ? boolLocals[random.Next(boolLocals.Count)] : new Literal(random.Next(2), Ty.Bool);
        }

        switch (random.Next(8))
        {
            case 0 or 1 or 2:
                {
                    var operandType = random.Next(4) switch { 0 => Ty.Double, 1 => Ty.Int, _ => Ty.Float };
                    return new Binary(Comparisons[random.Next(Comparisons.Length)], Expression(operandType, depth - 1), Expression(operandType, depth - 1), Ty.Bool);
                }

            case 3:
                return new Unary("!", Truth(depth - 1));
            case 4:
                return new Conditional(Truth(depth - 1), Truth(depth - 1), Truth(depth - 1));
            default:
                {
                    string[] ops = ["&&", "||", "==", "!=", "^", "&", "|"];
                    return new Binary(ops[random.Next(ops.Length)], Truth(depth - 1), Truth(depth - 1), Ty.Bool);
                }
        }
    }
}
