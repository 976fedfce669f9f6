using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// A hyperparameter search as a file: a base configuration, the values to search (a grid, random draws, or both), the
/// conditions a combination must meet, the seeds, the metric that picks the best trial, and free-text notes on how
/// the search deviates from a published one. docs/sweep-spec.md describes the format with a complete example.
/// </summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property, so a member
/// left out of a file would get 0 instead of its default.</remarks>
public sealed partial record SweepSpec
{
    /// <summary>Names the sweep in job names and reports: letters, digits, '.', '_' and '-'.</summary>
    public required string Name { get; set; }

    /// <summary>The configuration every trial starts from.</summary>
    public required TrialConfig Base { get; set; }

    /// <summary>Every configuration is trained once per seed; give this or <see cref="Seed"/>.</summary>
    public IReadOnlyList<int>? Seeds { get; set; }

    /// <summary>The one seed, when <see cref="Seeds"/> is not given.</summary>
    public int? Seed { get; set; }

    /// <summary>The metric (as the trial runner names it, such as <c>validLoss</c>) that selects the best trial.</summary>
    public required string Metric { get; set; }

    public required SelectionDirection Direction { get; set; }

    /// <summary>
    /// The rule reports select the best trial by unless told otherwise: <c>classification</c> or <c>regression</c> (the
    /// authors' rules, see <see cref="SelectionRule"/>), or null for <see cref="Metric"/> in <see cref="Direction"/>.
    /// </summary>
    public string? Selection { get; set; }

    /// <summary>
    /// Parameter path → the values to try, as an ordered JSON object: every combination, the last parameter changing
    /// fastest (the order of Python's itertools.product over the lists as listed).
    /// </summary>
    public JsonObject? Grid { get; set; }

    /// <summary>Random draws, combined with every grid point.</summary>
    public RandomSearch? Random { get; set; }

    /// <summary>
    /// Parameter path (or variable) → an <see cref="Expression"/> computing its value from the searched values, as an
    /// ordered JSON object, evaluated in order after the searched values are written (so one may read an earlier one):
    /// <c>"model.blocks[0].steps": "ceil($tEnd / $tStep)"</c>.
    /// </summary>
    public JsonObject? Derived { get; set; }

    /// <summary>Conditions (see <see cref="Sweeps.Constraint"/>) that every trial's configuration must meet.</summary>
    public IReadOnlyList<string> Constraints { get; set; } = [];

    /// <summary>Notes recorded with every result, such as "min_delta 0.0 as actually run".</summary>
    public IReadOnlyList<string> Deviations { get; set; } = [];

    /// <summary>The seeds of every configuration, in order.</summary>
    public IReadOnlyList<int> SeedList => Seeds ?? (Seed is { } one ? [one] : []);

    /// <summary>Reads and checks the spec in <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a valid spec; the message names the file, the member and, for JSON errors, the line.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static SweepSpec Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The sweep spec {path} does not exist.", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads and checks a spec; <paramref name="source"/> names it in messages (a file name).</summary>
    /// <exception cref="FormatException">The text is not a valid spec; the message names the source, the member and, for JSON errors, the line.</exception>
    public static SweepSpec Parse(string json, string source = "sweep spec")
    {
        ArgumentNullException.ThrowIfNull(json);
        SweepSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize(json, SweepJson.Default.SweepSpec);
        }
        catch (JsonException error)
        {
            throw new FormatException($"{source}: {DynPmnn.Serialization.PublicJson.Describe(error)}", error);
        }

        if (spec is null)
        {
            throw new FormatException($"{source}: the spec is empty (null).");
        }

        try
        {
            spec.Validate();
        }
        catch (FormatException error)
        {
            throw new FormatException($"{source}: {error.Message}", error);
        }

