using DynPmnn.Models;
using DynPmnn.Neurons;
using DynPmnn.Training;

namespace DynPmnn.Experiments;

/// <summary>
/// DynPMNNs for every data set of the authors' study, each with at most 1,000 trainable parameters on all six, chosen
/// on validation rows only (docs/results/recipes/README.md: what was searched, the validation scores, and the single
/// scoring on the test rows). One recipe serves every data set: the model is sized for a data set's features and task
/// when it is built (<see cref="ExperimentRunner.ForData"/>), and regressions train on standardised targets.
/// </summary>
public static class Recipes
{
    /// <summary>The authors' unscaled regression targets (Diabetes 150 ± 77, Energy 6–48) train on standardised ones.</summary>
    private const bool StandardizeRegressionTargets = true;

    /// <summary>
    /// The training protocol every recipe uses: Adam at lr 0.01 on batches of 16, no weight decay, gradients clipped to
    /// norm 1, up to 500 epochs, stopped 50 epochs after the last new best validation loss (any improvement counts),
    /// the best epoch's parameters kept. Early stopping and the best epoch watch the validation loss, for classifiers too.
    /// </summary>
    public static TrainingProtocol Protocol { get; } = new()
    {
        BatchSize = 16,
        LearningRate = 0.01,
        WeightDecay = 0,
        GradientClipNorm = 1,
        MaxEpochs = 500,
        EarlyStopping = new EarlyStoppingOptions(Patience: 50, MinDelta: 0, Mode: EarlyStoppingMode.BestSoFar),
        Monitor = TrainingMonitor.ValidationLoss,
    };

    /// <summary>
    /// The second block of every recipe: 8 FitzHugh–Nagumo units, (v₀, w₀) from tanh-bounded features, explicit Euler
    /// at dt 0.5 × 4, a, b and g trained per unit (b and g kept positive), both states read out.
    /// </summary>
    private static OdeBlockSpec SmallFitzHughNagumoBlock => Presets.DeepDynPmnn.Model.Blocks[1] with { };

    /// <summary>
    /// <c>dynpmnn-deep</c> with its wide block narrowed from 32 to 16 units, so that Breast Cancer's 30 features fit in
    /// 1,000 parameters (906 there, 490–569 elsewhere), and trained with <see cref="Protocol"/>: 16 FitzHugh–Nagumo units,
    /// v₀ from tanh-bounded features, v read out at t = 3 (RK4 at dt 0.5 × 6), g trained per unit; then
    /// <see cref="SmallFitzHughNagumoBlock"/>; then the task's head.
    /// </summary>
    public static readonly Preset TabularDynPmnn = new(
        "dynpmnn-tabular",
        "DynPMNN, 2 FHN blocks, one recipe (ours)",
        new ModelSpec
        {
            Kind = ModelKind.DynPmnn,
            Blocks =
            [
                // dynpmnn-deep's wide block, narrowed.
                Presets.DeepDynPmnn.Model.Blocks[0] with { Units = 16 },
                SmallFitzHughNagumoBlock,
            ],
        },
        Protocol,
        StandardizeTargets: StandardizeRegressionTargets,
        KeepsMonitorForClassifiers: true);

    /// <summary>
    /// The recipe with Hodgkin–Huxley units in its first block, the neuron the authors name as the alternative: 8 units
    /// that start at rest (V −65 mV, m 0.0529, h 0.5961, n 0.3177) and whose input currents are the layer-normalised
    /// features (in µA/cm²), integrated by RK4 at dt 0.05 ms over 1 ms (inside RK4's stability region while a unit
    /// fires), V, m, h and n read out; then <see cref="SmallFitzHughNagumoBlock"/> and the task's head.
    /// </summary>
    public static readonly Preset HodgkinHuxleyDynPmnn = new(
        "dynpmnn-hh",
        "DynPMNN, HH + FHN blocks (ours)",
        new ModelSpec
        {
            Kind = ModelKind.DynPmnn,
            Blocks =
            [
                new OdeBlockSpec
                {
                    Neuron = "HodgkinHuxley",
                    Units = 8,
                    Integrator = Integrator.RungeKutta4,
                    Dt = 0.05,
                    Steps = 20,
                    Activation = "none",
                    StatesFromFeatures = [],
                    InputsFromFeatures = ["I"],
                    InitialStates = new Dictionary<string, double> { ["V"] = -65, ["M"] = 0.0529, ["H"] = 0.5961, ["N"] = 0.3177 },
                },
                SmallFitzHughNagumoBlock,
            ],
        },
        Protocol,
        StandardizeTargets: StandardizeRegressionTargets,
        KeepsMonitorForClassifiers: true);

    /// <summary>Every recipe, the one for all data sets first.</summary>
    public static IReadOnlyList<Preset> All => [TabularDynPmnn, HodgkinHuxleyDynPmnn];
}
