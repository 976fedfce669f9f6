using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// A place in a trial's configuration JSON, written as members separated by dots with array indexes in brackets:
/// <c>protocol.learningRate</c>, <c>model.blocks[0].dt</c>, <c>model.blocks[0].parameterValues.A</c>. A member whose
/// name is not a plain identifier is written in quotes inside brackets: <c>model.blocks[0].parameterValues["a.b"]</c>.
/// Names are the JSON names (camelCase) and match exactly. A path of one name after a <c>$</c>, such as
/// <c>$tStep</c>, is a <em>variable</em>: a searched value that is not part of the configuration itself but that
/// constraints and derived values read (the authors' <c>t_step</c>, which means a step size in one script and a step
/// count in another, is one).
/// </summary>
public sealed class ParameterPath
{
    private readonly IReadOnlyList<Segment> segments;

    private ParameterPath(string text, IReadOnlyList<Segment> segments)
    {
        Text = text;
        this.segments = segments;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Whether this is a variable (<c>$name</c>), kept beside the configuration rather than in it.</summary>
    public bool IsVariable => Text.StartsWith('$');

    public override string ToString() => Text;

    /// <summary>Reads a path.</summary>
    /// <exception cref="FormatException">The text is not a path; the message quotes it and the position.</exception>
    public static ParameterPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith('$'))
        {
            return ParseVariable(text);
        }

        var segments = new List<Segment>();
        var i = 0;
        var expectMember = true;
        while (i < text.Length)
        {
            if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    throw Error(text, i, "'[' is not closed");
                }

                var inner = text[(i + 1)..close];
                if (inner.Length >= 2 && inner[0] == '"' && inner[^1] == '"')
                {
                    segments.Add(new Segment(inner[1..^1], null));
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(new Segment(null, index));
                }
                else
                {
                    throw Error(text, i, $"[{inner}] is neither an index (a whole number) nor a quoted name");
                }

                i = close + 1;
                expectMember = false;
                continue;
            }

            if (!expectMember)
            {
                if (text[i] != '.')
                {
                    throw Error(text, i, $"expected '.' or '[' but found '{text[i]}'");
                }

                i++;
            }

            var start = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }

            if (i == start)
            {
                throw Error(text, start, "a member name is missing");
            }

            segments.Add(new Segment(text[start..i], null));
            expectMember = false;
        }

        if (segments.Count == 0)
        {
            throw new FormatException("A parameter path is empty.");
        }

        return new ParameterPath(text, segments);
    }

    private static ParameterPath ParseVariable(string text)
    {
        if (text.Length == 1 || !(char.IsAsciiLetter(text[1]) || text[1] == '_'))
        {
            throw Error(text, 1, "a variable is '$' and a name that starts with a letter, such as $tStep");
        }

        var bad = text.AsSpan(1).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
        return bad < 0
            ? new ParameterPath(text, [new Segment(text, null)])
            : throw Error(text, bad + 1, $"a variable's name has only letters, digits and '_', not '{text[bad + 1]}'");
    }

    /// <summary>The value at this path in <paramref name="root"/>.</summary>
    /// <exception cref="FormatException">A member or index on the way does not exist; the message names it.</exception>
    public JsonNode? Get(JsonNode root) => Walk(root, segments.Count);

    /// <summary>
    /// Writes <paramref name="value"/> at this path in <paramref name="root"/>. Everything up to the last member must
    /// exist; the last member of an object is created if absent (the strict re-reading of the configuration then
    /// refuses a name that is not a member), and the last index must be inside its array.
    /// </summary>
    /// <exception cref="FormatException">The place does not exist; the message names the path and the missing part.</exception>
    public void Set(JsonNode root, JsonNode? value)
    {
        var parent = Walk(root, segments.Count - 1);
        var last = segments[^1];
        switch (parent)
        {
            case JsonObject obj when last.Name is { } name:
                obj[name] = value;
                return;
            case JsonArray array when last.Index is { } index:
                if (index >= array.Count)
                {
                    throw new FormatException($"{Text}: index {index} is outside {Describe(segments.Count - 1)}, which has {array.Count} item(s).");
                }

                array[index] = value;
                return;
            default:
                throw new FormatException($"{Text}: {Describe(segments.Count - 1)} is {Kind(parent)}, so it has no {(last.Name is null ? $"index [{last.Index}]" : $"member '{last.Name}'")}.");
        }
    }

    private JsonNode? Walk(JsonNode root, int count)
    {
        var node = root;
        for (var s = 0; s < count; s++)
        {
            var segment = segments[s];
            switch (node)
            {
                case JsonObject obj when segment.Name is { } name:
                    if (!obj.TryGetPropertyValue(name, out var child))
                    {
                        var known = string.Join(", ", obj.Select(p => p.Key));
                        throw new FormatException($"{Text}: {Describe(s)} has no member '{name}'{(known.Length > 0 ? $" (it has {known})" : string.Empty)}.");
                    }

                    node = child;
                    break;
                case JsonArray array when segment.Index is { } index:
                    if (index >= array.Count)
                    {
                        throw new FormatException($"{Text}: index {index} is outside {Describe(s)}, which has {array.Count} item(s).");
                    }

                    node = array[index];
                    break;
                default:
                    throw new FormatException($"{Text}: {Describe(s)} is {Kind(node)}, so it has no {(segment.Name is null ? $"index [{segment.Index}]" : $"member '{segment.Name}'")}.");
            }
        }

        return node;
    }

    /// <summary>The first <paramref name="count"/> segments as a path, or "the configuration" for none.</summary>
    private string Describe(int count)
    {
        if (count == 0)
        {
            return "the configuration";
        }

        var text = new StringBuilder();
        foreach (var segment in segments.Take(count))
        {
            if (segment.Index is { } index)
            {
                text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (segment.Name is { Length: > 0 } name && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                text.Append(text.Length > 0 ? "." : string.Empty).Append(name);
            }
            else
            {
                text.Append("[\"").Append(segment.Name).Append("\"]");
            }
        }

        return text.ToString();
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        { } value => $"the value {value.ToJsonString()}",
    };

    private static FormatException Error(string text, int position, string what) =>
        new($"The parameter path '{text}' is not valid at character {position + 1}: {what}.");

    private readonly record struct Segment(string? Name, int? Index);
}
