namespace DynPmnn.Neurons.Zoo;

/// <summary>
/// The classic FitzHugh–Nagumo model (FitzHugh 1961, Biophys. J. 1: 445–466): dv/dt = v − v³/3 − w + I,
/// dw/dt = ε (v + a − b w).
/// </summary>
[Neuron]
public partial struct FitzHughNagumoClassic
{
    [State] public float V;
    [State] public float W;
    [Parameter(0.7f)] public float A;
    [Parameter(0.8f)] public float B;
    [Parameter(0.08f)] public float Epsilon;
    [Input] public float I;

    private readonly void Derivatives(out float dV, out float dW)
    {
        dV = V - V * V * V / 3f - W + I;
        dW = Epsilon * (V + A - B * W);
    }
}
