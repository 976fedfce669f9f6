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

    public static Option<string?> PositiveIntegers(string name, string description) => Integers(name, description, 1, "positive whole numbers");

    /// <summary>Whole numbers from 0, such as row or unit indices.</summary>
    public static Option<string?> Indices(string name, string description) => Integers(name, description, 0, "whole numbers from 0");

    private static Option<string?> Integers(string name, string description, int minimum, string what)
    {
        var option = new Option<string?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            var words = Split(result.GetValueOrDefault<string?>()) ?? [];
            if (result.Tokens.Count > 0 && words.Length == 0)
            {
                result.AddError($"{name} needs {what} separated by commas.");
            }

            foreach (var word in words)
            {
                if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
                {
                    result.AddError($"{name} needs {what} separated by commas, not '{word}'.");
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