        return spec;
    }

    /// <summary>Checks everything that can be checked without expanding the search.</summary>
    /// <exception cref="FormatException">What is wrong, naming the member.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Name) || !NamePattern().IsMatch(Name))
        {
            throw new FormatException($"name '{Name}' must be 1 to 64 letters, digits, '.', '_' or '-' (it names cluster jobs and files).");
        }

        if (Seeds is not null && Seed is not null)
        {
            throw new FormatException("give either seeds (a list) or seed (one), not both.");
        }

        if (SeedList.Count == 0)
        {
            throw new FormatException("no seed: give seeds (a list) or seed (one).");
        }

        if (SeedList.Distinct().Count() != SeedList.Count)
        {
            throw new FormatException($"seeds [{string.Join(", ", SeedList)}] repeat a seed.");
        }

        if (string.IsNullOrWhiteSpace(Metric))
        {
            throw new FormatException("metric is empty; name the metric that selects the best trial, such as validLoss.");
        }

        if (!Enum.IsDefined(Direction))
        {
            throw new FormatException("direction must be \"max\" or \"min\".");
        }

        if (Selection is not (null or "classification" or "regression"))
        {
            throw new FormatException($"selection '{Selection}' is no rule; use \"classification\" (max validAccuracy, then min validLoss), \"regression\" (min validLoss), or leave it out for the metric and direction.");
        }

        try
        {
            (Base ?? throw new FormatException("is null.")).Validate();
        }
        catch (FormatException error)
        {
            throw new FormatException($"base: {error.Message}", error);
        }

        var searched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, values) in Grid ?? new JsonObject())
        {
            ParsePath(path, $"grid[\"{path}\"]");
            if (values is not JsonArray { Count: > 0 })
            {
                throw new FormatException($"grid[\"{path}\"] must be a non-empty list of values, not {values?.ToJsonString() ?? "null"}.");
            }

            searched.Add(path);
        }

        if (Random is { } random)
        {
            if (random.Count is < 1 or > RandomSearch.MaximumCount)
            {
                throw new FormatException($"random.count is {random.Count}; it must be between 1 and {RandomSearch.MaximumCount:N0}.");
            }

            if (random.Parameters is null || random.Parameters.Count == 0)
            {
                throw new FormatException("random.parameters is empty; name at least one parameter path and its distribution.");
            }

            foreach (var (path, node) in random.Parameters)
            {
                var where = $"random.parameters[\"{path}\"]";
                ParsePath(path, where);
                if (!searched.Add(path))
                {
                    throw new FormatException($"{where}: {path} is also in the grid; search each parameter one way.");
                }

                ReadDistribution(node, where).Validate(where);
            }
        }

        var known = new HashSet<string>(searched, StringComparer.Ordinal);
        foreach (var (path, expression) in DerivedValues())
        {
            var where = $"derived[\"{path}\"]";
            if (searched.Contains(path.Text))
            {
                throw new FormatException($"{where}: {path} is also searched; a value is searched or derived, not both.");
            }

            CheckVariables(expression.Paths, known, where);
            if (!known.Add(path.Text))
            {
                throw new FormatException($"{where}: {path} is derived twice.");
            }
        }

        for (var i = 0; i < (Constraints ?? throw new FormatException("constraints is null.")).Count; i++)
        {
            try
            {
                CheckVariables(Constraint.Parse(Constraints[i] ?? throw new FormatException("it is null")).Paths, known, string.Empty);
            }
            catch (FormatException error)
            {
                throw new FormatException($"constraints[{i}]: {error.Message}", error);
            }
        }

        if (Deviations is null || Deviations.Any(d => d is null))
        {
            throw new FormatException("deviations must be a list of strings.");
        }
    }

    /// <summary>The spec as JSON in the form files use (every member written, defaults included).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SweepJson.Indented.SweepSpec);

    /// <summary>The derived values in evaluation order: where each goes and the expression that computes it.</summary>
    /// <exception cref="FormatException">A path or an expression does not parse, or an expression is not a string.</exception>
    internal IReadOnlyList<(ParameterPath Path, Expression Expression)> DerivedValues()
    {
        var derived = new List<(ParameterPath, Expression)>();
        foreach (var (path, node) in Derived ?? new JsonObject())
        {
            var where = $"derived[\"{path}\"]";
            ParsePath(path, where);
            if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                throw new FormatException($"{where} must be an expression in a string, such as \"ceil($tEnd / $tStep)\", not {node?.ToJsonString() ?? "null"}.");
            }

            try
            {
                derived.Add((ParameterPath.Parse(path), Expression.Parse(value.GetValue<string>(), "derived value")));
            }
            catch (FormatException error)
            {
                throw new FormatException($"{where}: {error.Message}", error);
            }
        }

        return derived;
    }

    /// <summary>Every variable an expression reads must be searched or derived before it.</summary>
    private static void CheckVariables(IEnumerable<ParameterPath> read, HashSet<string> known, string where)
    {
        foreach (var variable in read.Where(p => p.IsVariable && !known.Contains(p.Text)))
        {
            throw new FormatException($"{where}{(where.Length > 0 ? ": " : string.Empty)}the variable {variable} is neither searched (in the grid or the random search) nor derived before it.");
        }
    }

    /// <summary>The random search's distributions, in draw order.</summary>
    internal IReadOnlyList<(ParameterPath Path, Distribution Distribution)> RandomParameters() =>
        Random is null
            ? []
            : [.. Random.Parameters.Select(p => (ParameterPath.Parse(p.Key), ReadDistribution(p.Value, $"random.parameters[\"{p.Key}\"]")))];

    private static Distribution ReadDistribution(JsonNode? node, string where)
    {
        try
        {
            return (node ?? throw new FormatException("it is null")).Deserialize(SweepJson.Default.Distribution)
                   ?? throw new FormatException("it is null");
        }
        catch (JsonException error)
        {
            throw new FormatException($"{where}: {DynPmnn.Serialization.PublicJson.Describe(error)}", error);
        }
    }

    private static void ParsePath(string path, string where)
    {
        try
        {
            _ = ParameterPath.Parse(path);
        }
        catch (FormatException error)
        {
            throw new FormatException($"{where}: {error.Message}", error);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
