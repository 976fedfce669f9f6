using System.Text.Json;
using System.Text.Json.Serialization;
using DynPmnn.Serialization;

namespace DynPmnn.Models;

/// <summary>
/// A model architecture as data: enough to build the network again (it is stored in saved model files) and to print
/// what was trained. Only the fields of its <see cref="Kind"/> are used.
/// </summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property, so a member
/// left out of a file would get 0 instead of its default.</remarks>
public sealed record ModelSpec
{
    /// <summary>The largest width, unit count or step count a spec may ask for; larger values are refused before anything is allocated.</summary>
    public const int MaximumSize = 1 << 20;

    public required ModelKind Kind { get; set; }

    /// <summary>Features per row.</summary>
    public int Inputs { get; set; } = 8;

    /// <summary>Network outputs per row: the regression targets, the classes of a softmax head, or 1 for a sigmoid head.</summary>
    public int Outputs { get; set; } = 1;

    /// <summary>What the outputs mean and which loss trains them.</summary>
    public OutputHead Head { get; set; } = OutputHead.Regression;

    /// <summary>DynPMNN: the ODE blocks, first to last.</summary>
    public IReadOnlyList<OdeBlockSpec> Blocks { get; set; } = [];

    /// <summary>DynPMNN: hidden widths of the head after the last ODE block (Dense → SiLU each), empty for the paper's single Dense.</summary>
    public IReadOnlyList<int> HeadHiddenSizes { get; set; } = [];

    /// <summary>Neural ODE: hidden width.</summary>
    public int Hidden { get; set; } = 128;

    /// <summary>Neural ODE: linear layers in the vector field.</summary>
    public int FieldLayers { get; set; } = 3;

    /// <summary>Neural ODE: the activation after its input layer, "none" (the first form of the authors' code, used for
    /// California Housing and Energy) or "tanh" (the later form, used for their classification sets and Diabetes).</summary>
    public string InputActivation { get; set; } = "none";

    /// <summary>Neural ODE: "dopri5" (adaptive) or "rk4" (fixed step).</summary>
    public string Solver { get; set; } = "dopri5";

    public double RelativeTolerance { get; set; } = 1e-7;

    public double AbsoluteTolerance { get; set; } = 1e-9;

    /// <summary>Neural ODE with RK4: steps over [0, 1].</summary>
    public int SolverSteps { get; set; } = 8;

    /// <summary>CfC: units.</summary>
    public int Units { get; set; } = 64;

    /// <summary>DNN: hidden layer widths.</summary>
    public IReadOnlyList<int> HiddenSizes { get; set; } = [512, 256, 128];

    /// <summary>The spec as JSON: camelCase names, enums as their names (the form model files and <c>--model</c> files use).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CoreJson.Default.ModelSpec);

    /// <summary>Reads a spec written by <see cref="ToJson"/> or by hand, strictly, and checks it with <see cref="Validate"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid model description; the message says which member is wrong (an unknown or misspelled one, a null, a missing <c>kind</c>).</exception>
    public static ModelSpec FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ModelSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize(json, CoreJson.Default.ModelSpec);
        }
        catch (JsonException error)
        {
            throw new FormatException($"The model description is not valid: {PublicJson.Describe(error)}", error);
        }

        if (spec is null)
        {
            throw new FormatException("The model description is empty (null).");
        }

        spec.Validate();
        return spec;
    }

    /// <summary>Checks that the spec can be built: sizes in range, lists where they are needed, known names.</summary>
    /// <exception cref="FormatException">What is wrong, naming the member.</exception>
    public void Validate()
    {
        Check(Inputs, "inputs");
        Check(Outputs, "outputs");
        if (Head == OutputHead.Sigmoid && Outputs != 1)
        {
            throw new FormatException($"A sigmoid head has one output (the logit of class 1), not {Outputs}.");
        }

        if (Head == OutputHead.Softmax && Outputs < 2)
        {
            throw new FormatException($"A softmax head needs one output per class, at least 2, not {Outputs}.");
        }

        switch (Kind)
        {
            case ModelKind.DynPmnn:
                if (Blocks is null || Blocks.Count == 0)
                {
                    throw new FormatException("A DynPMNN needs at least one ODE block in \"blocks\".");
                }

                for (var i = 0; i < Blocks.Count; i++)
                {
                    (Blocks[i] ?? throw new FormatException($"blocks[{i}] is null.")).Validate($"blocks[{i}]");
                }

                foreach (var width in HeadHiddenSizes ?? throw new FormatException("headHiddenSizes is null."))
                {
                    Check(width, "headHiddenSizes");
                }

                break;
            case ModelKind.NeuralOde:
                Check(Hidden, "hidden");
                Check(FieldLayers, "fieldLayers");
                Check(SolverSteps, "solverSteps");
                if (Solver is not ("dopri5" or "rk4"))
                {
                    throw new FormatException($"Unknown Neural ODE solver '{Solver}'; use dopri5 or rk4.");
                }

                if (InputActivation is not ("none" or "tanh"))
                {
                    throw new FormatException($"Unknown Neural ODE input activation '{InputActivation}'; use none or tanh.");
                }

                if (!(RelativeTolerance > 0) || !(AbsoluteTolerance > 0))
                {
                    throw new FormatException($"The Neural ODE tolerances must be positive, not rtol {RelativeTolerance} and atol {AbsoluteTolerance}.");
                }

                break;
            case ModelKind.Cfc:
                Check(Units, "units");
                break;
            case ModelKind.Dnn:
                if (HiddenSizes is null || HiddenSizes.Count == 0)
                {
                    throw new FormatException("A DNN needs at least one hidden layer in \"hiddenSizes\".");
                }

                foreach (var width in HiddenSizes)
                {
                    Check(width, "hiddenSizes");
                }

                break;
            default:
                throw new FormatException($"Unknown model kind {Kind}.");
        }
    }

    internal static void Check(int value, string member)
    {
        if (value is < 1 or > MaximumSize)
        {
            throw new FormatException($"{member} is {value}; it must be between 1 and {MaximumSize:N0}.");
        }
    }

    /// <summary>One line, such as <c>DynPMNN [FitzHughNagumo×1 Euler dt 5 × 2]</c>.</summary>
    [JsonIgnore]
    public string Summary => Kind switch
    {
        ModelKind.DynPmnn => "DynPMNN [" + string.Join(" → ", Blocks.Select(b => b.Summary)) + "]" + (HeadHiddenSizes.Count > 0 ? $" head {string.Join("-", HeadHiddenSizes)}" : string.Empty),
        ModelKind.NeuralOde => $"Neural ODE (H {Hidden}, {FieldLayers} layers, {(Solver == "rk4" ? $"RK4 × {SolverSteps}" : $"dopri5 rtol {RelativeTolerance:G2}")}{(InputActivation == "tanh" ? ", tanh input" : string.Empty)})",
        ModelKind.Cfc => $"CfC ({Units} units)",
        _ => $"DNN {string.Join("-", HiddenSizes)}, ReLU" + (Head == OutputHead.Sigmoid ? ", one logit" : string.Empty),
    };
}

