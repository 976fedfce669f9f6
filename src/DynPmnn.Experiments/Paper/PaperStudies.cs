using DynPmnn.Data;
using DynPmnn.Training;

namespace DynPmnn.Experiments.Paper;

/// <summary>
/// The authors' six data sets with the numbers their paper reports (PAPER-DATASETS.md §4, and PAPER.md for California
/// Housing), each beside this project's DynPMNN.
/// </summary>
public static class PaperStudies
{
    public static PaperStudy Banknote { get; } = new(
        BuiltInDatasets.Banknote,
        new SplitOptions(),
        [
            Network(PaperRole.DynPmnn, PaperPresets.BanknoteDynPmnn, "20", ("accuracy", 0.985507), ("cross_entropy", 0.038272)),
            Network(PaperRole.NeuralOde, PaperPresets.BanknoteNeuralOde, "634", ("accuracy", 0.992754), ("cross_entropy", 0.015572)),
            Network(PaperRole.Cfc, PaperPresets.BanknoteCfc, "41,986", ("accuracy", 0.992754), ("cross_entropy", 0.014982)),
            Network(PaperRole.Dnn, PaperPresets.BanknoteDnn, "42,497", ("accuracy", 1.0), ("cross_entropy", 0.003803)),
            Tree(("accuracy", 0.992754), ("f1", 0.991736), ("precision", 1.0), ("recall", 0.983607), ("roc_auc", 0.991803)),
            Ours(),
        ],
        new PaperTarget("accuracy", 1.0, LowerIsBetter: false, "DNN"));

    public static PaperStudy BreastCancer { get; } = new(
        BuiltInDatasets.BreastCancer,
        new SplitOptions(),
        [
            Network(PaperRole.DynPmnn, PaperPresets.BreastCancerDynPmnn, "72", ("accuracy", 0.912281), ("cross_entropy", 0.425822)),
            Network(PaperRole.NeuralOde, PaperPresets.BreastCancerNeuralOde, "1,984", ("accuracy", 0.929825), ("cross_entropy", 0.266626)),
            Network(PaperRole.Cfc, PaperPresets.BreastCancerCfc, "169,346", ("accuracy", 0.894737), ("cross_entropy", 2.175483)),
            Network(PaperRole.Dnn, PaperPresets.BreastCancerDnn, "49,153", ("accuracy", 0.912281), ("cross_entropy", 0.170476)),
            Tree(("accuracy", 0.877193), ("f1", 0.895522), ("precision", 0.967742), ("recall", 0.833333), ("roc_auc", 0.876984)),
            Ours(),
        ],
        new PaperTarget("accuracy", 0.929825, LowerIsBetter: false, "Neural ODE (53 of 57)"));

    public static PaperStudy Diabetes { get; } = new(
        BuiltInDatasets.Diabetes,
        new SplitOptions(),
        [
            Network(PaperRole.DynPmnn, PaperPresets.DiabetesDynPmnn, "29", ("mse", 4332.11), ("rmse", 65.819), ("mae", 51.134)),
            Network(PaperRole.NeuralOde, PaperPresets.DiabetesNeuralOde, "708", ("mse", 2307.43), ("rmse", 48.036), ("mae", 37.984)),
            Network(PaperRole.Cfc, PaperPresets.DiabetesCfc, "83,969", ("mse", 2642.90), ("rmse", 51.409), ("mae", 40.483)),
            Network(PaperRole.Dnn, PaperPresets.DiabetesDnn, "169,985", LossAveraging.Batches, ("batch_mse", 2150.60), ("batch_rmse", 46.375)),
            Tree(("mse", 2857.72), ("rmse", 53.458), ("mae", 41.219), ("r2", 0.532814)),
            Ours(),
        ],
        new PaperTarget("batch32_mse", 2150.60, LowerIsBetter: true, "DNN, mean of batch MSEs at batch 32", RowsMetric: "mse"));

