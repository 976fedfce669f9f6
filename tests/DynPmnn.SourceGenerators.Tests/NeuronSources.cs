namespace DynPmnn.SourceGenerators.Tests;

/// <summary>Neuron declarations, as a user would write them, that the tests feed to the generator.</summary>
internal static class NeuronSources
{
    /// <summary>A copy of <c>DynPmnn.Neurons.Zoo.FitzHughNagumo</c>, the paper's cubic form, in a test namespace.</summary>
    public const string PaperFitzHughNagumo = """
        using DynPmnn;

        namespace TestNeurons.Paper;

        /// <summary>FitzHugh–Nagumo as in the DynPMNN paper: dv/dt = I − v (v − a)(v − 1) − w, dw/dt = b (v − g w).</summary>
        [Neuron]
        public partial struct FitzHughNagumo
        {
            [State] public float V;

            [State] public float W;

            [Parameter(0.2f)] public float A;

            [Parameter(0.02f)] public float B;

            [Parameter(3.0f)] public float G;

            [Input] public float I;

            private readonly void Derivatives(out float dV, out float dW)
            {
                dV = I - V * (V - A) * (V - 1f) - W;
                dW = B * (V - G * W);
            }
        }
        """;

    /// <summary>The textbook FitzHugh–Nagumo: dV/dt = V − V³/3 − W + I, dW/dt = ε (V + a − b W).</summary>
    public const string ClassicFitzHughNagumo = """
        using DynPmnn;

        namespace TestNeurons.Classic;

        [Neuron]
        public partial struct FitzHughNagumo
        {
            [State] public float V;

            [State] public float W;

            [Parameter(0.7)] public float A;

            [Parameter(0.8)] public float B;

            [Parameter(0.08)] public float Eps;

            [Input] public float I;

            private readonly void Derivatives(out float dV, out float dW)
            {
                dV = V - V * V * V / 3f - W + I;
                dW = Eps * (V + A - B * W);
            }
        }
        """;

    /// <summary>
    /// Hodgkin–Huxley with the squid-axon constants (V in mV, rest near −65 mV). αₘ and αₙ are 0/0 at V = −40 and
    /// V = −55 as written; the generator rewrites them into the Bernoulli function.
    /// </summary>
    public const string HodgkinHuxley = """
        using System;
        using DynPmnn;

        namespace TestNeurons.Conductance;

        [Neuron]
        public partial struct HodgkinHuxley
        {
            [State] public float V;

            [State] public float M;

            [State] public float H;

            [State] public float N;

            [Parameter(1.0)] public float C;

            [Parameter(120.0)] public float GNa;

            [Parameter(36.0)] public float GK;

            [Parameter(0.3)] public float GL;

            [Parameter(50.0)] public float ENa;

            [Parameter(-77.0)] public float EK;

            [Parameter(-54.387)] public float EL;

            [Input] public float I;

            private readonly void Derivatives(out float dV, out float dM, out float dH, out float dN)
            {
                float alphaM = 0.1f * (V + 40f) / (1f - MathF.Exp(-(V + 40f) / 10f));
                float betaM = 4f * MathF.Exp(-(V + 65f) / 18f);
                float alphaH = 0.07f * MathF.Exp(-(V + 65f) / 20f);
                float betaH = 1f / (1f + MathF.Exp(-(V + 35f) / 10f));
                float alphaN = 0.01f * (V + 55f) / (1f - MathF.Exp(-(V + 55f) / 10f));
                float betaN = 0.125f * MathF.Exp(-(V + 65f) / 80f);

                float sodium = GNa * M * M * M * H * (V - ENa);
                float potassium = GK * N * N * N * N * (V - EK);
                float leak = GL * (V - EL);

                dV = (I - sodium - potassium - leak) / C;
                dM = alphaM * (1f - M) - betaM * M;
                dH = alphaH * (1f - H) - betaH * H;
                dN = alphaN * (1f - N) - betaN * N;
            }
        }
        """;

    /// <summary>
    /// A nested class neuron that uses the conditional operator, comparisons, <c>MathF.Tanh</c>, <c>MathF.Max</c>, a
    /// compound assignment to a local and a const.
    /// </summary>
    public const string NestedRectifiedRate = """
        using System;
        using DynPmnn;

        namespace TestNeurons.Shapes
        {
            public static partial class Models
            {
                [Neuron]
                public sealed partial class RectifiedRate
                {
                    private const float Floor = 0.01f;

                    [State] public float R;

                    [State] public float S;

                    [Parameter(0.5)] public float Gain;

                    [Parameter(10.0)] public float Tau;

                    [Parameter(1.0)] public float Threshold;

                    [Input] public float Drive;

                    private void Derivatives(out float dR, out float dS)
                    {
                        var activation = MathF.Tanh(Gain * (Drive - Threshold));
                        var rate = activation > 0f ? activation : Floor * activation;
                        rate *= MathF.Max(1f - S, Floor);
                        dR = (rate - R) / Tau;
                        dS = R >= Threshold ? (R - S) / Tau : -S / (2f * Tau);
                    }
                }
            }
        }
        """;
}
