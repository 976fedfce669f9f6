namespace DynPmnn.Neurons.Zoo;

/// <summary>
/// The Morris–Lecar barnacle muscle fibre model (Morris &amp; Lecar 1981, Biophys. J. 35: 193–213), with the
/// parameters of Rinzel &amp; Ermentrout (1989) for class-I excitability: V in mV, time in ms.
/// </summary>
[Neuron]
public partial struct MorrisLecar
{
    [State] public float V;
    [State] public float W;
    [Parameter(20f)] public float C;
    [Parameter(2f)] public float GL;
    [Parameter(-60f)] public float VL;
    [Parameter(4f)] public float GCa;
    [Parameter(120f)] public float VCa;
    [Parameter(8f)] public float GK;
    [Parameter(-84f)] public float VK;
    [Parameter(-1.2f)] public float V1;
    [Parameter(18f)] public float V2;
    [Parameter(12f)] public float V3;
    [Parameter(17.4f)] public float V4;
    [Parameter(0.0666667f)] public float Phi;
    [Input] public float I;

    private readonly void Derivatives(out float dV, out float dW)
    {
        var mInfinity = 0.5f * (1f + MathF.Tanh((V - V1) / V2));
        var wInfinity = 0.5f * (1f + MathF.Tanh((V - V3) / V4));
        var tauW = 1f / MathF.Cosh((V - V3) / (2f * V4));
        dV = (I - GL * (V - VL) - GCa * mInfinity * (V - VCa) - GK * W * (V - VK)) / C;
        dW = Phi * (wInfinity - W) / tauW;
    }
}
