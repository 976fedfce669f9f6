namespace DynPmnn.Neurons.Zoo;

/// <summary>
/// The Hodgkin–Huxley squid giant axon model (Hodgkin &amp; Huxley 1952, J. Physiol. 117: 500–544), in the modern
/// convention with the resting potential near −65 mV (Dayan &amp; Abbott, Theoretical Neuroscience, ch. 5).
/// Time in ms, V in mV, conductances in mS/cm², I in µA/cm². The rates αₘ and αₙ are 0/0 at V = −40 and −55 mV as
/// written; the generator evaluates them by their limits.
/// </summary>
[Neuron]
public partial struct HodgkinHuxley
{
    [State] public float V;
    [State] public float M;
    [State] public float H;
    [State] public float N;
    [Parameter(120f)] public float GNa;
    [Parameter(36f)] public float GK;
    [Parameter(0.3f)] public float GL;
    [Parameter(50f)] public float ENa;
    [Parameter(-77f)] public float EK;
    [Parameter(-54.387f)] public float EL;
    [Parameter(1f)] public float C;
    [Input] public float I;

    private readonly void Derivatives(out float dV, out float dM, out float dH, out float dN)
    {
        var alphaM = 0.1f * (V + 40f) / (1f - MathF.Exp(-(V + 40f) / 10f));
        var betaM = 4f * MathF.Exp(-(V + 65f) / 18f);
        var alphaH = 0.07f * MathF.Exp(-(V + 65f) / 20f);
        var betaH = 1f / (1f + MathF.Exp(-(V + 35f) / 10f));
        var alphaN = 0.01f * (V + 55f) / (1f - MathF.Exp(-(V + 55f) / 10f));
        var betaN = 0.125f * MathF.Exp(-(V + 65f) / 80f);
        var sodium = GNa * M * M * M * H * (V - ENa);
        var potassium = GK * MathF.Pow(N, 4f) * (V - EK);
        var leak = GL * (V - EL);
        dV = (I - sodium - potassium - leak) / C;
        dM = alphaM * (1f - M) - betaM * M;
        dH = alphaH * (1f - H) - betaH * H;
        dN = alphaN * (1f - N) - betaN * N;
    }
}
