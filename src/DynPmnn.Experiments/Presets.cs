using DynPmnn.Models;
using DynPmnn.Training;
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

    /// <summary>
    /// This project's DynPMNN: two FitzHugh–Nagumo blocks with trained dynamics, 985 parameters, the paper's protocol.
    /// A wide block (32 units, v₀ from the features, v read out at t = 3, RK4 at dt 0.5 — inside RK4's stability region
    /// for the tanh-bounded states it sees — with the recovery coupling g trained per unit) feeds a small block (8 units,
    /// (v₀, w₀) from the features, Euler 0.5 × 4, a, b, g trained). Found by a search of about 540 runs; see the README.
    /// </summary>
    public static readonly Preset DeepDynPmnn = new(
        "dynpmnn-deep",
        "DynPMNN, 2 FHN blocks (ours)",
        new ModelSpec
        {
            Kind = ModelKind.DynPmnn,
            Blocks =
            [
                new OdeBlockSpec
                {
                    Neuron = "FitzHughNagumo",
                    Units = 32,
                    Integrator = Integrator.RungeKutta4,
                    Dt = 0.5,
                    Steps = 6,
                    Activation = "tanh",
                    StatesFromFeatures = ["V"],
                    Readout = ["V"],
                    Trained = ["+G"],
                },
                new OdeBlockSpec
                {
                    Neuron = "FitzHughNagumo",
                    Units = 8,
                    Integrator = Integrator.Euler,
                    Dt = 0.5,
                    Steps = 4,
                    Activation = "tanh",
                    StatesFromFeatures = ["V", "W"],
                    Trained = ["A", "+B", "+G"],
                },
            ],
        },
        new TrainingProtocol { BatchSize = 32, LearningRate = 1e-3 });

    /// <summary>The paper comparison, in the order of the paper's table, then this project's DynPMNN.</summary>
    public static IReadOnlyList<Preset> Paper => [PaperDynPmnn, PaperCfc, PaperNeuralOde, PaperDnn, DeepDynPmnn];

    /// <summary>California's presets, then the authors' networks on their five other data sets (<see cref="Experiments.Paper.PaperPresets"/>).</summary>
    public static IReadOnlyList<Preset> All => [PaperDynPmnn, PaperDynPmnnNominal, PaperCfc, PaperNeuralOde, NeuralOdeRk4, PaperDnn, DeepDynPmnn, .. Experiments.Paper.PaperPresets.All];

    public static Preset Find(string name) =>
        All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown preset '{name}'. Known presets: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));

    internal static OdeBlockSpec FitzHughNagumo(int units, Integrator integrator, double dt, int steps) =>
        new() { Neuron = "FitzHughNagumo", Units = units, Integrator = integrator, Dt = dt, Steps = steps };
}
