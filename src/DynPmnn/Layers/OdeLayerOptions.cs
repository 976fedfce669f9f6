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

    /// <summary>
    /// When set, every state is clamped to [−StateClamp, StateClamp] after each integrator step, as the authors'
    /// <c>torch.clamp</c> does; where the clamp cuts a state its gradient is zero (as <c>torch.clamp</c>'s, which passes
    /// the gradient at the bounds themselves). Null integrates without clamping.
    /// </summary>
    public double? StateClamp { get; init; }

    /// <summary>
    /// Elements (units × steps × states × rows) up to which the forward pass keeps a tape of every step's state, so the
    /// backward pass reads it instead of recomputing the forward pass; above it the backward pass recomputes. Both give
    /// the same bits. The tape pays while it stays in cache: for FitzHugh–Nagumo with Euler (benchmarks/DynPmnn.Benchmarks)
    /// forward + backward from a 4 MB tape ran at 2.6–2.8 × 10⁹ neuron-steps/s against 2.35 × 10⁹ recomputing, from an
    /// 8 MB one at 1.3–2.1 × 10⁹, so the default is 2²⁰ elements (4 MB of floats). 0 never keeps a tape.
    /// </summary>
    public long TapeBudget { get; init; } = 1 << 20;

    /// <summary>
    /// Work (units × rows × steps × states) from which the layer integrates blocks of rows on several threads. Results
    /// do not depend on it: block gradients are added in a fixed order. <see cref="long.MaxValue"/> keeps one thread.
    /// </summary>
    public long ParallelThreshold { get; init; } = 1 << 18;
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
