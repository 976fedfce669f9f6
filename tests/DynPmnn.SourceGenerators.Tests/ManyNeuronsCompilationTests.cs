namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// Several neurons in one compilation: the generated code must not clash between them (same type name in two
/// namespaces, a class and a struct, the global namespace) nor with a neuron's own names (a state called <c>dt</c>,
/// a parameter called <c>TL</c>, an input called <c>count</c>, which are names the generated code itself uses).
/// </summary>
public sealed class ManyNeuronsCompilationTests
{
    private const string LeakyStruct = """
        using DynPmnn;

        namespace Alpha;

        [Neuron]
        public partial struct Leaky
        {
            [State] public float V;

            [Parameter(10.0)] public float Tau;

            [Input] public float I;

            private readonly void Derivatives(out float dV) { dV = (I - V) / Tau; }
        }
        """;

    private const string LeakyClass = """
        using System;
        using DynPmnn;

        namespace Beta
        {
            [Neuron]
            public sealed partial class Leaky
            {
                [State] public float V;

                [Parameter(5.0)] public float Tau;

                [Parameter(0.5)] public float Gain;

                [Input] public float I;

                private void Derivatives(out float dV) { dV = (MathF.Tanh(Gain * I) - V) / Tau; }
            }
        }
        """;

    private const string ClashingNames = """
        using System;
        using DynPmnn;

        namespace Gamma.Clashes;

        /// <summary>Its variables are named like the generated code's own identifiers.</summary>
        [Neuron]
        public partial struct Clashing
        {
            [State] public float dt;

            [State] public float t0;

            [Parameter(2.0)] public float TL;

            [Parameter(1.0)] public float TE;

            [Input] public float count;

            [Input] public float steps;

            [Input] public float @in;

            private readonly void Derivatives(out float ddt, out float dt0)
            {
                ddt = TL * (count - dt) + steps * t0;
                dt0 = TE * MathF.Exp(-dt) - t0 + @in;
            }
        }
        """;

    /// <summary>No parameters, no inputs, and states named like the reverse pass's gradient sums and step constants.</summary>
    private const string BareOscillator = """
        using DynPmnn;

        namespace Gamma.Clashes;

        [Neuron]
        public partial struct Bare
        {
            [State] public float s0;

            [State] public float k0;

            private readonly void Derivatives(out float ds0, out float dk0)
            {
                ds0 = -k0;
                dk0 = s0 - k0 * k0 * k0;
            }
        }
        """;

    /// <summary>Parameters and an input named like the identifiers of the reverse pass's drivers.</summary>
    private const string ReverseDriverNames = """
        using DynPmnn;

        namespace Gamma.Clashes;

        [Neuron]
        public partial class Drivers
        {
            [State] public float at;

            [Parameter(0.5)] public float scale;

            [Parameter(2.0)] public float k0;

            [Parameter(1.0)] public float s1;

            [Parameter(3.0)] public float lane;

            [Input] public float isFirst;

            private void Derivatives(out float dat)
            {
                dat = scale * (isFirst - at) + k0 * s1 - lane * at * at;
            }
        }
        """;

    private const string GlobalRecordStruct = """
        using DynPmnn;

        [Neuron]
        public partial record struct GlobalOscillator
        {
            [State] public float X;

            [State] public float Y;

            [Parameter(1.0)] public float Omega;

            private readonly void Derivatives(out float dX, out float dY)
            {
                dX = Omega * Y;
                dY = -Omega * X;
            }
        }
        """;

    [Fact]
    public void NeuronsSharingACompilationCompileWithoutErrorsOrWarnings()
    {
        var run = GeneratorHarness.Run(
            LeakyStruct,
            LeakyClass,
            ClashingNames,
            BareOscillator,
            ReverseDriverNames,
            GlobalRecordStruct,
            NeuronSources.PaperFitzHughNagumo,
            NeuronSources.ClassicFitzHughNagumo,
            NeuronSources.HodgkinHuxley,
            NeuronSources.NestedRectifiedRate);

        run.AssertCleanBuild();
        Assert.Equal(
            new[]
            {
                "Alpha.Leaky.g.cs",
                "Beta.Leaky.g.cs",
                "Gamma.Clashes.Bare.g.cs",
                "Gamma.Clashes.Clashing.g.cs",
                "Gamma.Clashes.Drivers.g.cs",
                "GlobalOscillator.g.cs",
                "TestNeurons.Classic.FitzHughNagumoClassic.g.cs",
                "TestNeurons.Conductance.HodgkinHuxley.g.cs",
                "TestNeurons.Paper.FitzHughNagumo.g.cs",
                "TestNeurons.Shapes.Models+RectifiedRate.g.cs",
            },
            run.GeneratedSources.Select(s => s.HintName).Where(h => !h.EndsWith(".Source.g.cs", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(20, run.GeneratedSources.Length);
    }

    [Fact]
    public void EveryNeuronImplementsTheNeuronInterface()
    {
        var run = GeneratorHarness.Run(LeakyStruct, LeakyClass, ClashingNames, GlobalRecordStruct);
        run.AssertCleanBuild();

        var contract = run.OutputCompilation.GetTypeByMetadataName("DynPmnn.Neurons.INeuron`1")!;
        foreach (var name in new[] { "Alpha.Leaky", "Beta.Leaky", "Gamma.Clashes.Clashing", "GlobalOscillator" })
        {
            var type = run.OutputCompilation.GetTypeByMetadataName(name)!;
            Assert.Contains(type.AllInterfaces, i => Microsoft.CodeAnalysis.SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, contract));
        }
    }
}
