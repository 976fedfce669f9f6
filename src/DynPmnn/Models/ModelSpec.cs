using System.Text.Json;
using System.Text.Json.Serialization;
using DynPmnn.Layers;
using DynPmnn.Neurons;

namespace DynPmnn.Models;

/// <summary>The kinds of model the experiments compare.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelKind>))]
public enum ModelKind
{
    /// <summary>Blocks of Dense → LayerNorm → SiLU → ODE layer, then a Dense head (the paper's DynPMNN and its extensions).</summary>
    DynPmnn,

    /// <summary>Neural ODE: Dense, an MLP(LayerNorm([h, t])) vector field integrated over [0, 1], Dense.</summary>
    NeuralOde,

    /// <summary>Closed-form continuous-time network (ncps's CfC cell on one step), Dense.</summary>
    Cfc,

    /// <summary>A plain ReLU multilayer perceptron.</summary>
    Dnn,
}

/// <summary>
/// A model architecture as data: enough to build the network again (it is stored in saved model files) and to print
/// what was trained. Only the fields of its <see cref="Kind"/> are used.
/// </summary>
public sealed record ModelSpec
{
    public required ModelKind Kind { get; init; }

    public int Inputs { get; init; } = 8;

    /// <summary>DynPMNN: the ODE blocks, first to last.</summary>
    public IReadOnlyList<OdeBlockSpec> Blocks { get; init; } = [];

    /// <summary>DynPMNN: hidden widths of the head after the last ODE block (Dense → SiLU each), empty for the paper's single Dense.</summary>
    public IReadOnlyList<int> HeadHiddenSizes { get; init; } = [];

    /// <summary>Neural ODE: hidden width.</summary>
    public int Hidden { get; init; } = 128;

    /// <summary>Neural ODE: linear layers in the vector field.</summary>
    public int FieldLayers { get; init; } = 3;

    /// <summary>Neural ODE: "dopri5" (adaptive) or "rk4" (fixed step).</summary>
    public string Solver { get; init; } = "dopri5";

    public double RelativeTolerance { get; init; } = 1e-7;

    public double AbsoluteTolerance { get; init; } = 1e-9;

    /// <summary>Neural ODE with RK4: steps over [0, 1].</summary>
    public int SolverSteps { get; init; } = 8;

    /// <summary>CfC: units.</summary>
    public int Units { get; init; } = 64;

    /// <summary>DNN: hidden layer widths.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [512, 256, 128];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="FormatException">The text is not a model description.</exception>
    public static ModelSpec FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelSpec>(json, Json) ?? throw new FormatException("The model description is empty.");
        }
        catch (JsonException error)
        {
            throw new FormatException($"The model description is not valid: {error.Message}", error);
        }
    }

    /// <summary>One line, such as <c>DynPMNN [FitzHughNagumo×1 Euler dt 5 × 2]</c>.</summary>
    public string Summary => Kind switch
    {
        ModelKind.DynPmnn => "DynPMNN [" + string.Join(" → ", Blocks.Select(b => b.Summary)) + "]" + (HeadHiddenSizes.Count > 0 ? $" head {string.Join("-", HeadHiddenSizes)}" : string.Empty),
        ModelKind.NeuralOde => $"Neural ODE (H {Hidden}, {FieldLayers} layers, {(Solver == "rk4" ? $"RK4 × {SolverSteps}" : $"dopri5 rtol {RelativeTolerance:G2}")})",
        ModelKind.Cfc => $"CfC ({Units} units)",
        _ => $"DNN {Inputs}-{string.Join("-", HiddenSizes)}-1",
    };
}

/// <summary>One DynPMNN block: Dense(previous → units · drives) → LayerNorm → SiLU → an ODE layer of <see cref="Units"/> neurons.</summary>
public sealed record OdeBlockSpec
{
    public string Neuron { get; init; } = "FitzHughNagumo";

    public int Units { get; init; } = 1;

    [JsonConverter(typeof(JsonStringEnumConverter<Integrator>))]
    public Integrator Integrator { get; init; } = Integrator.Euler;

    public double Dt { get; init; } = 5;

    public int Steps { get; init; } = 2;

    public IReadOnlyList<string> StatesFromFeatures { get; init; } = ["V", "W"];

    public IReadOnlyList<string> InputsFromFeatures { get; init; } = [];

    /// <summary>States read out; all when empty.</summary>
    public IReadOnlyList<string> Readout { get; init; } = [];

    /// <summary>Trained dynamical parameters; a leading '+' asks for a positive one (softplus), as in "+B".</summary>
    public IReadOnlyList<string> Trained { get; init; } = [];

    public IReadOnlyDictionary<string, double> ParameterValues { get; init; } = new Dictionary<string, double>();

    /// <summary>Whether the block normalises its features (LayerNorm) before the ODE layer, as the paper's block does.</summary>
    public bool NormalizeFeatures { get; init; } = true;

    /// <summary>
    /// The activation between the features and the ODE layer: "silu" (the paper's), "tanh" (keeps initial states and
    /// drives in (−1, 1), where a stiff neuron stays inside the integrator's stability region) or "none".
    /// </summary>
    public string Activation { get; init; } = "silu";

    public string Summary =>
        $"{Neuron}×{Units} {Integrator} dt {Dt:G4} × {Steps}" + (Activation == "silu" ? string.Empty : $", {Activation}") + (Trained.Count > 0 ? $", trained {string.Join(",", Trained)}" : string.Empty);

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
    };
}
