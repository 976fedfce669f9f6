using System.Globalization;

namespace DynPmnn.Cli.Terminal;

/// <summary>
/// A command line after the command name: positional words, <c>--name value</c> / <c>--name=value</c> options and
/// <c>--flag</c> switches. Every option a command reads is recorded, so anything left over is reported as unknown.
/// </summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> options = new(StringComparer.Ordinal);
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> words)
    {
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
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = list[++i];
            }

            if (!options.TryAdd(name, value))
            {
                throw new UsageException($"option --{name} is given more than once");
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

        if (value is not null)
        {
            // A flag followed by a word: the word was positional after all.
            Positional.Add(value);
            options[name] = null;
        }

        return true;
    }

    public string? String(string name)
    {
        read.Add(name);
        if (!options.TryGetValue(name, out var value))
        {
            return null;
        }

        return value ?? throw new UsageException($"option --{name} needs a value");
    }

    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue) =>
        String(name) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new UsageException($"option --{name} needs a whole number{Range(min, max)}, not '{text}'")
            : null;

    public double? Double(string name, double min = double.MinValue, double max = double.MaxValue) =>
        String(name) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= min && value <= max
                ? value
                : throw new UsageException($"option --{name} needs a number{Range(min, max)}, not '{text}'")
            : null;

    public IReadOnlyList<string>? List(string name) =>
        String(name) is { } text ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null;

    public T? Enum<T>(string name)
        where T : struct, System.Enum =>
        String(name) is { } text
            ? System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)
                ? value
                : throw new UsageException($"option --{name} must be one of {string.Join(", ", System.Enum.GetNames<T>())}, not '{text}'")
            : null;

    /// <summary>Fails on options nobody read and on surplus positional words.</summary>
    public void EnsureAllUsed(int positional)
    {
        var unknown = options.Keys.Where(k => !read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option{(unknown.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unknown.Select(u => "--" + u))}");
        }

        if (Positional.Count > positional)
        {
            throw new UsageException($"unexpected argument '{Positional[positional]}'");
        }
    }

    private static string Range(double min, double max) =>
        min > double.MinValue / 2 && max < double.MaxValue / 2 ? $" from {min} to {max}" : min > double.MinValue / 2 ? $" ≥ {min}" : string.Empty;
}

/// <summary>A command line that does not make sense: printed with the command's usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
