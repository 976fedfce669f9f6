using DynPmnn.Models;
using DynPmnn.Training;

namespace DynPmnn.Experiments.Paper;

/// <summary>
/// The authors' four networks on their five small data sets, each with the hyperparameters of its reported best run and
/// the protocol its script really ran (docs: PAPER-DATASETS.md §2–4): the per-data-set PMNN variants (what t_step
/// meant, tanh bounding, the ±20 clamp, gradient clipping), the two Neural ODE generations, CfC and the DNN with its
/// data set's head and loss. Inputs and outputs are filled in from the data set when a run starts.
/// </summary>
/// <remarks>
/// Every protocol is Adam with L2 weight decay 5e-3, at most 100 epochs, patience 10. Classifiers watch validation
/// accuracy (the first epoch at the best value is restored) and average the validation cross-entropy over batches;
/// regressions watch the validation MSE averaged as that script averaged it (rows or batches). The margin min_delta is
/// 0.05 everywhere but the Neural ODEs, which ran with 0.0 (§7).
/// </remarks>
public static class PaperPresets
{
    // ---- Banknote (binary; F = 4) ----

    /// <summary>t_step 500, t_end 500: one Euler step of dt 500; SiLU then tanh; states clamped to ±20; gradients clipped at norm 1.</summary>
    public static readonly Preset BanknoteDynPmnn = DynPmnn("banknote", dt: 500, steps: 1, bounded: true, clamp: 20, batch: 128, lr: 5e-3, clip: 1.0);

    public static readonly Preset BanknoteNeuralOde = NeuralOde("banknote", hidden: 15, layers: 2, batch: 256, lr: 5e-3, tanhInput: true);

    public static readonly Preset BanknoteCfc = Cfc("banknote", units: 64, batch: 32, lr: 0.05);

    /// <summary>One logit with binary cross-entropy, as the authors' DNN on the binary sets.</summary>
    public static readonly Preset BanknoteDnn = Dnn("banknote", [256, 128, 64], batch: 128, lr: 5e-3, head: OutputHead.Sigmoid);

    // ---- Breast Cancer (binary; F = 30) ----

    public static readonly Preset BreastCancerDynPmnn = DynPmnn("breast-cancer", dt: 500, steps: 1, bounded: true, clamp: 20, batch: 128, lr: 0.05, clip: 1.0);

    public static readonly Preset BreastCancerNeuralOde = NeuralOde("breast-cancer", hidden: 20, layers: 3, batch: 128, lr: 5e-3, tanhInput: true);

    public static readonly Preset BreastCancerCfc = Cfc("breast-cancer", units: 256, batch: 256, lr: 0.1);

    public static readonly Preset BreastCancerDnn = Dnn("breast-cancer", [256, 128, 64], batch: 32, lr: 5e-3, head: OutputHead.Sigmoid);

    // ---- Diabetes (regression; F = 10; targets unscaled) ----

    /// <summary>t_step 2 means two Euler steps over t_end 100: dt 50; SiLU, no tanh; states clamped to ±20; no clipping.</summary>
    public static readonly Preset DiabetesDynPmnn = DynPmnn("diabetes", dt: 50, steps: 2, bounded: false, clamp: 20, batch: 32, lr: 0.1, clip: null);

    public static readonly Preset DiabetesNeuralOde = NeuralOde("diabetes", hidden: 15, layers: 2, batch: 32, lr: 5e-3, tanhInput: true);

    public static readonly Preset DiabetesCfc = Cfc("diabetes", units: 128, batch: 32, lr: 0.1);

    /// <summary>Its validation MSE is the mean of the batch MSEs.</summary>
    public static readonly Preset DiabetesDnn = Dnn("diabetes", [512, 256, 128], batch: 32, lr: 1e-3, head: OutputHead.Regression, averaging: LossAveraging.Batches);

    // ---- Energy (two-output regression; F = 8; targets unscaled) ----

    /// <summary>dt 50 (an integer), t_end 50: one Euler step; SiLU, no tanh; no clamp; no clipping.</summary>
    public static readonly Preset EnergyDynPmnn = DynPmnn("energy", dt: 50, steps: 1, bounded: false, clamp: null, batch: 256, lr: 5e-3, clip: null);

    /// <summary>The older Neural ODE: no input activation, dopri5 at torchdiffeq's defaults rtol 1e-7, atol 1e-9; batch-averaged MSE.</summary>
    public static readonly Preset EnergyNeuralOde = NeuralOde("energy", hidden: 15, layers: 3, batch: 32, lr: 5e-3, tanhInput: false, averaging: LossAveraging.Batches);

