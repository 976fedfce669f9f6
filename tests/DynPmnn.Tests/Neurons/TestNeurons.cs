using DynPmnn;

namespace DynPmnn.Tests.Neurons;

/// <summary>A neuron that exercises the conditional operator, Tanh, Max and locals, declared the way a user would.</summary>
[Neuron]
public partial struct GatedTanh
{
    [State] public float X;
    [State] public float Y;
    [Parameter(0.9f)] public float Gain;
    [Parameter(0.3f)] public float Leak;
    [Parameter(0.25f)] public float Floor;
    [Input] public float Drive;

    private readonly void Derivatives(out float dX, out float dY)
    {
        var slope = X > 0f ? Gain : 0.5f * Gain;
        var squashed = MathF.Tanh(Drive - Y);
        dX = slope * squashed - Leak * X;
        dY = MathF.Max(X, Floor) - Y * Y * 0.5f;
    }
}

/// <summary>A neuron with no parameters and no inputs: the generated code must still be well formed.</summary>
[Neuron]
public partial class Oscillator
{
    [State] public float P;
    [State] public float Q;

    private void Derivatives(out float dP, out float dQ)
    {
        dP = Q;
        dQ = -P;
    }
}
