using DynPmnn.Neurons;

namespace DynPmnn.Layers;

/// <summary>
/// What an ODE layer is, without its neuron type or precision: the neuron, the options it was built with and the
/// dynamical parameters in effect. For tools that translate a trained network into another form.
/// </summary>
public interface IOdeLayer
{
    /// <summary>The neuron every unit integrates.</summary>
    NeuronDescriptor Neuron { get; }

    OdeLayerOptions Options { get; }

    /// <summary>The dynamical parameters in effect, <c>[unit][parameter]</c> (trained ones after any positivity transform), in the layer's precision widened to double.</summary>
    double[] EffectiveParameterValues();
}
