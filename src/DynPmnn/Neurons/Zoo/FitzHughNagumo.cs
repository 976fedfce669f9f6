namespace DynPmnn.Neurons.Zoo;

/// <summary>
/// FitzHugh–Nagumo in the cubic form used by the DynPMNN paper (Felipe-Sosa, Martin del Rey, Flores Ceballos, 2026,
/// eq. for the FHN layer): dv/dt = I − v (v − a)(v − 1) − w, dw/dt = b (v − g w).
/// </summary>
[Neuron]
public partial struct FitzHughNagumo
{
    /// <summary>Membrane potential.</summary>
    [State] public float V;

    /// <summary>Recovery variable.</summary>
    [State] public float W;

    /// <summary>Threshold of the cubic.</summary>
    [Parameter(0.2f)] public float A;

    /// <summary>Time-scale ratio of the recovery variable.</summary>
    [Parameter(0.02f)] public float B;

    /// <summary>Recovery coupling.</summary>
    [Parameter(3.0f)] public float G;

    /// <summary>Input current.</summary>
    [Input] public float I;

    private readonly void Derivatives(out float dV, out float dW)
    {
        dV = I - V * (V - A) * (V - 1f) - W;
        dW = B * (V - G * W);
    }
}
