using DynPmnn.SourceGenerators.Emit;
using DynPmnn.SourceGenerators.Models;
using DynPmnn.SourceGenerators.Symbolic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// Any legal declaration of a neuron either works or gets a diagnostic on that neuron, and never costs the other
/// neurons of the compilation their code: names the generated code uses itself, keywords written with '@', Unicode
/// identifiers, types whose names differ only in case, a nested type beside a top-level one with the same flattened
/// name, file-local and ref struct neurons.
/// </summary>
public sealed class LegalNamesTests
{
    private const string Usings = """
        using System;
        using DynPmnn;

        """;

    /// <summary>Variables named like the members of the generated kernel class, which its methods use unqualified.</summary>
    private const string MemberNames = Usings + """
        namespace Hostile.Members;

        [Neuron]
        public partial struct Clash
        {
            [State] public float Descriptor;

            [State] public float StateCount;

            [State] public float IntegrateChunk;

            [Parameter(0.5)] public float ParameterCount;

            [Parameter(2.0)] public float RightHandSide;

            [Parameter(1.0)] public float ClashKernels;

            [Input] public float InputCount;

            [Input] public float EvaluateJacobian;

            private readonly void Derivatives(out float dDescriptor, out float dStateCount, out float dIntegrateChunk)
            {
                dDescriptor = ParameterCount * (InputCount - Descriptor) + RightHandSide * StateCount;
                dStateCount = EvaluateJacobian - StateCount * IntegrateChunk;
                dIntegrateChunk = ClashKernels * Descriptor - IntegrateChunk;
            }
        }
        """;

    /// <summary>Keywords as names ('@'), contextual keywords, and identifiers outside ASCII.</summary>
    private const string KeywordsAndUnicode = Usings + """
        namespace @event.Ünïcode
        {
            public static partial class @static
            {
                [Neuron]
                public partial struct @class
                {
                    [State] public float @var;

                    [State] public float @nameof;

                    [Parameter(1.5)] public float @global;

                    [Input] public float @int;

                    private readonly void Derivatives(out float dvar, out float dnameof)
                    {
                        dvar = @global * (@int - @var);
                        dnameof = @var - @nameof;
                    }
                }
            }

            [Neuron]
            public partial struct Nëuron
            {
                [State] public float Ψ;

                [Parameter(0.25)] public float λ;

                private readonly void Derivatives(out float dΨ) { dΨ = -λ * Ψ; }
            }
        }
        """;

    /// <summary>Two neurons whose names differ only in case: Roslyn compares hint names ignoring case.</summary>
    private const string CaseOnly = Usings + """
        namespace Hostile.Case
        {
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                private readonly void Derivatives(out float dV) { dV = -V; }
            }

            [Neuron]
            public partial struct leaky
            {
                [State] public float V;

                private readonly void Derivatives(out float dV) { dV = -2f * V; }
            }
        }
        """;

    /// <summary>A nested A.B beside a top-level A__B: the old flattened kernel class names were equal.</summary>
    private const string NestedBesideFlattened = Usings + """
        namespace Hostile.Nesting
        {
            public partial class A
            {
                [Neuron]
                public partial struct B
                {
                    [State] public float V;

                    private readonly void Derivatives(out float dV) { dV = -V; }
                }
            }

            [Neuron]
            public partial struct A__B
            {
                [State] public float V;

                private readonly void Derivatives(out float dV) { dV = -3f * V; }
            }

            public partial struct Holder
            {
                public partial record Inner
                {
                    [Neuron]
                    public partial class Deep
                    {
                        [State] public float V;

                        private void Derivatives(out float dV) { dV = 0.5f * V; }
                    }
                }
            }

            public ref partial struct RefHolder
            {
                [Neuron]
                public readonly partial struct InRef
                {
                    [State] public readonly float V;

                    private readonly void Derivatives(out float dV) { dV = 4f * V; }
                }
            }
        }
        """;

    [Fact]
    public void HostileNamesCompileAndComputeTheirRightHandSides()
    {
        var run = GeneratorHarness.Run(MemberNames, KeywordsAndUnicode, CaseOnly, NestedBesideFlattened);
        run.AssertCleanBuild();
        var hintNames = run.GeneratedSources.Select(s => s.HintName).ToArray();
        Assert.Equal(hintNames.Length, hintNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(18, hintNames.Length);

        using var loaded = LoadedNeurons.Compile(MemberNames, KeywordsAndUnicode, CaseOnly, NestedBesideFlattened);
        foreach (var name in new[] { "Hostile.Members.Clash", "event.Ünïcode.static+class", "event.Ünïcode.Nëuron", "Hostile.Case.Leaky", "Hostile.Case.leaky", "Hostile.Nesting.A+B", "Hostile.Nesting.A__B", "Hostile.Nesting.Holder+Inner+Deep", "Hostile.Nesting.RefHolder+InRef" })
        {
            var neuron = loaded.Neuron(name);
            var states = Enumerable.Range(0, neuron.StateCount).Select(i => 0.5f + i).ToArray();
            var parameters = neuron.Descriptor.ParameterDefaults.Select(d => (float)d).ToArray();
            var inputs = Enumerable.Range(0, neuron.InputCount).Select(i => 1f - i).ToArray();
            var expected = neuron.Derivatives(states, parameters, inputs);
            var actual = neuron.EvaluateRightHandSide(Doubles(states), Doubles(parameters), Doubles(inputs));
            Assert.Equal(expected.Select(e => (double)e), actual, (a, b) => Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(a)));
        }
    }

