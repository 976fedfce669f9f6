using System.CommandLine;
using DynPmnn.Experiments;
using DynPmnn.Models;
using DynPmnn.Neurons;
using DynPmnn.Training;

namespace DynPmnn.Cli.CommandLine;

/// <summary>The options that choose a model (a preset or a JSON spec) and override its architecture and training protocol.</summary>
internal sealed class ModelOptions
{
    private readonly Option<string?> preset = new("--preset") { Description = "The starting point (see `dynpmnn presets`; default paper-dynpmnn)." };
    private readonly Option<string?> model = new("--model") { Description = "The architecture as a JSON file (a model spec, as `results.json` and model files show it), replacing the preset's." };
    private readonly Option<string?> assembly = new("--assembly") { Description = "A compiled assembly with your own [Neuron] types, usable with --neuron and in --model." };
    private readonly Option<OutputHead?> head = new Option<OutputHead?>("--head") { Description = "For a classification: Softmax (one score per class, the default) or Sigmoid (two classes, one logit, binary cross-entropy)." }.NamesOnly();

    private readonly Option<int?> batchSize = new Option<int?>("--batch-size") { Description = "Rows per batch." }.Within(1, 1 << 20);
    private readonly Option<double?> learningRate = new Option<double?>("--lr") { Description = "Learning rate." }.Positive();
    private readonly Option<double?> weightDecay = new Option<double?>("--weight-decay") { Description = "L2 weight decay (PyTorch Adam's; decoupled for adamw)." }.NonNegative();
    private readonly Option<string?> optimizer = new("--optimizer") { Description = "adam (the paper's), adamw or sgd." };
    private readonly Option<int?> epochs = new Option<int?>("--epochs") { Description = "The most epochs." }.Within(1, 1_000_000);
    private readonly Option<int?> patience = new Option<int?>("--patience") { Description = "Early stopping: epochs without enough improvement." }.Within(1, 1_000_000);
    private readonly Option<double?> minDelta = new Option<double?>("--min-delta") { Description = "Early stopping: the improvement that counts." }.NonNegative();
    private readonly Option<bool> noEarlyStopping = new("--no-early-stopping") { Description = "Train every epoch." };
    private readonly Option<TrainingMonitor?> monitor = new Option<TrainingMonitor?>("--monitor") { Description = "What early stopping and the best epoch watch: ValidationLoss, or ValidationAccuracy (a classifier's default)." }.NamesOnly();
    private readonly Option<double?> clip = new Option<double?>("--clip") { Description = "Clip each step's gradients to this global L2 norm." }.Positive();

