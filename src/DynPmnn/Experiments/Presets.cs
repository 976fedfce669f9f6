using DynPmnn.Neurons;

namespace DynPmnn.Experiments;

/// <summary>
/// The paper's four models with the hyperparameters of its best runs (PAPER.md), their variants, and this project's
/// better DynPMNN.
/// </summary>
public static class Presets
{
    /// <summary>The DynPMNN as the authors' code really ran it: one FitzHugh–Nagumo unit, explicit Euler, dt 5 for 2 steps, fixed dynamics.</summary>
    public static readonly Preset PaperDynPmnn = new(
        "paper-dynpmnn",
        "DynPMNN (paper)",
        new ModelSpec { Kind = ModelKind.DynPmnn, Blocks = [new OdeBlockSpec { Neuron = "FitzHughNagumo", Units = 1, Dt = 5, Steps = 2 }] },
        new TrainingProtocol { BatchSize = 32, LearningRate = 5e-4 },
        0.6638,
        "25");

    /// <summary>The configuration the paper names (dt 20 up to t = 500): explicit Euler diverges, and training stops with the divergence error.</summary>
    public static readonly Preset PaperDynPmnnNominal = PaperDynPmnn with
    {
        Name = "paper-dynpmnn-nominal",
        Title = "DynPMNN (nominal dt 20)",
        Model = new ModelSpec { Kind = ModelKind.DynPmnn, Blocks = [new OdeBlockSpec { Neuron = "FitzHughNagumo", Units = 1, Dt = 20, Steps = 25 }] },
        PublishedTestRmse = null,
        PublishedParameters = null,
    };

    public static readonly Preset PaperNeuralOde = new(
        "paper-node",
        "Neural ODE",
        new ModelSpec { Kind = ModelKind.NeuralOde, Hidden = 128, FieldLayers = 3, Solver = "dopri5", RelativeTolerance = 1e-7, AbsoluteTolerance = 1e-9 },
        new TrainingProtocol { BatchSize = 128, LearningRate = 5e-4 },
        0.5542,
        "about 51,000");

    /// <summary>The Neural ODE with fixed-step RK4 (8 steps), the setting the speed comparison was measured with.</summary>
    public static readonly Preset NeuralOdeRk4 = PaperNeuralOde with
    {
        Name = "node-rk4",
        Title = "Neural ODE (RK4 × 8)",
        Model = PaperNeuralOde.Model with { Solver = "rk4", SolverSteps = 8 },
        PublishedTestRmse = null,
        PublishedParameters = null,
    };

    public static readonly Preset PaperCfc = new(
        "paper-cfc",
        "CfC",
        new ModelSpec { Kind = ModelKind.Cfc, Units = 64 },
        new TrainingProtocol { BatchSize = 256, LearningRate = 5e-3 },
        0.5819,
        "about 42,000");

    public static readonly Preset PaperDnn = new(
        "paper-dnn",
        "DNN 512-256-128",
        new ModelSpec { Kind = ModelKind.Dnn, HiddenSizes = [512, 256, 128] },
        new TrainingProtocol { BatchSize = 32, LearningRate = 5e-4 },
        0.5558,
        "168,961");

    /// <summary>The paper comparison, in the order of the paper's table.</summary>
    public static IReadOnlyList<Preset> Paper => [PaperDynPmnn, PaperCfc, PaperNeuralOde, PaperDnn];

    public static IReadOnlyList<Preset> All => [PaperDynPmnn, PaperDynPmnnNominal, PaperCfc, PaperNeuralOde, NeuralOdeRk4, PaperDnn];

    public static Preset Find(string name) =>
        All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown preset '{name}'. Known presets: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));

    internal static OdeBlockSpec FitzHughNagumo(int units, Integrator integrator, double dt, int steps) =>
        new() { Neuron = "FitzHughNagumo", Units = units, Integrator = integrator, Dt = dt, Steps = steps };
}
