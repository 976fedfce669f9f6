using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// A condition every trial's configuration must meet; a combination of searched values that breaks it is left out of
/// the sweep (the authors, for example, skip a time step longer than the time span). Written in the
/// <see cref="Expression"/> language, and true or false.
/// Example: <c>model.blocks[0].integrator != "Euler" || model.blocks[0].dt * model.blocks[0].steps &lt;= 10</c>.
/// </summary>
public sealed class Constraint
{
    private readonly Expression expression;

    private Constraint(Expression expression) => this.expression = expression;

    /// <summary>The condition as written.</summary>
    public string Text => expression.Text;

    /// <summary>The parameter paths and variables the condition reads.</summary>
    public IReadOnlyList<ParameterPath> Paths => expression.Paths;

    public override string ToString() => Text;

    /// <summary>Reads a condition.</summary>
    /// <exception cref="FormatException">It does not parse; the message quotes it and the position.</exception>
    public static Constraint Parse(string text) => new(Expression.Parse(text, "constraint"));

    /// <summary>Whether <paramref name="config"/> (a trial configuration as JSON, its variables as <c>$name</c> members) meets the condition.</summary>
    /// <exception cref="FormatException">A path is missing or the values cannot be compared; the message quotes the condition.</exception>
    public bool IsSatisfiedBy(JsonNode config)
    {
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            return expression.Evaluate(config) is bool result
                ? result
                : throw new FormatException("it is not a condition (true or false) but a value");
        }
        catch (FormatException error)
        {
            throw new FormatException($"The constraint \"{Text}\" cannot be evaluated: {error.Message}", error);
        }
    }
}
