using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// The small expression language of a spec's constraints and derived values, evaluated on one combination's
/// configuration JSON (its variables included as <c>$name</c> members):
/// <list type="bullet">
/// <item>operands: parameter paths (<c>model.blocks[0].dt</c>), variables (<c>$tStep</c>), numbers (<c>0.5</c>,
/// <c>1e-3</c>), strings in double quotes (<c>"Euler"</c>), <c>true</c>, <c>false</c>, <c>null</c>;</item>
/// <item>arithmetic on numbers: <c>+ - * / %</c> (<c>%</c> is the remainder of truncated division, as in C#), unary
/// <c>-</c>, parentheses, and the functions <c>ceil(x)</c>, <c>floor(x)</c>, <c>min(x, y)</c>, <c>max(x, y)</c>, with
/// the usual precedence;</item>
/// <item>comparisons: <c>&lt; &lt;= &gt; &gt;=</c> between numbers, <c>== !=</c> between any two values of one kind;</item>
/// <item>conditions joined by <c>&amp;&amp;</c> (binds tighter) and <c>||</c>.</item>
/// </list>
/// </summary>
public sealed class Expression
{
    private static readonly Dictionary<string, (int Arity, Func<double[], double> Apply)> Functions = new(StringComparer.Ordinal)
    {
        ["ceil"] = (1, a => Math.Ceiling(a[0])),
        ["floor"] = (1, a => Math.Floor(a[0])),
        ["min"] = (2, a => Math.Min(a[0], a[1])),
        ["max"] = (2, a => Math.Max(a[0], a[1])),
    };

    private readonly Node root;

    private Expression(string text, Node root, IReadOnlyList<ParameterPath> paths)
    {
        Text = text;
        this.root = root;
        Paths = paths;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>The parameter paths and variables the expression reads.</summary>
    public IReadOnlyList<ParameterPath> Paths { get; }

    public override string ToString() => Text;

    /// <summary>Reads an expression; <paramref name="kind"/> ("constraint", "derived value") names it in messages.</summary>
    /// <exception cref="FormatException">It does not parse; the message quotes it and the position.</exception>
    public static Expression Parse(string text, string kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text, kind);
        var node = parser.ParseOr();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw parser.Error("unexpected text after the expression");
        }

        return new Expression(text, node, parser.Paths);
    }

    /// <summary>
    /// The value of the expression for <paramref name="scope"/> (a configuration as JSON, with its variables as
    /// <c>$name</c> members): a double, a string, a bool or null.
    /// </summary>
    /// <exception cref="FormatException">A path is missing or the values do not fit the operators.</exception>
    public object? Evaluate(JsonNode scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Evaluate(root, scope);
    }

    /// <summary>Shows a value as messages do: <c>the number 2</c>, <c>the string "Euler"</c>, <c>true</c>, <c>null</c>.</summary>
    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"the string \"{s}\"",
        bool b => b ? "true" : "false",
        double d => $"the number {d.ToString("R", CultureInfo.InvariantCulture)}",
        _ => value.ToString() ?? "?",
    };

    private static object? Evaluate(Node node, JsonNode config)
    {
        switch (node)
        {
            case Literal literal:
                return literal.Value;
            case PathNode path:
                return ValueOf(path.Path, path.Path.Get(config));
            case Call call:
                var (_, apply) = Functions[call.Name];
                return apply([.. call.Arguments.Select(a => Number(Evaluate(a, config), call.Name))]);
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
                    "%" => Number(left, "%") % Number(right, "%"),
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
        // Read from the text: a node may hold a long, a decimal or a double.
        JsonValueKind.Number => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
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

    private abstract record Node;

    private sealed record Literal(object? Value) : Node;

    private sealed record PathNode(ParameterPath Path) : Node;

    private sealed record Negate(Node Operand) : Node;

    private sealed record Call(string Name, IReadOnlyList<Node> Arguments) : Node;

    private sealed record Binary(string Operator, Node Left, Node Right) : Node;

    /// <summary>Recursive descent over the grammar in the class summary.</summary>
    private sealed class Parser(string text, string kind)
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
            new($"The {kind} \"{text}\" is not valid at character {Math.Min(position, text.Length) + 1}: {what}.");

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
                else if (Accept("%"))
                {
                    left = new Binary("%", left, ParseUnary());
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

            if (c == '$')
            {
                var start = position++;
                while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
                {
                    position++;
                }

                ParameterPath variable;
                try
                {
                    variable = ParameterPath.Parse(text[start..position]);
                }
                catch (FormatException error)
                {
                    position = start;
                    throw Error(error.Message.TrimEnd('.'));
                }

                Paths.Add(variable);
                return new PathNode(variable);
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
                if (Functions.TryGetValue(word, out var function) && Accept("("))
                {
                    return ParseCall(word, function.Arity);
                }

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

        private Call ParseCall(string name, int arity)
        {
            var arguments = new List<Node>();
            if (!Accept(")"))
            {
                do
                {
                    arguments.Add(ParseSum());
                }
                while (Accept(","));

                if (!Accept(")"))
                {
                    throw Error($"')' is missing after the arguments of {name}");
                }
            }

            return arguments.Count == arity
                ? new Call(name, arguments)
                : throw Error($"{name} takes {arity} argument{(arity == 1 ? string.Empty : "s")}, not {arguments.Count}");
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
