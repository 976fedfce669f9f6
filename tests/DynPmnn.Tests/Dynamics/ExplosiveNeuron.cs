namespace DynPmnn.Tests.Dynamics;

/// <summary>dx/dt = x², whose solution from x(0) = 1 is 1 / (1 − t): it blows up at t = 1, so no step size can follow it past.</summary>
[Neuron]
public partial struct Explosive
{
    [State] public float X;

    private readonly void Derivatives(out float dX)
    {
        dX = X * X;
    }
}
