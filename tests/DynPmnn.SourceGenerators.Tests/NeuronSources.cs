namespace DynPmnn.SourceGenerators.Tests;

/// <summary>Neuron declarations, as a user would write them, that the tests feed to the generator.</summary>
internal static class NeuronSources
{
    /// <summary>The shipped <c>DynPmnn.Neurons.Zoo.FitzHughNagumo</c> (the paper's cubic form), in a test namespace.</summary>
    public static readonly string PaperFitzHughNagumo = ZooSources.Read("FitzHughNagumo", "TestNeurons.Paper");

    /// <summary>The shipped classic FitzHugh–Nagumo, in a test namespace.</summary>
    public static readonly string ClassicFitzHughNagumo = ZooSources.Read("FitzHughNagumoClassic", "TestNeurons.Classic");

    /// <summary>The shipped Hodgkin–Huxley neuron, whose αₘ and αₙ are 0/0 at −40 and −55 mV as written, in a test namespace.</summary>
    public static readonly string HodgkinHuxley = ZooSources.Read("HodgkinHuxley", "TestNeurons.Conductance");

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