    public static PaperStudy Energy { get; } = new(
        BuiltInDatasets.Energy,
        new SplitOptions(),
        [
            Network(PaperRole.DynPmnn, PaperPresets.EnergyDynPmnn, "28", ("mse", 18.341), ("rmse", 4.2827)),
            Network(PaperRole.NeuralOde, PaperPresets.EnergyNeuralOde, "934", LossAveraging.Batches, ("batch_mse", 3.7844), ("batch_rmse", 1.9454)),
            Network(PaperRole.Cfc, PaperPresets.EnergyCfc, "83,842", ("mse", 1.7451), ("rmse", 1.3210)),
            Network(PaperRole.Dnn, PaperPresets.EnergyDnn, "35,458", LossAveraging.Batches, ("batch_mse", 1.1685), ("batch_rmse", 1.0810)),
            Tree(("mse", 1.7516), ("rmse", 1.3235), ("mae", 0.7960), ("r2", 0.98239)),
            Ours(),
        ],
        new PaperTarget("batch32_mse", 1.1685, LowerIsBetter: true, "DNN, mean of batch MSEs at batch 32", RowsMetric: "mse"));

    public static PaperStudy Iris { get; } = new(
        BuiltInDatasets.Iris,
        new SplitOptions(),
        [
            Network(PaperRole.DynPmnn, PaperPresets.IrisDynPmnn, "23", ("accuracy", 0.6875), ("cross_entropy", 0.642971)),
            Network(PaperRole.NeuralOde, PaperPresets.IrisNeuralOde, "890", ("accuracy", 0.8125), ("cross_entropy", 0.334022)),
            Network(PaperRole.Cfc, PaperPresets.IrisCfc, "166,275", ("accuracy", 0.8125), ("cross_entropy", 0.969926)),
            Network(PaperRole.Dnn, PaperPresets.IrisDnn, "2,979", ("accuracy", 0.8125), ("cross_entropy", 0.313161)),
            Tree(("accuracy", 0.875), ("f1", 0.877778), ("roc_auc", 0.936111)),
            Ours(),
        ],
        new PaperTarget("accuracy", 0.875, LowerIsBetter: false, "decision tree (14 of 16)"));

    /// <summary>The paper's own experiment: its numpy split cut to whole batches of 64, RMSE as the root of the mean batch MSE.</summary>
    public static PaperStudy California { get; } = new(
        BuiltInDatasets.California,
        SplitOptions.PaperCalifornia,
        [
            Network(PaperRole.DynPmnn, Presets.PaperDynPmnn, "25", LossAveraging.Batches, ("batch_rmse", 0.6638)),
            Network(PaperRole.NeuralOde, Presets.PaperNeuralOde, "about 51,000", LossAveraging.Batches, ("batch_rmse", 0.5542)),
            Network(PaperRole.Cfc, Presets.PaperCfc, "about 42,000", LossAveraging.Batches, ("batch_rmse", 0.5819)),
            Network(PaperRole.Dnn, Presets.PaperDnn, "168,961", LossAveraging.Batches, ("batch_rmse", 0.5558)),
            Tree(("mse", 0.6486), ("rmse", 0.8054), ("mae", 0.3154), ("r2", 0.80589)) with { ByDefault = false },
            Ours(),
        ],
        new PaperTarget("batch_rmse", 0.5542, LowerIsBetter: true, "Neural ODE; every test batch is full, so equal over rows", RowsMetric: "rmse"));

    /// <summary>All six, California first as in the paper.</summary>
    public static IReadOnlyList<PaperStudy> All { get; } = [California, Banknote, BreastCancer, Diabetes, Energy, Iris];

    /// <summary>The study of a data set by its command-line name (<c>dynpmnn datasets</c>).</summary>
    /// <exception cref="ArgumentException">No such data set; the message lists them.</exception>
    public static PaperStudy Find(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown data set '{name}'; the paper's are {string.Join(", ", All.Select(s => s.Name))} (or all).", nameof(name));

    private static PaperEntry Network(string role, Preset preset, string parameters, params (string Key, double Value)[] reported) =>
        Network(role, preset, parameters, LossAveraging.Rows, reported);

    private static PaperEntry Network(string role, Preset preset, string parameters, LossAveraging averaging, params (string Key, double Value)[] reported) =>
        new(role, preset.Title, preset, reported.ToDictionary(r => r.Key, r => r.Value), parameters, averaging);

    private static PaperEntry Tree(params (string Key, double Value)[] reported) =>
        new(PaperRole.Tree, "Decision tree (authors' grid)", null, reported.ToDictionary(r => r.Key, r => r.Value));

    private static PaperEntry Ours() =>
        new(Presets.DeepDynPmnn.Name, Presets.DeepDynPmnn.Title, Presets.DeepDynPmnn, new Dictionary<string, double>());
}
