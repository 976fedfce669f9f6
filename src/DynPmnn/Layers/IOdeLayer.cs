using DynPmnn.Dynamics;
using DynPmnn.Neurons;

namespace DynPmnn.Layers;

/// <summary>
/// An ODE layer seen without its neuron type and precision, as a model built from a description holds it: what it
/// integrates, its units' parameters, and the trajectories of its forward pass — for tools that analyse a trained
/// network or translate it into another form.
/// </summary>
public interface IOdeLayer
{
    /// <summary>The neuron every unit integrates.</summary>
    NeuronDescriptor Neuron { get; }

    /// <summary>The neuron's vector field, right-hand side, Jacobian and kernels in double.</summary>
    NeuronDynamics Dynamics { get; }

    OdeLayerOptions Options { get; }

    int Units { get; }

    int InputSize { get; }

    string Description { get; }

    /// <summary>The dynamical parameters of <paramref name="unit"/>, in the neuron's order.</summary>
    IReadOnlyList<NeuronParameter> ParametersOf(int unit);

    /// <summary>The dynamical parameters in effect, <c>[unit][parameter]</c> (trained ones after any positivity transform), in the layer's precision widened to double.</summary>
    double[] EffectiveParameterValues();

    /// <summary>
    /// The states of every unit at every step of the forward pass for <paramref name="rows"/> of a batch of
    /// <paramref name="batch"/> rows of <paramref name="input"/>, computed as <see cref="Layer{T}.Forward"/> computes them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside the batch.</exception>
    LayerTrajectories Trace(ReadOnlySpan<float> input, int batch, IReadOnlyList<int> rows);
}
