using System.CommandLine;
using System.Numerics;

namespace DynPmnn.Cli.CommandLine;

/// <summary>Range checks for numeric options, said in the user's terms before any work starts.</summary>
internal static class Ranges
{
    public static Option<T> Within<T>(this Option<T> option, T minimum, T maximum)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && TryValue(result, out T value) && (value < minimum || value > maximum || T.IsNaN(value)))
            {
                result.AddError($"{option.Name} is {value}; it must be between {minimum} and {maximum}.");
            }
        });
        return option;
    }

    public static Option<T?> Within<T>(this Option<T?> option, T minimum, T maximum)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (TryValue(result, out T? found) && found is { } value && (value < minimum || value > maximum || T.IsNaN(value)))
            {
                result.AddError($"{option.Name} is {value}; it must be between {minimum} and {maximum}.");
            }
        });
        return option;
    }

    public static Option<double?> Positive(this Option<double?> option)
    {
        option.Validators.Add(result =>
        {
            if (TryValue(result, out double? found) && found is { } value && !(value > 0 && double.IsFinite(value)))
            {
                result.AddError($"{option.Name} is {value}; it must be a positive finite number.");
            }
        });
        return option;
    }

    public static Option<double?> NonNegative(this Option<double?> option)
    {
        option.Validators.Add(result =>
        {
            if (TryValue(result, out double? found) && found is { } value && !(value >= 0 && double.IsFinite(value)))
            {
                result.AddError($"{option.Name} is {value}; it must be zero or a positive finite number.");
            }
        });
        return option;
    }

    /// <summary>Enum options accept the names only: System.CommandLine would also take a number such as <c>--integrator 1</c>.</summary>
    public static Option<TEnum?> NamesOnly<TEnum>(this Option<TEnum?> option)
        where TEnum : struct, Enum
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 0 && (char.IsDigit(token.Value[0]) || token.Value[0] == '-'))
                {
                    result.AddError($"{option.Name} takes one of {string.Join(", ", Enum.GetNames<TEnum>())}, not '{token.Value}'.");
                }
            }
        });
        return option;
    }

    /// <summary>The option's value, or false when its text does not parse (the parser reports that error itself).</summary>
    private static bool TryValue<T>(System.CommandLine.Parsing.OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
