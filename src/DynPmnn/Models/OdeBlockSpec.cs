using System.Text.Json.Serialization;
using DynPmnn.Layers;
using DynPmnn.Neurons;

namespace DynPmnn.Models;

/// <summary>One DynPMNN block: Dense(previous → units · drives) → LayerNorm → SiLU → an ODE layer of <see cref="Units"/> neurons.</summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property, so a member
/// left out of a file would get 0 instead of its default.</remarks>
public sealed record OdeBlockSpec
{
    public string Neuron { get; set; } = "FitzHughNagumo";

    public int Units { get; set; } = 1;

    public Integrator Integrator { get; set; } = Integrator.Euler;

    public double Dt { get; set; } = 5;

    public int Steps { get; set; } = 2;

    public IReadOnlyList<string> StatesFromFeatures { get; set; } = ["V", "W"];

    public IReadOnlyList<string> InputsFromFeatures { get; set; } = [];

    /// <summary>States read out; all when empty.</summary>
    public IReadOnlyList<string> Readout { get; set; } = [];

    /// <summary>Trained dynamical parameters; a leading '+' asks for a positive one (softplus), as in "+B".</summary>
    public IReadOnlyList<string> Trained { get; set; } = [];

    public IReadOnlyDictionary<string, double> ParameterValues { get; set; } = new Dictionary<string, double>();

    /// <summary>
    /// Initial values of states not taken from the features, such as a Hodgkin–Huxley neuron's resting state
    /// (V −65 mV and its gates at rest) when the features drive its input current; a state left out starts at 0.
    /// </summary>
    public IReadOnlyDictionary<string, double> InitialStates { get; set; } = new Dictionary<string, double>();

    /// <summary>Whether the block normalises its features (LayerNorm) before the ODE layer, as the paper's block does.</summary>
    public bool NormalizeFeatures { get; set; } = true;

    /// <summary>
    /// The activation between the features and the ODE layer: "silu" (the paper's), "tanh" (keeps initial states and
    /// drives in (−1, 1), where a stiff neuron stays inside the integrator's stability region), "silu-tanh" (SiLU, then
    /// tanh: the authors' Banknote, Breast Cancer and Iris code bounds the SiLU's output this way) or "none".
    /// </summary>
    public string Activation { get; set; } = "silu";

    /// <summary>
    /// When set, every state is clamped to ±this after each integrator step (the authors' <c>torch.clamp(v, −20, 20)</c>
    /// on all their data sets but Energy and California); null integrates without clamping.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? StateClamp { get; set; }

    [JsonIgnore]
    public string Summary =>
        $"{Neuron}×{Units} {Integrator} dt {Dt:G4} × {Steps}" + (Activation == "silu" ? string.Empty : $", {Activation}") + (StateClamp is { } bound ? $", clamp ±{bound:G4}" : string.Empty) + (Trained.Count > 0 ? $", trained {string.Join(",", Trained)}" : string.Empty);

    /// <summary>Checks sizes and names that can be checked without the neuron; <paramref name="where"/> names the block in messages.</summary>
    /// <exception cref="FormatException">What is wrong.</exception>
    public void Validate(string where)
    {
        if (string.IsNullOrWhiteSpace(Neuron))
        {
            throw new FormatException($"{where}.neuron is empty.");
        }

        ModelSpec.Check(Units, $"{where}.units");
        ModelSpec.Check(Steps, $"{where}.steps");
        if (!(Dt > 0) || !double.IsFinite(Dt))
        {
            throw new FormatException($"{where}.dt is {Dt}; the step size must be a positive finite number.");
        }

        if (!Enum.IsDefined(Integrator))
        {
            throw new FormatException($"{where}.integrator is {(int)Integrator}, which is no integrator; use Euler, Heun or RungeKutta4.");
        }

        if (StatesFromFeatures is null || InputsFromFeatures is null || Readout is null || Trained is null || ParameterValues is null || InitialStates is null)
        {
            throw new FormatException($"{where} has a null list; leave a member out to take its default.");
        }

        if (StatesFromFeatures.Count + InputsFromFeatures.Count == 0)
        {
            throw new FormatException($"{where} takes nothing from its features: name states in statesFromFeatures or inputs in inputsFromFeatures.");
        }

        foreach (var (state, value) in InitialStates)
        {
            if (StatesFromFeatures.Contains(state))
            {
                throw new FormatException($"{where}.initialStates.{state}: {state} is taken from the features (statesFromFeatures), so an initial value for it would be ignored; remove one of the two.");
            }

            if (!double.IsFinite(value))
            {
                throw new FormatException($"{where}.initialStates.{state} is {value}; an initial state must be a finite number.");
            }
        }

        if (Activation is not ("silu" or "tanh" or "silu-tanh" or "none"))
        {
            throw new FormatException($"{where}.activation is '{Activation}'; use silu, tanh, silu-tanh or none.");
        }

        if (StateClamp is { } bound && !(bound > 0 && double.IsFinite(bound)))
        {
            throw new FormatException($"{where}.stateClamp is {bound}; the clamp must be a positive finite number (leave it out for none).");
        }
    }

    public OdeLayerOptions ToLayerOptions() => new()
    {
        Units = Units,
        Integrator = Integrator,
        Dt = Dt,
        Steps = Steps,
        StatesFromFeatures = StatesFromFeatures,
        InputsFromFeatures = InputsFromFeatures,
        Readout = Readout.Count == 0 ? null : Readout,
        TrainedParameters = [.. Trained.Select(t => t.StartsWith('+') ? new TrainedParameter(t[1..], ParameterConstraint.Positive) : new TrainedParameter(t))],
        ParameterValues = ParameterValues,
        InitialStates = InitialStates,
        StateClamp = StateClamp,
    };
}