    public static readonly Preset EnergyCfc = Cfc("energy", units: 128, batch: 32, lr: 5e-3);

    public static readonly Preset EnergyDnn = Dnn("energy", [256, 128], batch: 32, lr: 5e-3, head: OutputHead.Regression, averaging: LossAveraging.Batches);

    // ---- Iris (three classes; F = 4) ----

    /// <summary>t_step 5, t_end 500: 100 Euler steps of dt 5; SiLU then tanh; states clamped to ±20; gradients clipped at norm 1.</summary>
    public static readonly Preset IrisDynPmnn = DynPmnn("iris", dt: 5, steps: 100, bounded: true, clamp: 20, batch: 32, lr: 0.01, clip: 1.0);

    public static readonly Preset IrisNeuralOde = NeuralOde("iris", hidden: 15, layers: 3, batch: 32, lr: 5e-3, tanhInput: true);

    public static readonly Preset IrisCfc = Cfc("iris", units: 256, batch: 32, lr: 0.1);

    public static readonly Preset IrisDnn = Dnn("iris", [64, 32, 16], batch: 32, lr: 5e-3, head: OutputHead.Softmax);

    /// <summary>All twenty, data set by data set.</summary>
    public static IReadOnlyList<Preset> All =>
    [
        BanknoteDynPmnn, BanknoteNeuralOde, BanknoteCfc, BanknoteDnn,
        BreastCancerDynPmnn, BreastCancerNeuralOde, BreastCancerCfc, BreastCancerDnn,
        DiabetesDynPmnn, DiabetesNeuralOde, DiabetesCfc, DiabetesDnn,
        EnergyDynPmnn, EnergyNeuralOde, EnergyCfc, EnergyDnn,
        IrisDynPmnn, IrisNeuralOde, IrisCfc, IrisDnn,
    ];

    private static bool IsClassification(string dataset) => dataset is "banknote" or "breast-cancer" or "iris";

    private static TrainingProtocol Protocol(string dataset, int batch, double lr, double minDelta = 0.05, double? clip = null, LossAveraging averaging = LossAveraging.Rows) => new()
    {
        BatchSize = batch,
        LearningRate = lr,
        EarlyStopping = EarlyStoppingOptions.Paper with { MinDelta = minDelta },
        Monitor = IsClassification(dataset) ? TrainingMonitor.ValidationAccuracy : TrainingMonitor.ValidationLoss,
        ValidationAveraging = IsClassification(dataset) ? LossAveraging.Batches : averaging,
        GradientClipNorm = clip,
    };

    private static Preset DynPmnn(string dataset, double dt, int steps, bool bounded, double? clamp, int batch, double lr, double? clip) => new(
        $"paper-dynpmnn-{dataset}",
        "DynPMNN (authors' code)",
        new ModelSpec
        {
            Kind = ModelKind.DynPmnn,
            Blocks = [new OdeBlockSpec { Neuron = "FitzHughNagumo", Units = 1, Dt = dt, Steps = steps, Activation = bounded ? "silu-tanh" : "silu", StateClamp = clamp }],
        },
        Protocol(dataset, batch, lr, clip: clip));

    private static Preset NeuralOde(string dataset, int hidden, int layers, int batch, double lr, bool tanhInput, LossAveraging averaging = LossAveraging.Rows) => new(
        $"paper-node-{dataset}",
        "Neural ODE",
        new ModelSpec
        {
            Kind = ModelKind.NeuralOde,
            Hidden = hidden,
            FieldLayers = layers,
            Solver = "dopri5",
            RelativeTolerance = tanhInput ? 1e-3 : 1e-7,
            AbsoluteTolerance = tanhInput ? 1e-4 : 1e-9,
            InputActivation = tanhInput ? "tanh" : "none",
        },
        Protocol(dataset, batch, lr, minDelta: 0.0, averaging: averaging));

    private static Preset Cfc(string dataset, int units, int batch, double lr) => new(
        $"paper-cfc-{dataset}",
        "CfC",
        new ModelSpec { Kind = ModelKind.Cfc, Units = units },
        Protocol(dataset, batch, lr));

    private static Preset Dnn(string dataset, IReadOnlyList<int> hidden, int batch, double lr, OutputHead head, LossAveraging averaging = LossAveraging.Rows) => new(
        $"paper-dnn-{dataset}",
        $"DNN {string.Join("-", hidden)}",
        new ModelSpec { Kind = ModelKind.Dnn, HiddenSizes = hidden, Head = head },
        Protocol(dataset, batch, lr, averaging: averaging));
}