    /// <summary>Variables are renamed away from the kernel class's members only if every member is in the reserved list.</summary>
    [Fact]
    public void EveryMemberOfAKernelClassIsReservedFromVariableNames()
    {
        var run = GeneratorHarness.Run(NeuronSources.HodgkinHuxley, NeuronSources.NestedRectifiedRate, SharedSubexpressionTests.Chain(30));
        run.AssertCleanBuild();
        var kernels = run.OutputCompilation.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            .Where(c => c.Identifier.ValueText.EndsWith("Kernels", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(3, kernels.Length);
        foreach (var kernel in kernels)
        {
            var reserved = KernelEmitter.MemberNames(kernel.Identifier.ValueText).ToHashSet();
            var declared = kernel.Members.Select(m => m switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax method => method.Identifier.ValueText,
                Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property => property.Identifier.ValueText,
                Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax field => field.Declaration.Variables.Single().Identifier.ValueText,
                _ => m.Kind().ToString(),
            });
            Assert.All(declared, name => Assert.Contains(name, reserved));
        }
    }

    [Fact]
    public void AFileLocalNeuronIsReportedAndTheOthersStillGetTheirCode()
    {
        var marked = SourceMarkup.Parse(Usings + """
            namespace Hostile.Files;

            [Neuron]
            file partial struct [|Hidden|]
            {
                [State] public float V;

                private readonly void Derivatives(out float dV) { dV = -V; }
            }
            """);
        var run = GeneratorHarness.Run(marked.Source, CaseOnly);

        Assert.Null(run.Result.Exception);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DPMNN014", diagnostic.Id);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
        Assert.Contains("'Hidden' is file-local", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(4, run.GeneratedSources.Length);
        Assert.DoesNotContain(run.CompilationProblems, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("file static partial class Outer { [Neuron] public partial struct [|Inner|] { [State] public float V; private readonly void Derivatives(out float dV) { dV = -V; } } }", "nested in the file-local type 'Outer'")]
    [InlineData("[Neuron] public ref partial struct [|Span|] { [State] public float V; private readonly void Derivatives(out float dV) { dV = -V; } }", "is a ref struct")]
    public void DPMNN014_DeclarationTheGeneratorCannotExtend(string declaration, string problem)
    {
        var marked = SourceMarkup.Parse(Usings + declaration);
        var run = GeneratorHarness.Run(marked.Source);

        Assert.Null(run.Result.Exception);
        Assert.Empty(run.GeneratedSources);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DPMNN014", diagnostic.Id);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
        Assert.Contains(problem, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void DPMNN015_ANeighbourHoldingNeuronsUnderTheKernelClassName()
    {
        var marked = SourceMarkup.Parse(Usings + """
            namespace Hostile.Kernels
            {
                [Neuron]
                public partial struct [|Leaky|]
                {
                    [State] public float V;

                    private readonly void Derivatives(out float dV) { dV = -V; }
                }

                public static partial class LeakyKernels
                {
                    [Neuron]
                    public partial struct Inner
                    {
                        [State] public float V;

                        private readonly void Derivatives(out float dV) { dV = -V; }
                    }
                }
            }
            """);
        var run = GeneratorHarness.Run(marked.Source);

        Assert.Null(run.Result.Exception);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DPMNN015", diagnostic.Id);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
        Assert.Contains("'LeakyKernels'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void DPMNN999_AFailureWhileGeneratingIsReportedOnThatNeuron()
    {
        // A model the parser never makes (a derivative for a state that does not exist) makes the emitter throw.
        var location = new LocationInfo("Broken.cs", new TextSpan(10, 6), new LinePositionSpan(new LinePosition(1, 2), new LinePosition(1, 8)));
        var model = new NeuronModel(
            "Hostile", EquatableArray<ContainingTypeInfo>.Empty, "struct", "Broken", "Hostile.Broken", "Hostile.Broken",
            new[] { "V" }.ToEquatableArray(), EquatableArray<string>.Empty, EquatableArray<double>.Empty, EquatableArray<string>.Empty,
            new Expr[] { E.One, E.One }.ToEquatableArray(), new Untracked<LocationInfo?>(location));

        var (sources, failure) = NeuronGenerator.Produce(model, caseClash: false);

        Assert.Empty(sources);
        Assert.NotNull(failure);
        Assert.Equal("DPMNN999", failure.Id);
        Assert.Equal("Broken.cs", failure.Location.GetLineSpan().Path);
        Assert.Equal(location.Span, failure.Location.SourceSpan);
        Assert.Contains("'Hostile.Broken'", failure.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static double[] Doubles(float[] values) => values.Select(v => (double)v).ToArray();
}
