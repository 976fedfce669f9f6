using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// A condition every trial's configuration must meet; a combination of searched values that breaks it is left out of
/// the sweep (the authors, for example, skip a time step longer than the time span). The language is small:
/// <list type="bullet">
/// <item>operands: parameter paths (<c>model.blocks[0].dt</c>), numbers (<c>0.5</c>, <c>1e-3</c>), strings in double
/// quotes (<c>"Euler"</c>), <c>true</c>, <c>false</c>, <c>null</c>;</item>
/// <item>arithmetic on numbers: <c>+ - * /</c> and parentheses, with the usual precedence;</item>
/// <item>comparisons: <c>&lt; &lt;= &gt; &gt;=</c> between numbers, <c>== !=</c> between any two values of one kind;</item>
/// <item>conditions joined by <c>&amp;&amp;</c> (binds tighter) and <c>||</c>.</item>
/// </list>
/// Example: <c>model.blocks[0].integrator != "Euler" || model.blocks[0].dt * model.blocks[0].steps &lt;= 10</c>.
/// </summary>
public sealed class Constraint
{
    private readonly Node root;

    private Constraint(string text, Node root, IReadOnlyList<ParameterPath> paths)
    {
        Text = text;
        this.root = root;
        Paths = paths;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>The parameter paths the condition reads.</summary>
    public IReadOnlyList<ParameterPath> Paths { get; }

    public override string ToString() => Text;

    /// <summary>Reads a condition.</summary>
    /// <exception cref="FormatException">It does not parse; the message quotes it and the position.</exception>
    public static Constraint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var node = parser.ParseOr();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw parser.Error("unexpected text after the condition");
        }

