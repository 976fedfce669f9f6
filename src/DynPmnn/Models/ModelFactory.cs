using System.Numerics;
using DynPmnn.Layers;
using DynPmnn.Models;
using DynPmnn.Neurons;
using DynPmnn.Training;

namespace DynPmnn.Models;

/// <summary>Builds the network a <see cref="ModelSpec"/> describes, initialised from a seed.</summary>
public static class ModelFactory
{
    public static Sequential<T> Build<T>(ModelSpec spec, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var random = new Random(seed);
        return spec.Kind switch
        {
            ModelKind.DynPmnn => DynPmnn<T>(spec, random),
            ModelKind.NeuralOde => Baselines.NeuralOde<T>(
                random,
                spec.Inputs,
                spec.Hidden,
                spec.FieldLayers,
                spec.Solver.Equals("rk4", StringComparison.OrdinalIgnoreCase)
                    ? OdeSolverOptions.Rk4(spec.SolverSteps)
                    : spec.Solver.Equals("dopri5", StringComparison.OrdinalIgnoreCase)
                        ? OdeSolverOptions.Dopri5(spec.RelativeTolerance, spec.AbsoluteTolerance)
                        : throw new ArgumentException($"Unknown Neural ODE solver '{spec.Solver}'; use dopri5 or rk4.", nameof(spec)),
                spec.Outputs,
                spec.InputActivation == "tanh"),
            ModelKind.Cfc => Baselines.Cfc<T>(random, spec.Inputs, spec.Units, spec.Outputs),
            ModelKind.Dnn => Baselines.Dnn<T>(random, spec.Inputs, spec.HiddenSizes, spec.Outputs),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown model kind."),
        };
    }

    /// <summary>The loss that trains the spec's <see cref="ModelSpec.Head"/>.</summary>
    public static ILoss<T> CreateLoss<T>(ModelSpec spec)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Head switch
        {
            OutputHead.Softmax => new SoftmaxCrossEntropy<T>(),
            OutputHead.Sigmoid => new BinaryCrossEntropyWithLogits<T>(),
            _ => new MeanSquaredError<T>(),
        };
    }

    private static Sequential<T> DynPmnn<T>(ModelSpec spec, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (spec.Blocks.Count == 0)
        {
            throw new ArgumentException("A DynPMNN needs at least one ODE block.", nameof(spec));
        }

        var layers = new List<Layer<T>>();
        var width = spec.Inputs;
        foreach (var block in spec.Blocks)
        {
            var ode = NeuronCatalog.CreateLayer<T>(block.Neuron, block.ToLayerOptions());
            layers.Add(new Dense<T>(width, ode.InputSize, random));
            if (block.NormalizeFeatures)
            {
                layers.Add(new LayerNorm<T>(ode.InputSize));
            }

            switch (block.Activation.ToLowerInvariant())
            {
                case "silu":
                    layers.Add(new SiLU<T>(ode.InputSize));
                    break;
                case "tanh":
                    layers.Add(new Tanh<T>(ode.InputSize));
                    break;
                case "silu-tanh":
                    layers.Add(new SiLU<T>(ode.InputSize));
                    layers.Add(new Tanh<T>(ode.InputSize));
                    break;
                case "none":
                    break;
                default:
                    throw new ArgumentException($"Unknown activation '{block.Activation}' in a DynPMNN block; use silu, tanh, silu-tanh or none.", nameof(spec));
            }

            layers.Add(ode);
            width = ode.OutputSize;
        }

        foreach (var hidden in spec.HeadHiddenSizes)
        {
            layers.Add(new Dense<T>(width, hidden, random));
            layers.Add(new SiLU<T>(hidden));
            width = hidden;
        }

        layers.Add(new Dense<T>(width, spec.Outputs, random));
        return new Sequential<T>([.. layers]);
    }
}