    private readonly Option<string?> neuron = new("--neuron") { Description = "DynPMNN: the neuron of the first ODE block (see `dynpmnn neurons`)." };
    private readonly Option<int?> units = new Option<int?>("--units") { Description = "DynPMNN: units of the first ODE block; CfC: units." }.Within(1, ModelSpec.MaximumSize);
    private readonly Option<Integrator?> integrator = new Option<Integrator?>("--integrator") { Description = "DynPMNN: Euler, Heun or RungeKutta4." }.NamesOnly();
    private readonly Option<double?> dt = new Option<double?>("--dt") { Description = "DynPMNN: the step size." }.Positive();
    private readonly Option<int?> steps = new Option<int?>("--steps") { Description = "DynPMNN: integrator steps per forward pass." }.Within(1, ModelSpec.MaximumSize);
    private readonly Option<string?> states = ListOption.Strings("--states", "DynPMNN: states set from the features, such as V,W.");
    private readonly Option<string?> inputs = ListOption.Strings("--inputs", "DynPMNN: neuron inputs driven by the features, such as I.");
    private readonly Option<string?> readout = ListOption.Strings("--readout", "DynPMNN: states read out (default: all).");
    private readonly Option<string?> trainParameters = ListOption.Strings("--train-params", "DynPMNN: dynamical parameters trained per unit, such as A,+B (+ keeps one positive).");
    private readonly Option<string?> activation = new("--activation") { Description = "DynPMNN: silu, tanh, silu-tanh (SiLU then tanh, as the authors' Banknote/Breast Cancer/Iris code) or none, between the features and the ODE layer." };
    private readonly Option<double?> stateClamp = new Option<double?>("--state-clamp") { Description = "DynPMNN: clamp every state to ±this after each step, as the authors' code does on four data sets (0: no clamp)." }.NonNegative();
    private readonly Option<string?> solver = new("--solver") { Description = "Neural ODE: dopri5 (adaptive) or rk4 (fixed step)." };
    private readonly Option<int?> solverSteps = new Option<int?>("--solver-steps") { Description = "Neural ODE with rk4: steps over [0, 1]." }.Within(1, 1_000_000);
    private readonly Option<double?> rtol = new Option<double?>("--rtol") { Description = "Neural ODE with dopri5: relative tolerance." }.Positive();
    private readonly Option<double?> atol = new Option<double?>("--atol") { Description = "Neural ODE with dopri5: absolute tolerance." }.Positive();
    private readonly Option<int?> hidden = new Option<int?>("--hidden") { Description = "Neural ODE: hidden width." }.Within(1, ModelSpec.MaximumSize);
    private readonly Option<int?> fieldLayers = new Option<int?>("--field-layers") { Description = "Neural ODE: dense layers in the vector field." }.Within(1, 1000);
    private readonly Option<string?> hiddenSizes = ListOption.PositiveIntegers("--hidden-sizes", "DNN: hidden layer widths, such as 512,256,128.");

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
                 {
                     preset, model, assembly, head, batchSize, learningRate, weightDecay, optimizer, epochs, patience, minDelta, noEarlyStopping,
                     monitor, clip, neuron, units, integrator, dt, steps, states, inputs, readout, trainParameters, activation, stateClamp, solver, solverSteps,
                     rtol, atol, hidden, fieldLayers, hiddenSizes,
                 })
        {
            command.Options.Add(option);
        }
    }

    public bool MonitorGiven(ParseResult parse) => parse.GetValue(monitor) is not null;

    /// <summary>The preset named by --preset with every override applied, checked before any data is read.</summary>
    public Preset Configure(ParseResult parse)
    {
        UserAssembly.Load(parse.GetValue(assembly));
        var chosen = Presets.Find(parse.GetValue(preset) ?? Presets.PaperDynPmnn.Name);
        if (parse.GetValue(model) is { } modelFile)
        {
            if (Directory.Exists(modelFile))
            {
                throw new UsageException($"--model names {modelFile}, which is a directory; give a JSON file.");
            }

            ModelSpec spec;
            try
            {
                spec = ModelSpec.FromJson(File.ReadAllText(modelFile));
            }
            catch (FormatException e)
            {
                throw new FormatException($"{modelFile}: {e.Message}", e);
            }

            chosen = chosen with { Name = Path.GetFileNameWithoutExtension(modelFile), Title = spec.Summary, Model = spec };
        }

        var protocol = chosen.Protocol with
        {
            BatchSize = parse.GetValue(batchSize) ?? chosen.Protocol.BatchSize,
            LearningRate = parse.GetValue(learningRate) ?? chosen.Protocol.LearningRate,
            WeightDecay = parse.GetValue(weightDecay) ?? chosen.Protocol.WeightDecay,
            Optimizer = parse.GetValue(optimizer) ?? chosen.Protocol.Optimizer,
            MaxEpochs = parse.GetValue(epochs) ?? chosen.Protocol.MaxEpochs,
            Monitor = parse.GetValue(monitor) ?? chosen.Protocol.Monitor,
            GradientClipNorm = parse.GetValue(clip) ?? chosen.Protocol.GradientClipNorm,
        };
        if (parse.GetValue(noEarlyStopping))
        {
            protocol = protocol with { EarlyStopping = null };
        }
        else if (parse.GetValue(patience) is not null || parse.GetValue(minDelta) is not null)
        {
            var rule = protocol.EarlyStopping ?? EarlyStoppingOptions.Paper;
            protocol = protocol with { EarlyStopping = rule with { Patience = parse.GetValue(patience) ?? rule.Patience, MinDelta = parse.GetValue(minDelta) ?? rule.MinDelta } };
        }

        protocol.Validate();
        var spec2 = chosen.Model with { Head = parse.GetValue(head) ?? chosen.Model.Head };
        switch (spec2.Kind)
        {
            case ModelKind.DynPmnn:
                var block = spec2.Blocks[0];
                var neuronName = parse.GetValue(neuron) ?? block.Neuron;
                var changedNeuron = !neuronName.Equals(block.Neuron, StringComparison.OrdinalIgnoreCase);
                var descriptor = NeuronCatalog.Describe(neuronName);
                block = block with
                {
                    Neuron = neuronName,
                    Units = parse.GetValue(units) ?? block.Units,
                    Integrator = parse.GetValue(integrator) ?? block.Integrator,
                    Dt = parse.GetValue(dt) ?? block.Dt,
                    Steps = parse.GetValue(steps) ?? block.Steps,
                    StatesFromFeatures = parse.List(states) ?? (changedNeuron ? [.. descriptor.States] : block.StatesFromFeatures),
                    InputsFromFeatures = parse.List(inputs) ?? (changedNeuron ? [] : block.InputsFromFeatures),
                    Readout = parse.List(readout) ?? (changedNeuron ? [] : block.Readout),
                    Trained = parse.List(trainParameters) ?? block.Trained,
                    Activation = parse.GetValue(activation) ?? block.Activation,
                    StateClamp = parse.GetValue(stateClamp) is { } bound ? (bound == 0 ? null : bound) : block.StateClamp,
                };
                spec2 = spec2 with { Blocks = [block, .. spec2.Blocks.Skip(1)] };
                break;
            case ModelKind.NeuralOde:
                spec2 = spec2 with
                {
                    Solver = parse.GetValue(solver) ?? spec2.Solver,
                    SolverSteps = parse.GetValue(solverSteps) ?? spec2.SolverSteps,
                    RelativeTolerance = parse.GetValue(rtol) ?? spec2.RelativeTolerance,
                    AbsoluteTolerance = parse.GetValue(atol) ?? spec2.AbsoluteTolerance,
                    Hidden = parse.GetValue(hidden) ?? spec2.Hidden,
                    FieldLayers = parse.GetValue(fieldLayers) ?? spec2.FieldLayers,
                };
                break;
            case ModelKind.Cfc:
                spec2 = spec2 with { Units = parse.GetValue(units) ?? spec2.Units };
                break;
            case ModelKind.Dnn:
                spec2 = spec2 with { HiddenSizes = parse.Integers(hiddenSizes) ?? spec2.HiddenSizes };
                break;
        }

        spec2.Validate();
        return chosen with { Model = spec2, Protocol = protocol };
    }
}
