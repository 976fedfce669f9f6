using System.Globalization;
using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// Where a random search draws one parameter from; exactly one member is given: <c>{"choice": [values]}</c>,
/// <c>{"uniform": [low, high]}</c>, <c>{"logUniform": [low, high]}</c> or <c>{"int": [low, high]}</c> (both ends
/// included).
/// </summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property.</remarks>
public sealed record Distribution
{
    /// <summary>Significant digits kept of a drawn real number; see <see cref="Draw"/>.</summary>
    public const int SignificantDigits = 12;

    /// <summary>Any JSON values, each equally likely.</summary>
    public JsonArray? Choice { get; set; }

    /// <summary>A real number uniform in [low, high).</summary>
    public IReadOnlyList<double>? Uniform { get; set; }

    /// <summary>A real number whose logarithm is uniform: low · (high/low)^u; both ends positive.</summary>
    public IReadOnlyList<double>? LogUniform { get; set; }

    /// <summary>A whole number uniform in [low, high], both ends included.</summary>
    public IReadOnlyList<long>? Int { get; set; }

    /// <summary>Checks that exactly one form is given and its bounds make sense; <paramref name="where"/> names it in messages.</summary>
    /// <exception cref="FormatException">What is wrong.</exception>
    public void Validate(string where)
    {
        var given = (Choice is null ? 0 : 1) + (Uniform is null ? 0 : 1) + (LogUniform is null ? 0 : 1) + (Int is null ? 0 : 1);
        if (given != 1)
        {
            throw new FormatException($"{where} must give exactly one of choice, uniform, logUniform or int; it gives {given}.");
        }

        if (Choice is { Count: 0 })
        {
            throw new FormatException($"{where}.choice is empty.");
        }

        if (Uniform is { } uniform)
        {
            CheckRange(where, "uniform", uniform, positive: false);
        }

        if (LogUniform is { } logUniform)
        {
            CheckRange(where, "logUniform", logUniform, positive: true);
        }

        if (Int is { } range)
        {
            if (range.Count != 2 || range[0] > range[1])
            {
                throw new FormatException($"{where}.int must be [low, high] with low ≤ high, not [{string.Join(", ", range)}].");
            }
        }
    }

    /// <summary>
    /// One value. Real numbers are rounded to <see cref="SignificantDigits"/> significant digits: a logarithm or
    /// exponential may differ in its last bit between C libraries, and rounding keeps every machine of a cluster
    /// drawing the same number (a process whose expansion differs anyway is refused by the store).
    /// </summary>
    internal JsonNode? Draw(SplitMix64 random)
    {
        if (Choice is { } choice)
        {
            return choice[(int)random.NextBelow((ulong)choice.Count)]?.DeepClone();
        }

        if (Int is { } range)
        {
            var span = (ulong)(range[1] - range[0]) + 1;
            return JsonValue.Create(range[0] + (long)(span == 0 ? random.NextUInt64() : random.NextBelow(span)));
        }

        var u = random.NextDouble();
        var value = Uniform is { } uniform
            ? uniform[0] + ((uniform[1] - uniform[0]) * u)
            : Math.Exp(Math.Log(LogUniform![0]) + ((Math.Log(LogUniform[1]) - Math.Log(LogUniform[0])) * u));
        return JsonValue.Create(double.Parse(value.ToString("G" + SignificantDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    private static void CheckRange(string where, string form, IReadOnlyList<double> bounds, bool positive)
    {
        if (bounds.Count != 2 || !double.IsFinite(bounds[0]) || !double.IsFinite(bounds[1]) || !(bounds[0] < bounds[1]) || (positive && !(bounds[0] > 0)))
        {
            var rule = positive ? "0 < low < high" : "low < high, both finite";
            throw new FormatException($"{where}.{form} must be [low, high] with {rule}, not [{string.Join(", ", bounds.Select(b => b.ToString("R", CultureInfo.InvariantCulture)))}].");
        }
    }
}
