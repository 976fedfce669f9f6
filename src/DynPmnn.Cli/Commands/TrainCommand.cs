using System.Globalization;
using DynPmnn.Cli.Terminal;
using DynPmnn.Experiments.Reporting;
using DynPmnn.Experiments;
using DynPmnn.Models;
using DynPmnn.Neurons;
using DynPmnn.Training;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn train</c>: one model, any settings, optionally saved.</summary>
internal static class TrainCommand
{
    public const string Usage = """
        usage: dynpmnn train [--preset NAME] [options]

        Trains one model on the paper's California Housing split and reports its test metrics.

          --preset NAME       starting point (see `dynpmnn presets`; default paper-dynpmnn)
          --model FILE        the architecture as JSON (a ModelSpec, as results.json shows it), replacing the preset's
          --assembly PATH     a compiled assembly with your own [Neuron] types, usable with --neuron and in --model
          --seed N            initialisation and shuffling seed (default 1)
          --save PATH         write the trained model (evaluate it later with `dynpmnn evaluate PATH`)
          training:   --batch-size N  --lr X  --weight-decay X  --optimizer adam|adamw  --epochs N
                      --patience N  --min-delta X  --no-early-stopping
          DynPMNN (one ODE block): --neuron NAME  --units N  --integrator Euler|Heun|RungeKutta4  --dt X  --steps N
                      --states V,W (states set from features)  --inputs I (inputs driven by features)
                      --readout V,W  --train-params A,+B (+ keeps a parameter positive)
                      --activation silu|tanh|none (between the features and the ODE layer)
          Neural ODE: --solver dopri5|rk4  --solver-steps N  --rtol X  --atol X  --hidden N  --field-layers N
          CfC: --units N        DNN: --hidden-sizes 512,256,128
          --quiet             no per-epoch progress
        """ + "\n  " + DataOptions.Usage;

    public static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var preset = Configure(args);
        var seed = args.Int("seed") ?? 1;
        var save = args.String("save");
        var data = args.String("data");
        var quiet = args.Flag("quiet");
        args.EnsureAllUsed(positional: 0);

        var split = await DataOptions.LoadSplitAsync(data, quiet, cancellationToken);
        Console.Error.WriteLine($"model: {preset.Model.Summary}");
        Console.Error.WriteLine($"training: {preset.Protocol.Summary}");
        var result = ExperimentRunner.Run(
            preset,
            split,
            seed,
            new ProgressPrinter(preset.Name, preset.Protocol.MaxEpochs, quiet),
            cancellationToken,
            model =>
            {
                if (save is not null)
                {
                    SavedModel.Save(save, preset, seed, model);
                }
            },
            warning => Console.Error.WriteLine($"warning: {warning}"));

        if (result.Error is not null)
        {
            Console.Error.WriteLine($"error: training stopped: {result.Error}");
            return 1;
        }

        var c = CultureInfo.InvariantCulture;
        Console.Write(new ResultTable("model", "params", "epochs", "best epoch", "train s", "s/epoch", "best valid MSE", "test RMSE", "test MAE", "test R²")
            .AddRow(preset.Title, result.Parameters.ToString("N0", c), result.Epochs, result.BestEpoch, result.TrainingSeconds.ToString("F1", c),
                result.MedianEpochSeconds.ToString("F3", c), result.BestValidationMse.ToString("F4", c), result.TestRmse.ToString("F4", c),
                result.TestMae.ToString("F4", c), result.TestR2.ToString("F4", c))
            .ToText());
        if (save is not null)
        {
            Console.WriteLine($"saved: {Path.GetFullPath(save)}");
        }

        return 0;
    }

    /// <summary>The preset named by --preset with every override applied.</summary>
    internal static Preset Configure(Arguments args)
    {
        UserAssembly.Load(args.String("assembly"));
        var preset = Presets.Find(args.String("preset") ?? Presets.PaperDynPmnn.Name);
        if (args.String("model") is { } modelFile)
        {
            var spec = ModelSpec.FromJson(File.ReadAllText(modelFile));
            preset = preset with { Name = Path.GetFileNameWithoutExtension(modelFile), Title = spec.Summary, Model = spec };
        }

        var protocol = preset.Protocol with
        {
            BatchSize = args.Int("batch-size", 1) ?? preset.Protocol.BatchSize,
            LearningRate = args.Double("lr", 0) ?? preset.Protocol.LearningRate,
            WeightDecay = args.Double("weight-decay", 0) ?? preset.Protocol.WeightDecay,
            Optimizer = args.String("optimizer") ?? preset.Protocol.Optimizer,
            MaxEpochs = args.Int("epochs", 1) ?? preset.Protocol.MaxEpochs,
        };
        var patience = args.Int("patience", 1);
        var minDelta = args.Double("min-delta", 0);
        if (args.Flag("no-early-stopping"))
        {
            protocol = protocol with { EarlyStopping = null };
        }
        else if (patience is not null || minDelta is not null)
        {
            var rule = protocol.EarlyStopping ?? EarlyStoppingOptions.Paper;
            protocol = protocol with { EarlyStopping = rule with { Patience = patience ?? rule.Patience, MinDelta = minDelta ?? rule.MinDelta } };
        }

        var model = preset.Model;
        switch (model.Kind)
        {
            case ModelKind.DynPmnn:
                var block = model.Blocks[0];
                var neuron = args.String("neuron") ?? block.Neuron;
                var changedNeuron = !neuron.Equals(block.Neuron, StringComparison.OrdinalIgnoreCase);
                var descriptor = NeuronCatalog.Describe(neuron);
                block = block with
                {
                    Neuron = neuron,
                    Units = args.Int("units", 1) ?? block.Units,
                    Integrator = args.Enum<Integrator>("integrator") ?? block.Integrator,
                    Dt = args.Double("dt", 0) ?? block.Dt,
                    Steps = args.Int("steps", 0) ?? block.Steps,
                    StatesFromFeatures = args.List("states") ?? (changedNeuron ? [.. descriptor.States] : block.StatesFromFeatures),
                    InputsFromFeatures = args.List("inputs") ?? (changedNeuron ? [] : block.InputsFromFeatures),
                    Readout = args.List("readout") ?? (changedNeuron ? [] : block.Readout),
                    Trained = args.List("train-params") ?? block.Trained,
                    Activation = args.String("activation") ?? block.Activation,
                };
                model = model with { Blocks = [block, .. model.Blocks.Skip(1)] };
                break;
            case ModelKind.NeuralOde:
                model = model with
                {
                    Solver = args.String("solver") ?? model.Solver,
                    SolverSteps = args.Int("solver-steps", 1) ?? model.SolverSteps,
                    RelativeTolerance = args.Double("rtol", 0) ?? model.RelativeTolerance,
                    AbsoluteTolerance = args.Double("atol", 0) ?? model.AbsoluteTolerance,
                    Hidden = args.Int("hidden", 1) ?? model.Hidden,
                    FieldLayers = args.Int("field-layers", 1) ?? model.FieldLayers,
                };
                break;
            case ModelKind.Cfc:
                model = model with { Units = args.Int("units", 1) ?? model.Units };
                break;
            case ModelKind.Dnn:
                var sizes = args.List("hidden-sizes");
                model = model with { HiddenSizes = sizes is null ? model.HiddenSizes : [.. sizes.Select(s => int.TryParse(s, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new UsageException($"--hidden-sizes needs positive whole numbers, not '{s}'"))] };
                break;
        }

        return preset with { Model = model, Protocol = protocol };
    }
}
