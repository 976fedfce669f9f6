using DynPmnn.Neurons;

namespace DynPmnn.Layers;

/// <summary>How an <see cref="OdeLayer{TNeuron, T}"/> integrates its neurons and couples them to the layers around it.</summary>
public sealed record OdeLayerOptions
{
    /// <summary>Number of neurons (units); each has its own dynamical parameters.</summary>
    public required int Units { get; init; }

    public Integrator Integrator { get; init; } = Integrator.Euler;

    /// <summary>The time step.</summary>
    public double Dt { get; init; } = 0.1;

    /// <summary>Steps integrated per forward pass; the layer's output is the state at time <c>Dt · Steps</c>.</summary>
    public int Steps { get; init; } = 10;

    /// <summary>States whose initial value is taken from the layer's input features (one feature per unit and state).</summary>
    public IReadOnlyList<string> StatesFromFeatures { get; init; } = [];

    /// <summary>Neuron inputs (drives such as a current) taken from the layer's input features, held over the integration.</summary>
    public IReadOnlyList<string> InputsFromFeatures { get; init; } = [];

    /// <summary>States read out at the final time (one output per unit and state); all states when null.</summary>
    public IReadOnlyList<string>? Readout { get; init; }

    /// <summary>Dynamical parameters trained per unit; all others stay fixed at their values.</summary>
    public IReadOnlyList<TrainedParameter> TrainedParameters { get; init; } = [];

    /// <summary>Values that replace the neuron's declared defaults (the fixed value, or the starting value of a trained one).</summary>
    public IReadOnlyDictionary<string, double> ParameterValues { get; init; } = new Dictionary<string, double>();

    /// <summary>Initial values of the states not taken from features; 0 for those not listed.</summary>
    public IReadOnlyDictionary<string, double> InitialStates { get; init; } = new Dictionary<string, double>();
}

/// <summary>A dynamical parameter trained per unit, optionally kept positive.</summary>
public sealed record TrainedParameter(string Name, ParameterConstraint Constraint = ParameterConstraint.None);

public enum ParameterConstraint
{
    /// <summary>The trained value is the parameter itself.</summary>
    None,

    /// <summary>The parameter is softplus(θ) of the trained value θ, so it stays positive (a rate, a time constant).</summary>
    Positive,
}
