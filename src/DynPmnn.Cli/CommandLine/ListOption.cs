using System.CommandLine;
using System.Globalization;

namespace DynPmnn.Cli.CommandLine;

/// <summary>
/// Options whose value is a comma-separated list (<c>--target y1,y2</c>), as users type them. The option holds the text
/// and <see cref="List"/> splits it: an array-typed option reads as an empty array when absent, which would mean
/// "no columns" rather than "not given".
/// </summary>
internal static class ListOption
{
    public static Option<string?> Strings(string name, string description) => new(name) { Description = description };

    public static Option<string?> PositiveIntegers(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            foreach (var word in Split(result.GetValueOrDefault<string?>()) ?? [])
            {
                if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
                {
                    result.AddError($"{name} needs positive whole numbers separated by commas, not '{word}'.");
                    return;
                }
            }
        });
        return option;
    }

    /// <summary>The list given, or null when the option is absent.</summary>
    public static string[]? List(this ParseResult parse, Option<string?> option) => Split(parse.GetValue(option));

    /// <summary>The whole numbers given, or null when the option is absent (checked by the option's validator).</summary>
    public static int[]? Integers(this ParseResult parse, Option<string?> option) =>
        Split(parse.GetValue(option)) is { } words ? [.. words.Select(w => int.Parse(w, CultureInfo.InvariantCulture))] : null;

    private static string[]? Split(string? text) => text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
