using DynPmnn;

namespace DynPmnn.Tests.Neurons.Shadowing;

/// <summary>
/// A user's neuron with the short name of the zoo's FitzHugh–Nagumo: loading this assembly must make the short name
/// ambiguous (an error listing both), never silently replace the built-in one.
/// </summary>
[Neuron]
public partial struct FitzHughNagumo
{
    [State] public float V;
    [Parameter(1f)] public float Tau;

    private readonly void Derivatives(out float dV)
    {
        dV = -V / Tau;
    }
}