        return new Constraint(text, node, parser.Paths);
    }

    /// <summary>Whether <paramref name="config"/> (a trial configuration as JSON) meets the condition.</summary>
    /// <exception cref="FormatException">A path is missing or the values cannot be compared; the message quotes the condition.</exception>
    public bool IsSatisfiedBy(JsonNode config)
    {
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            return Evaluate(root, config) is bool result
                ? result
                : throw new FormatException("it is not a condition (true or false) but a value");
        }
        catch (FormatException error)
        {
            throw new FormatException($"The constraint \"{Text}\" cannot be evaluated: {error.Message}", error);
        }
    }

    private static object? Evaluate(Node node, JsonNode config)
    {
        switch (node)
        {
            case Literal literal:
                return literal.Value;
            case PathNode path:
                return ValueOf(path.Path, path.Path.Get(config));
            case Negate negate:
                return -Number(Evaluate(negate.Operand, config), "-");
            case Binary { Operator: "&&" } and:
                return Bool(Evaluate(and.Left, config), "&&") && Bool(Evaluate(and.Right, config), "&&");
            case Binary { Operator: "||" } or:
                return Bool(Evaluate(or.Left, config), "||") || Bool(Evaluate(or.Right, config), "||");
            case Binary binary:
                var left = Evaluate(binary.Left, config);
                var right = Evaluate(binary.Right, config);
                return binary.Operator switch
                {
                    "+" => Number(left, "+") + Number(right, "+"),
                    "-" => Number(left, "-") - Number(right, "-"),
                    "*" => Number(left, "*") * Number(right, "*"),
                    "/" => Number(left, "/") / Number(right, "/"),
                    "<" => Number(left, "<") < Number(right, "<"),
                    "<=" => Number(left, "<=") <= Number(right, "<="),
                    ">" => Number(left, ">") > Number(right, ">"),
                    ">=" => Number(left, ">=") >= Number(right, ">="),
                    "==" => Equal(left, right),
                    _ => !Equal(left, right),
                };
            default:
                throw new InvalidOperationException($"Unknown constraint node {node.GetType().Name}.");
        }
    }

    private static object? ValueOf(ParameterPath path, JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.Number => node.GetValue<double>(),
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"{path} is {(node is JsonArray ? "an array" : "an object")}; a constraint compares numbers, strings, true, false and null"),
    };

    private static double Number(object? value, string op) =>
        value is double number ? number : throw new FormatException($"'{op}' needs numbers, not {Show(value)}");

    private static bool Bool(object? value, string op) =>
        value is bool truth ? truth : throw new FormatException($"'{op}' joins conditions, not {Show(value)}");

    private static bool Equal(object? left, object? right)
    {
        if (left is not null && right is not null && left.GetType() != right.GetType())
        {
            throw new FormatException($"cannot compare {Show(left)} with {Show(right)}");
        }

        return Equals(left, right);
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"the string \"{s}\"",
        bool b => b ? "true" : "false",
        double d => $"the number {d.ToString("R", CultureInfo.InvariantCulture)}",
        _ => value.ToString() ?? "?",
    };

    private abstract record Node;

    private sealed record Literal(object? Value) : Node;

    private sealed record PathNode(ParameterPath Path) : Node;

    private sealed record Negate(Node Operand) : Node;

    private sealed record Binary(string Operator, Node Left, Node Right) : Node;

    /// <summary>Recursive descent over the grammar in the class summary.</summary>
    private sealed class Parser(string text)
    {
        // Two-character operators first, so '<' does not take the start of '<='.
        private static readonly string[] Comparisons = ["<=", ">=", "==", "!=", "<", ">"];
        private int position;

        public List<ParameterPath> Paths { get; } = [];

        public bool AtEnd => position >= text.Length;

        public Node ParseOr()
        {
            var left = ParseAnd();
            while (Accept("||"))
            {
                left = new Binary("||", left, ParseAnd());
            }

            return left;
        }

        public void SkipSpace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        public FormatException Error(string what) =>
            new($"The constraint \"{text}\" is not valid at character {Math.Min(position, text.Length) + 1}: {what}.");

        private Node ParseAnd()
        {
            var left = ParseComparison();
            while (Accept("&&"))
            {
                left = new Binary("&&", left, ParseComparison());
            }

            return left;
        }

        private Node ParseComparison()
        {
            var left = ParseSum();
            foreach (var op in Comparisons)
            {
                if (Accept(op))
                {
                    return new Binary(op, left, ParseSum());
                }
            }

            return left;
        }

        private Node ParseSum()
        {
            var left = ParseProduct();
            while (true)
            {
                if (Accept("+"))
                {
                    left = new Binary("+", left, ParseProduct());
                }
                else if (Accept("-"))
                {
                    left = new Binary("-", left, ParseProduct());
                }
                else
                {
                    return left;
                }
            }
        }

        private Node ParseProduct()
        {
            var left = ParseUnary();
            while (true)
            {
                if (Accept("*"))
                {
                    left = new Binary("*", left, ParseUnary());
                }
                else if (Accept("/"))
                {
                    left = new Binary("/", left, ParseUnary());
                }
                else
                {
                    return left;
                }
            }
        }

        private Node ParseUnary() => Accept("-") ? new Negate(ParseUnary()) : ParseAtom();

        private Node ParseAtom()
        {
            SkipSpace();
            if (AtEnd)
            {
                throw Error("an operand is missing at the end");
            }

            var c = text[position];
            if (Accept("("))
            {
                var inner = ParseOr();
                if (!Accept(")"))
                {
                    throw Error("')' is missing");
                }

                return inner;
            }

            if (c == '"')
            {
                var close = text.IndexOf('"', position + 1);
                if (close < 0)
                {
                    throw Error("a string is not closed");
                }

                var value = text[(position + 1)..close];
                position = close + 1;
                return new Literal(value);
            }

            if (char.IsAsciiDigit(c) || c == '.')
            {
                var start = position;
                while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] is '.' or 'e' or 'E'
                           || (text[position] is '+' or '-' && text[position - 1] is 'e' or 'E')))
                {
                    position++;
                }

                var number = text[start..position];
                return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    ? new Literal(parsed)
                    : throw Error($"'{number}' is not a number");
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = position;
                while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '.' or '['))
                {
                    if (text[position] == '[')
                    {
                        var close = text.IndexOf(']', position);
                        position = close < 0 ? text.Length : close;
                    }

                    position++;
                }

                var word = text[start..position];
                switch (word)
                {
                    case "true":
                        return new Literal(true);
                    case "false":
                        return new Literal(false);
                    case "null":
                        return new Literal(null);
                }

                ParameterPath path;
                try
                {
                    path = ParameterPath.Parse(word);
                }
                catch (FormatException error)
                {
                    position = start;
                    throw Error(error.Message.TrimEnd('.'));
                }

                Paths.Add(path);
                return new PathNode(path);
            }

            throw Error($"unexpected '{c}'");
        }

        private bool Accept(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, position, token, 0, token.Length) != 0)
            {
                return false;
            }

            position += token.Length;
            return true;
        }
    }
}
