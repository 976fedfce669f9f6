using System.CommandLine;
using System.Globalization;

namespace DynPmnn.Cli.CommandLine;

/// <summary>Options whose value is a comma-separated list (<c>--target y1,y2</c>), as users type them.</summary>
internal static class ListOption
{
    public static Option<string[]?> Strings(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => result.Tokens.Count == 0 ? null : [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))],
    };

    public static Option<int[]?> PositiveIntegers(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var values = new List<int>();
            foreach (var word in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            {
                if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
                {
                    result.AddError($"{name} needs positive whole numbers separated by commas, not '{word}'.");
                    return null;
                }

                values.Add(value);
            }

            return [.. values];
        },
    };
}
