using System.Globalization;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// The words after <c>sweep &lt;command&gt;</c>: positional words, <c>--name value</c> or <c>--name=value</c> options
/// and <c>--flag</c> switches, each read at most once; whatever no one read is reported as unknown.
/// </summary>
internal sealed class SweepArguments
{
    private readonly Dictionary<string, string?> options = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags;
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    /// <param name="words">The words.</param>
    /// <param name="flagNames">Options that take no value, so the word after one is positional.</param>
    public SweepArguments(IEnumerable<string> words, params string[] flagNames)
    {
        flags = new HashSet<string>(flagNames, StringComparer.Ordinal);
        var list = words.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var word = list[i];
            if (!word.StartsWith("--", StringComparison.Ordinal) || word == "--")
            {
                Positional.Add(word);
                continue;
            }

            var name = word[2..];
            string? value = null;
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (!flags.Contains(name) && i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = list[++i];
            }

            if (!options.TryAdd(name, value))
            {
                throw new SweepUsageException($"option --{name} is given more than once");
            }
        }
    }

    public List<string> Positional { get; } = [];

    public bool Flag(string name)
    {
        read.Add(name);
        if (!options.TryGetValue(name, out var value))
        {
            return false;
        }

        return value is null ? true : throw new SweepUsageException($"option --{name} takes no value, but was given '{value}'");
    }

    public string? String(string name)
    {
        read.Add(name);
        return options.TryGetValue(name, out var value)
            ? value ?? throw new SweepUsageException($"option --{name} needs a value")
            : null;
    }

    public string Required(string name, string what) =>
        String(name) ?? throw new SweepUsageException($"--{name} {what} is required");

    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue) =>
        String(name) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new SweepUsageException($"--{name} needs a whole number from {min} to {max}, not '{text}'")
            : null;

    /// <summary>The one positional word, such as the spec or the directory.</summary>
    public string Single(string what)
    {
        if (Positional.Count == 0)
        {
            throw new SweepUsageException($"{what} is missing");
        }

        if (Positional.Count > 1)
        {
            throw new SweepUsageException($"expected one {what}, got: {string.Join(' ', Positional)}");
        }

        return Positional[0];
    }

    /// <summary>Fails on any option that was given but never read.</summary>
    public void RejectUnknown()
    {
        var unknown = options.Keys.Where(k => !read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new SweepUsageException($"unknown option{(unknown.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }
}
