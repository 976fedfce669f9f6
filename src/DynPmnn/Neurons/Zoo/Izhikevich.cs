namespace DynPmnn.Neurons.Zoo;

/// <summary>
/// Izhikevich's simple model without the reset, so it stays smooth and differentiable (Izhikevich 2003, IEEE Trans.
/// Neural Netw. 14: 1569–1572): dv/dt = 0.04 v² + 5 v + 140 − u + I, du/dt = a (b v − u).
/// </summary>
[Neuron]
public partial struct Izhikevich
{
    [State] public float V;
    [State] public float U;
    [Parameter(0.02f)] public float A;
    [Parameter(0.2f)] public float B;
    [Input] public float I;

    private readonly void Derivatives(out float dV, out float dU)
    {
        dV = 0.04f * V * V + 5f * V + 140f - U + I;
        dU = A * (B * V - U);
    }
}
