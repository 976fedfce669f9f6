using System;
using System.Collections.Generic;
using System.Text;

namespace DynPmnn.SourceGenerators.Symbolic;

/// <summary>Renders an expression as the mathematics a person reads next to the code: <c>I - V * (V - A) * (V - 1) - W</c>.</summary>
/// <remarks>
/// <see cref="Print(Expr)"/> writes the expression out as a tree, which repeats a shared node at every use; for a
/// large right-hand side use <see cref="MathText"/>, which names shared nodes so the text grows with the graph.
/// </remarks>
internal static class MathPrinter
{
    public static string Print(Expr e) => Print(e, null);

    /// <summary>Writes <paramref name="e"/>, and any node below it that <paramref name="names"/> names as that name.</summary>
    public static string Print(Expr e, IReadOnlyDictionary<Expr, string>? names)
    {
        var builder = new StringBuilder();
        Write(builder, e, 0, names, top: true);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, Expr e, int parentPrecedence, IReadOnlyDictionary<Expr, string>? names, bool top = false)
    {
        if (!top && names is not null && names.TryGetValue(e, out var name))
        {
            b.Append(name);
            return;
        }

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
                WriteOperation(b, o, parentPrecedence, names);
                return;
            default:
                throw new InvalidOperationException(e.GetType().Name);
        }
    }

    private static void WriteOperation(StringBuilder b, Operation o, int parentPrecedence, IReadOnlyDictionary<Expr, string>? names)
    {
        var precedence = Precedence(o.Op);
        var parenthesise = precedence < parentPrecedence;
        if (parenthesise)
        {
            b.Append('(');
        }

        switch (o.Op)
        {
            case Operator.Add: Infix(b, o, " + ", precedence, precedence + 1, names); break;
            case Operator.Subtract: Infix(b, o, " - ", precedence, precedence + 1, names); break;
            case Operator.Multiply: Infix(b, o, " * ", precedence, precedence + 1, names); break;
            case Operator.Divide: Infix(b, o, " / ", precedence, precedence + 1, names); break;
            case Operator.Power: Infix(b, o, "^", precedence + 1, precedence, names); break;
            case Operator.LessThan: Infix(b, o, " < ", precedence + 1, precedence + 1, names); break;
            case Operator.LessThanOrEqual: Infix(b, o, " <= ", precedence + 1, precedence + 1, names); break;
            case Operator.GreaterThan: Infix(b, o, " > ", precedence + 1, precedence + 1, names); break;
            case Operator.GreaterThanOrEqual: Infix(b, o, " >= ", precedence + 1, precedence + 1, names); break;
            case Operator.Equal: Infix(b, o, " == ", precedence + 1, precedence + 1, names); break;
            case Operator.NotEqual: Infix(b, o, " != ", precedence + 1, precedence + 1, names); break;
            case Operator.And: Infix(b, o, " && ", precedence, precedence + 1, names); break;
            case Operator.Or: Infix(b, o, " || ", precedence, precedence + 1, names); break;
            case Operator.Negate:
                b.Append('-');
                Write(b, o[0], precedence + 1, names);
                break;
            case Operator.Not:
                b.Append('!');
                Write(b, o[0], precedence + 1, names);
                break;
            case Operator.Conditional:
                Write(b, o[0], 1, names);
                b.Append(" ? ");
                Write(b, o[1], 1, names);
                b.Append(" : ");
                Write(b, o[2], 0, names);
                break;
            default:
                b.Append(FunctionName(o.Op)).Append('(');
                for (var i = 0; i < o.Children.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(", ");
                    }

                    Write(b, o[i], 0, names);
                }

                b.Append(')');
                break;
        }

        if (parenthesise)
        {
            b.Append(')');
        }
    }

    private static void Infix(StringBuilder b, Operation o, string symbol, int left, int right, IReadOnlyDictionary<Expr, string>? names)
    {
        Write(b, o[0], left, names);
        b.Append(symbol);
        Write(b, o[1], right, names);
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

/// <summary>
/// The text of a set of expressions that may share nodes. While writing them all out as trees stays small (the usual
/// neuron) they are written so; past <see cref="TreeBudget"/> nodes, every node that is used more than once and is
/// more than <see cref="SharedSize"/> nodes long when written is named (<c>u1</c>, <c>u2</c>, ...) and defined once, so
/// the text grows with the graph instead of with the number of paths through it.
/// </summary>
internal sealed class MathText
{
    /// <summary>Tree nodes, over all the expressions, up to which everything is written out in full.</summary>
    public const int TreeBudget = 10_000;

    /// <summary>A shared node this long or shorter is repeated rather than named; so each use costs at most this much.</summary>
    public const int SharedSize = 8;

    private readonly Dictionary<Expr, string> names = new();
    private readonly List<(string Name, Expr Value)> definitions = new();

    private MathText()
    {
    }

    /// <summary>Shared nodes and their names, each defined before it is used.</summary>
    public IEnumerable<(string Name, string Text)> Definitions
    {
        get
        {
            foreach (var (name, value) in definitions)
            {
                yield return (name, MathPrinter.Print(value, names));
            }
        }
    }

    /// <param name="roots">Every expression that will be printed.</param>
    /// <param name="isTaken">Names the text already uses (the variables'), which a shared node must not get.</param>
    public static MathText Create(IReadOnlyList<Expr> roots, Func<string, bool> isTaken)
    {
        var text = new MathText();
        long total = 0;
        foreach (var root in roots)
        {
            total += root.Size;
        }

        if (total <= TreeBudget)
        {
            return text;
        }

        // Uses: one per parent edge (each distinct parent once per operand) and one per root.
        var uses = new Dictionary<Expr, int>();
        var order = new List<Expr>();
        var visited = new HashSet<Expr>();
        foreach (var root in roots)
        {
            Count(root, uses);
            PostOrder(root, visited, order);
        }

        // Bottom-up: a node's written length counts each named child as one.
        var written = new Dictionary<Expr, long>();
        var next = 1;
        foreach (var node in order)
        {
            long length = 1;
            foreach (var child in node.Children)
            {
                length += text.names.ContainsKey(child) ? 1 : written[child];
            }

            written[node] = length;
            if (node is Operation && length > SharedSize && uses[node] > 1)
            {
                string name;
                do
                {
                    name = "u" + next++;
                }
                while (isTaken(name));
                text.names[node] = name;
                text.definitions.Add((name, node));
            }
        }

        return text;
    }

    public string Print(Expr e) => MathPrinter.Print(e, names.Count == 0 ? null : names);

    private static void Count(Expr root, Dictionary<Expr, int> uses)
    {
        var pending = new Stack<Expr>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            uses.TryGetValue(node, out var n);
            uses[node] = n + 1;
            if (n == 0)
            {
                foreach (var child in node.Children)
                {
                    pending.Push(child);
                }
            }
        }
    }

    private static void PostOrder(Expr root, HashSet<Expr> visited, List<Expr> order)
    {
        var pending = new Stack<(Expr Node, bool Expanded)>();
        pending.Push((root, false));
        while (pending.Count > 0)
        {
            var (node, expanded) = pending.Pop();
            if (expanded)
            {
                order.Add(node);
                continue;
            }

            if (!visited.Add(node))
            {
                continue;
            }

            pending.Push((node, true));
            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                if (!visited.Contains(node.Children[i]))
                {
                    pending.Push((node.Children[i], false));
                }
            }
        }
    }
}
