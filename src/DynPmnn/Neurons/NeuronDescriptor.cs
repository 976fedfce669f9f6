namespace DynPmnn.Neurons;

/// <summary>
/// What the generator learned about a neuron: its variables, defaults, equations and every symbolic partial
/// derivative it derived, in the readable form it also writes as a comment into the generated source.
/// </summary>
public sealed class NeuronDescriptor(
    string name,
    string generatedSourceName,
    IReadOnlyList<string> states,
    IReadOnlyList<string> parameters,
    IReadOnlyList<double> parameterDefaults,
    IReadOnlyList<string> inputs,
    IReadOnlyList<string> equations,
    IReadOnlyList<PartialDerivative> partialDerivatives,
    string? generatedSource = null,
    RightHandSideGraph? rightHandSide = null,
    RightHandSideGraph? eulerStep = null)
{
    /// <summary>The neuron type's fully qualified name.</summary>
    public string Name { get; } = name;

    /// <summary>The hint name of the generated file, <c>{FullyQualifiedMetadataName}.g.cs</c>.</summary>
    public string GeneratedSourceName { get; } = generatedSourceName;

    public IReadOnlyList<string> States { get; } = states;

    public IReadOnlyList<string> Parameters { get; } = parameters;

    public IReadOnlyList<double> ParameterDefaults { get; } = parameterDefaults;

    public IReadOnlyList<string> Inputs { get; } = inputs;

    /// <summary>
    /// One line per state, for example <c>dV/dt = I - V * (V - A) * (V - 1) - W</c>. When the equations are too large
    /// to write out in full, subexpressions they and the partial derivatives share are named, and one line per name
    /// (<c>u1 = ...</c>) follows the states' lines.
    /// </summary>
    public IReadOnlyList<string> Equations { get; } = equations;

    /// <summary>Every non-zero partial derivative of a right-hand side with respect to a state, parameter or input.</summary>
    public IReadOnlyList<PartialDerivative> PartialDerivatives { get; } = partialDerivatives;

    /// <summary>The C# the generator wrote for this neuron (the file named <see cref="GeneratedSourceName"/>), for inspection.</summary>
    public string? GeneratedSource { get; } = generatedSource;

    /// <summary>The right-hand side as a graph of the operations the kernels perform, for tools that translate the neuron into another form (null for a descriptor made by hand).</summary>
    public RightHandSideGraph? RightHandSide { get; } = rightHandSide;

    /// <summary>
    /// One explicit Euler step, <c>x + dt · f(x)</c>, as the kernels compute it (dt multiplied into the invariant factors
    /// of f): a graph over the states, parameters, inputs and <see cref="RightHandSideOperator.StepSize"/> whose roots
    /// are the states after the step (null for a descriptor made by hand).
    /// </summary>
    public RightHandSideGraph? EulerStep { get; } = eulerStep;

    public int IndexOfState(string name) => IndexOf(States, name, "state");

    public int IndexOfParameter(string name) => IndexOf(Parameters, name, "parameter");

    public int IndexOfInput(string name) => IndexOf(Inputs, name, "input");

    private int IndexOf(IReadOnlyList<string> names, string name, string kind)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        var known = names.Count == 0 ? "none" : string.Join(", ", names);
        throw new ArgumentException($"Neuron {Name} has no {kind} named '{name}' (its {kind}s: {known}).", nameof(name));
    }
}

/// <summary>∂(d<paramref name="State"/>/dt)/∂<paramref name="Variable"/> = <paramref name="Expression"/>.</summary>
public sealed record PartialDerivative(string State, string Variable, string Expression);
