using System.Text.Json;
using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// A spec expanded into its trials, deterministically: the same spec and program version give the same trials, in the
/// same order, with the same ids, on every machine.
/// </summary>
/// <remarks>
/// Order: grid points in itertools.product order (the last grid parameter changes fastest), for each grid point every
/// random sample in draw order, for each combination every seed in the spec's order. Each combination's values are
/// written into a copy of the base configuration's JSON (every member present, defaults included) and the result is
/// read back strictly, so a misspelt path or a value of the wrong type is an error naming the path; then the
/// configuration is validated and the constraints are checked.
/// </remarks>
public sealed class SweepPlan
{
    /// <summary>The most combinations a spec may expand to, so a mistyped grid fails at once instead of filling memory.</summary>
    public const long MaximumCombinations = 10_000_000;

    private SweepPlan(SweepSpec spec, string programVersion, IReadOnlyList<Trial> trials, ExpansionSummary summary)
    {
        Spec = spec;
        ProgramVersion = programVersion;
        Trials = trials;
        Summary = summary;
    }

    public SweepSpec Spec { get; }

    /// <summary>The program version in every trial id.</summary>
    public string ProgramVersion { get; }

    /// <summary>The trials in expansion order; <c>Trials[k].Index == k</c>.</summary>
    public IReadOnlyList<Trial> Trials { get; }

    public ExpansionSummary Summary { get; }

