using System.Numerics;
using DynPmnn.Layers;

namespace DynPmnn.Models;

/// <summary>
/// The comparison models of the paper's experiments, built as its authors' code builds them (see the project's
/// docs/PAPER.md): a Neural ODE, a CfC network and a plain ReLU network, each ending in one linear output.
/// </summary>
public static class Baselines
{
    /// <summary>
    /// <c>Dense(inputs → hidden)</c>, a <see cref="NeuralOdeLayer{T}"/> over <c>t ∈ [0, 1]</c> with <paramref name="layers"/>
    /// dense layers in its vector field, then <c>Dense(hidden → 1)</c>. With the defaults, 51,203 parameters.
    /// </summary>
    /// <param name="random">Initialises every dense layer like <c>nn.Linear</c>, in order.</param>
    /// <param name="inputs">Features per row.</param>
    /// <param name="hidden">The width of the ODE state.</param>
    /// <param name="layers">Dense layers in the vector field.</param>
    /// <param name="solver">The integrator; by default torchdiffeq's: adaptive dopri5, rtol 1e-7, atol 1e-9.</param>
    /// <param name="outputs">Outputs of the last dense layer.</param>
    /// <param name="tanhInput">Whether a tanh follows the input layer, as in the later form of the authors' code.</param>
    public static Sequential<T> NeuralOde<T>(Random random, int inputs = 8, int hidden = 128, int layers = 3, OdeSolverOptions? solver = null, int outputs = 1, bool tanhInput = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        var encoder = new Dense<T>(inputs, hidden, random);
        var ode = new NeuralOdeLayer<T>(hidden, layers, solver, random);
        var readout = new Dense<T>(hidden, outputs, random);
        return tanhInput ? new Sequential<T>(encoder, new Tanh<T>(hidden), ode, readout) : new Sequential<T>(encoder, ode, readout);
    }

    /// <summary>
    /// <see cref="ClosedFormContinuousTimeLayer{T}"/> (ncps' <c>CfC(inputs, units)</c>, 128 backbone units) then
    /// <c>Dense(units → 1)</c>. With the defaults, 42,433 parameters.
    /// </summary>
    public static Sequential<T> Cfc<T>(Random random, int inputs = 8, int units = 64, int outputs = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        var cell = new ClosedFormContinuousTimeLayer<T>(inputs, units, random);
        return new Sequential<T>(cell, new Dense<T>(units, outputs, random));
    }

    /// <summary>
    /// Dense layers of the given widths with ReLU after each, then <c>Dense(last → 1)</c>. With the defaults
    /// (8 → 512 → 256 → 128 → 1), 168,961 parameters.
    /// </summary>
    public static Sequential<T> Dnn<T>(Random random, int inputs = 8, params int[] hidden)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Dnn<T>(random, inputs, (IReadOnlyList<int>)hidden, outputs: 1);

    /// <summary>As <see cref="Dnn{T}(Random, int, int[])"/> with <paramref name="outputs"/> outputs.</summary>
    public static Sequential<T> Dnn<T>(Random random, int inputs, IReadOnlyList<int> hidden, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(hidden);
        if (hidden.Count == 0)
        {
            hidden = [512, 256, 128];
        }

        var layers = new List<Layer<T>>();
        var width = inputs;
        foreach (var next in hidden)
        {
            layers.Add(new Dense<T>(width, next, random));
            layers.Add(new ReLU<T>(next));
            width = next;
        }

        layers.Add(new Dense<T>(width, outputs, random));
        return new Sequential<T>([.. layers]);
    }

    /// <summary>The number of trainable values in <paramref name="model"/>.</summary>
    public static int ParameterCount<T>(Layer<T> model)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Parameters.Sum(p => p.Length);
    }
}
