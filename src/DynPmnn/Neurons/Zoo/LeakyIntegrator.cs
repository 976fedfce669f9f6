namespace DynPmnn.Neurons.Zoo;

/// <summary>A leaky integrator (Lapicque's membrane without the reset; Dayan &amp; Abbott, ch. 5): τ dv/dt = I − v.</summary>
[Neuron]
public partial struct LeakyIntegrator
{
    [State] public float V;
    [Parameter(1f)] public float Tau;
    [Input] public float I;

    private readonly void Derivatives(out float dV)
    {
        dV = (I - V) / Tau;
    }
}