    /// <summary>Expands <paramref name="spec"/> for <paramref name="programVersion"/> (by default <see cref="Sweeps.ProgramVersion.Current"/>).</summary>
    /// <exception cref="FormatException">A searched value does not fit the configuration, or a constraint cannot be evaluated; the message names the path and the values.</exception>
    public static SweepPlan Expand(SweepSpec spec, string? programVersion = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        programVersion ??= Sweeps.ProgramVersion.Current;
        var baseJson = Normalize(spec.Base);

        var grid = (spec.Grid ?? []).Select(p => (Path: ParameterPath.Parse(p.Key), Values: p.Value!.AsArray().ToArray())).ToArray();
        var randomParameters = spec.RandomParameters();
        var derived = spec.DerivedValues();
        var constraints = spec.Constraints.Select(Constraint.Parse).ToArray();
        CheckEachValueFits(baseJson, grid, randomParameters);
        foreach (var constraint in constraints)
        {
            foreach (var path in constraint.Paths.Where(p => !p.IsVariable))
            {
                try
                {
                    _ = path.Get(baseJson);
                }
                catch (FormatException error)
                {
                    throw new FormatException($"The constraint \"{constraint.Text}\" reads a path the configuration does not have: {error.Message}", error);
                }
            }
        }

        var samples = DrawSamples(spec.Random, randomParameters);
        // Counted in doubles: a product of long lists can overflow a long before the check.
        var size = grid.Aggregate(1.0, (product, axis) => product * axis.Values.Length) * Math.Max(1, samples.Count);
        if (size > MaximumCombinations)
        {
            throw new FormatException($"The search has {size:N0} combinations; at most {MaximumCombinations:N0} are allowed. Split it into several sweeps.");
        }

        var combinations = (long)size;

        var skipped = new long[constraints.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        var trials = new List<Trial>();
        var seeds = spec.SeedList;
        var combination = 0L;
        foreach (var point in GridPoints(grid))
        {
            foreach (var sample in samples.Count == 0 ? [[]] : samples)
            {
                combination++;
                var values = new List<(ParameterPath Path, JsonNode? Value)>(point.Count + sample.Count);
                values.AddRange(point);
                values.AddRange(sample);
                var composed = Compose(baseJson, values, derived, combination, combinations);
                var (config, configJson, variables) = ReadConfiguration(composed, out var invalid);
                if (config is null)
                {
                    // An invalid configuration is no error when a constraint leaves it out (a step count that is not
                    // whole where the authors skip a time span the step does not divide).
                    var excludedBy = Array.FindIndex(constraints, c => IsBrokenRegardless(c, composed));
                    if (excludedBy < 0)
                    {
                        throw new FormatException($"{Where(values, combination, combinations)} {invalid!.Message}", invalid);
                    }

                    skipped[excludedBy]++;
                    continue;
                }

                var scope = (JsonObject)configJson.DeepClone();
                foreach (var (name, value) in variables)
                {
                    scope[name] = value?.DeepClone();
                }

                var broken = Array.FindIndex(constraints, c => !c.IsSatisfiedBy(scope));
                if (broken >= 0)
                {
                    skipped[broken]++;
                    continue;
                }

                var canonicalConfig = CanonicalJson.Write(configJson);
                if (!seen.Add(canonicalConfig))
                {
                    duplicates++;
                    continue;
                }

                var searched = new JsonObject();
                foreach (var (path, value) in values)
                {
                    searched[path.Text] = value?.DeepClone();
                }

                foreach (var seed in seeds)
                {
                    var canonical = CanonicalJson.Write(new JsonObject { ["config"] = configJson.DeepClone(), ["seed"] = seed });
                    trials.Add(new Trial(trials.Count, TrialId.Compute(canonical, programVersion), seed, config, configJson, searched, canonical, programVersion));
                }
            }
        }

        var summary = new ExpansionSummary
        {
            Combinations = combination,
            SkippedByConstraints = [.. constraints.Select((c, i) => new ConstraintSkips { Constraint = c.Text, Skipped = skipped[i] })],
            Duplicates = duplicates,
            Configurations = seen.Count,
            Seeds = seeds.Count,
            Trials = trials.Count,
            SearchedParameters = [.. grid.Select(a => a.Path.Text), .. randomParameters.Select(p => p.Path.Text)],
        };
        return new SweepPlan(spec, programVersion, trials, summary);
    }

    /// <summary>A configuration as JSON with every member written (defaults included) in the serializer's member order.</summary>
    internal static JsonObject Normalize(TrialConfig config) =>
        JsonNode.Parse(JsonSerializer.Serialize(config, SweepJson.Default.TrialConfig))!.AsObject();

    /// <summary>
    /// Each searched value alone, written into the base and read back: an unknown path or a value of the wrong type is
    /// then reported for that one path. Validation waits for whole combinations, where values that only make sense
    /// together (a softmax head and its output count, say) are seen together.
    /// </summary>
    private static void CheckEachValueFits(JsonObject baseJson, (ParameterPath Path, JsonNode?[] Values)[] grid, IReadOnlyList<(ParameterPath Path, Distribution Distribution)> random)
    {
        foreach (var (path, values) in grid.Where(a => !a.Path.IsVariable))
        {
            foreach (var value in values)
            {
                Read(baseJson, path, value, $"grid[\"{path}\"] value {Show(value)}");
            }
        }

        foreach (var (path, distribution) in random.Where(p => !p.Path.IsVariable))
        {
            var example = distribution.Choice is { } choice ? choice.ToArray() : [distribution.Draw(new SplitMix64(0))];
            foreach (var value in example)
            {
                Read(baseJson, path, value, $"random.parameters[\"{path}\"] value {Show(value)}");
            }
        }
    }

    private static void Read(JsonObject baseJson, ParameterPath path, JsonNode? value, string where)
    {
        var json = (JsonObject)baseJson.DeepClone();
        try
        {
            path.Set(json, value?.DeepClone());
            _ = json.Deserialize(SweepJson.Default.TrialConfig) ?? throw new FormatException("the configuration is null");
        }
        catch (JsonException error)
        {
            throw new FormatException($"{where} does not fit the configuration: {DynPmnn.Serialization.PublicJson.Describe(error)}", error);
        }
        catch (FormatException error)
        {
            throw new FormatException($"{where}: {error.Message}", error);
        }
    }

    /// <summary>
    /// The base configuration with one combination's searched values written into it, then its derived values
    /// computed in order; variables are <c>$name</c> members of the root until <see cref="ReadConfiguration"/> takes them out.
    /// </summary>
    private static JsonObject Compose(
        JsonObject baseJson,
        List<(ParameterPath Path, JsonNode? Value)> values,
        IReadOnlyList<(ParameterPath Path, Expression Expression)> derived,
        long combination,
        long combinations)
    {
        var json = (JsonObject)baseJson.DeepClone();
        try
        {
            foreach (var (path, value) in values)
            {
                path.Set(json, value?.DeepClone());
            }

            foreach (var (path, expression) in derived)
            {
                path.Set(json, DerivedValue(path, expression, json));
            }
        }
        catch (FormatException error)
        {
            throw new FormatException($"{Where(values, combination, combinations)} does not fit the configuration: {error.Message}", error);
        }

        return json;
    }

    private static JsonNode? DerivedValue(ParameterPath path, Expression expression, JsonObject scope)
    {
        object? value;
        try
        {
            value = expression.Evaluate(scope);
        }
        catch (FormatException error)
        {
            throw new FormatException($"the derived value {path} = \"{expression}\" cannot be evaluated: {error.Message}", error);
        }

        return value switch
        {
            null => null,
            double number when !double.IsFinite(number) => throw new FormatException($"the derived value {path} = \"{expression}\" is {Expression.Show(number)}."),
            // A whole number is written as one, so it fits an integer member such as a step count.
            double number when Math.Abs(number) < 9007199254740992.0 && number == Math.Floor(number) => JsonValue.Create((long)number),
            double number => JsonValue.Create(number),
            string text => JsonValue.Create(text),
            bool truth => JsonValue.Create(truth),
            _ => throw new InvalidOperationException($"An expression gave {value.GetType().Name}."),
        };
    }

    /// <summary>
    /// Takes the variables out of <paramref name="composed"/> (a copy) and reads and validates the rest as a
    /// configuration; on failure the configuration is null and <paramref name="invalid"/> says why, as the end of a
    /// sentence about the combination.
    /// </summary>
    private static (TrialConfig? Config, JsonObject Json, JsonObject Variables) ReadConfiguration(JsonObject composed, out FormatException? invalid)
    {
        var json = (JsonObject)composed.DeepClone();
        var variables = new JsonObject();
        foreach (var name in json.Select(p => p.Key).Where(k => k.StartsWith('$')).ToArray())
        {
            variables[name] = json[name]?.DeepClone();
            json.Remove(name);
        }

        invalid = null;
        try
        {
            var config = json.Deserialize(SweepJson.Default.TrialConfig) ?? throw new FormatException("the configuration is null");
            config.Validate();
            return (config, Normalize(config), variables);
        }
        catch (JsonException error)
        {
            invalid = new FormatException($"does not fit the configuration: {DynPmnn.Serialization.PublicJson.Describe(error)}", error);
        }
        catch (FormatException error)
        {
            invalid = new FormatException($"is not a valid configuration: {error.Message}", error);
        }

        return (null, json, variables);
    }

    /// <summary>Whether <paramref name="constraint"/> is false for <paramref name="composed"/>; a constraint that cannot be evaluated there does not exclude it.</summary>
    private static bool IsBrokenRegardless(Constraint constraint, JsonObject composed)
    {
        try
        {
            return !constraint.IsSatisfiedBy(composed);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Where(List<(ParameterPath Path, JsonNode? Value)> values, long combination, long combinations) =>
        $"combination {combination:N0} of {combinations:N0} ({string.Join(", ", values.Select(v => $"{v.Path} = {Show(v.Value)}"))})";

    /// <summary>Every random sample: for each, one draw per parameter in the listed order, all from one stream.</summary>
    private static List<List<(ParameterPath Path, JsonNode? Value)>> DrawSamples(RandomSearch? search, IReadOnlyList<(ParameterPath Path, Distribution Distribution)> parameters)
    {
        var samples = new List<List<(ParameterPath, JsonNode?)>>();
        if (search is null)
        {
            return samples;
        }

        var random = new SplitMix64(unchecked((ulong)search.Seed));
        for (var s = 0; s < search.Count; s++)
        {
            samples.Add([.. parameters.Select(p => (p.Path, p.Distribution.Draw(random)))]);
        }

        return samples;
    }

    /// <summary>The grid's points in itertools.product order: an odometer whose last wheel turns fastest.</summary>
    private static IEnumerable<List<(ParameterPath Path, JsonNode? Value)>> GridPoints((ParameterPath Path, JsonNode?[] Values)[] grid)
    {
        var wheel = new int[grid.Length];
        while (true)
        {
            yield return [.. grid.Select((axis, i) => (axis.Path, axis.Values[wheel[i]]))];
            var turn = grid.Length - 1;
            while (turn >= 0 && ++wheel[turn] == grid[turn].Values.Length)
            {
                wheel[turn--] = 0;
            }

            if (turn < 0)
            {
                yield break;
            }
        }
    }

    private static string Show(JsonNode? value) => value?.ToJsonString() ?? "null";
}
