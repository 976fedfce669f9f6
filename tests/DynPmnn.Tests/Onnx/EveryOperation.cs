using DynPmnn;

namespace DynPmnn.Tests.Onnx;

/// <summary>
/// A user's neuron that uses every operation a right-hand side may: <c>?:</c>, a removable 0/0 rate (rewritten into
/// the Bernoulli form), integer, half and variable powers, Tanh, Sinh, Cosh, Sin, Cos, Abs, Min, Max, Exp, Log and Sqrt.
/// Its states stay bounded for the small steps the export tests take.
/// </summary>
[Neuron]
public partial struct EveryOperation
{
    [State] public float U;
    [State] public float V;
    [State] public float S;
    [Parameter(0.5f)] public float Gain;
    [Parameter(1.5f)] public float Exponent;
    [Parameter(0.2f)] public float Leak;
    [Parameter(2f)] public float K;
    [Input] public float Drive;

    private readonly void Derivatives(out float dU, out float dV, out float dS)
    {
        var rate = 0.1f * U / (1f - MathF.Exp(-U / K));
        var gate = U > V ? MathF.Tanh(Drive - V) : MathF.Sin(Drive) * MathF.Cos(V);
        dU = Gain * gate - Leak * MathF.Pow(U, 3) + 0.1f * rate - 0.1f * MathF.Sinh(0.5f * U);
        dV = MathF.Min(U, 1f) - Leak * MathF.Max(V, -1f) + 0.05f * MathF.Pow(MathF.Abs(V) + 1f, Exponent) - 0.05f * MathF.Cosh(0.3f * S) + 0.01f * MathF.Pow(MathF.Abs(U) + 1f, 0.5f);
        dS = MathF.Log(1f + MathF.Exp(-MathF.Abs(U))) + MathF.Sqrt(MathF.Abs(S) + 0.5f) - S;
    }
}
