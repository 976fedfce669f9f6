using Microsoft.CodeAnalysis;

namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// One test per diagnostic the generator reports for a neuron it cannot compile: the id, the exact span (marked in
/// the source as <c>[|...|]</c>), a message that names what is wrong, and no generated source.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System;
        using DynPmnn;

        """;

    [Fact]
    public void DPMNN001_NeuronNotPartial()
    {
        AssertSingle("DPMNN001", """
            [Neuron]
            public struct [|Leaky|]
            {
                [State] public float V;

                private readonly void Derivatives(out float dV) { dV = -V; }
            }
            """, "'Leaky'", "partial");
    }

    [Fact]
    public void DPMNN001_ContainingTypeNotPartial()
    {
        AssertSingle("DPMNN001", """
            public static class [|Outer|]
            {
                [Neuron]
                public partial struct Leaky
                {
                    [State] public float V;

                    private readonly void Derivatives(out float dV) { dV = -V; }
                }
            }
            """, "'Outer'", "it contains neuron 'Leaky'");
    }

    [Fact]
    public void DPMNN002_NoState()
    {
        AssertSingle("DPMNN002", """
            [Neuron]
            public partial struct [|Stateless|]
            {
                [Parameter(1.0)] public float A;

                [Input] public float I;

                private readonly void Derivatives() { }
            }
            """, "'Stateless'", "[State]");
    }

    [Fact]
    public void DPMNN003_NoDerivativesMethod()
    {
        AssertSingle("DPMNN003", """
            [Neuron]
            public partial struct [|Oscillator|]
            {
                [State] public float X;

                [State] public float Y;

                private readonly void Derivative(out float dX, out float dY) { dX = Y; dY = -X; }
            }
            """, "'Oscillator'", "void Derivatives(out float dX, out float dY)");
    }

    [Fact]
    public void DPMNN004_WrongParameterCount()
    {
        AssertSingle("DPMNN004", """
            [Neuron]
            public partial struct Oscillator
            {
                [State] public float X;

                [State] public float Y;

                private readonly void [|Derivatives|](out float dX) { dX = Y; }
            }
            """, "has 1 parameter(s) for 2 state(s)", "void Derivatives(out float dX, out float dY)");
    }

    [Fact]
    public void DPMNN004_ParameterNotOut()
    {
        AssertSingle("DPMNN004", """
            [Neuron]
            public partial struct Oscillator
            {
                [State] public float X;

                [State] public float Y;

                private readonly void Derivatives(out float dX, float [|dY|]) { dX = Y; }
            }
            """, "parameter 2 'dY' is not 'out'");
    }

    [Fact]
    public void DPMNN004_ParameterOfWrongType()
    {
        AssertSingle("DPMNN004", """
            [Neuron]
            public partial struct Oscillator
            {
                [State] public float X;

                [State] public float Y;

                private readonly void Derivatives(out double [|dX|], out float dY) { dX = Y; dY = -X; }
            }
            """, "parameter 1 'dX' has type 'double' instead of 'float'");
    }

    [Fact]
    public void DPMNN004_ParameterWithWrongName()
    {
        AssertSingle("DPMNN004", """
            [Neuron]
            public partial struct Oscillator
            {
                [State] public float X;

                [State] public float Y;

                private readonly void Derivatives(out float dX, out float [|dy|]) { dX = Y; dy = -X; }
            }
            """, "parameter 2 is named 'dy'", "must be named 'dY'");
    }

    [Fact]
    public void DPMNN004_Overloaded()
    {
        AssertSingle("DPMNN004", """
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                private readonly void Derivatives(out float dV) { dV = -V; }

                private readonly void [|Derivatives|](out double dV) { dV = -V; }
            }
            """, "'Leaky'", "is overloaded");
    }

    [Fact]
    public void DPMNN004_NotVoid()
    {
        AssertSingle("DPMNN004", """
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                private readonly float [|Derivatives|](out float dV) { dV = -V; return dV; }
            }
            """, "must return void");
    }

    [Fact]
    public void DPMNN005_DerivativeNeverAssigned()
    {
        AssertSingle("DPMNN005", """
            [Neuron]
            public partial struct Oscillator
            {
                [State] public float X;

                [State] public float Y;

                private readonly void Derivatives(out float dX, out float [|dY|])
                {
                    dX = Y;
                }
            }
            """, "'dY'", "never assigned");
    }

    [Fact]
    public void DPMNN005_DerivativeAssignedTwice()
    {
        AssertSingle("DPMNN005", """
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                private readonly void Derivatives(out float dV)
                {
                    dV = -V;
                    [|dV = 2f * V|];
                }
            }
            """, "'dV'", "assigned more than once");
    }

    [Theory]
    [InlineData("V", "a state")]
    [InlineData("Tau", "a parameter")]
    [InlineData("I", "an input")]
    public void DPMNN006_AssignmentToNeuronVariable(string variable, string role)
    {
        AssertSingle("DPMNN006", $$"""
            [Neuron]
            public partial class Leaky
            {
                [State] public float V;

                [Parameter(10.0)] public float Tau;

                [Input] public float I;

                private void Derivatives(out float dV)
                {
                    [|{{variable}}|] = 0f;
                    dV = (I - V) / Tau;
                }
            }
            """, $"'{variable}' is {role}", "'Leaky'");
    }

    [Theory]
    [InlineData("[|MathF.Tan(V)|]", "'MathF.Tan'", "Exp, Log")]
    [InlineData("[|Helper(V)|]", "'Helper'", "Math/MathF functions")]
    [InlineData("[|Scale|] * V", "'Scale'", "not marked [State], [Parameter] or [Input]")]
    [InlineData("[|Undeclared|] * V", "'Undeclared'", "not known")]
    [InlineData("[|Magnitude|] * V", "'Magnitude'", "only the neuron's [State]")]
    public void DPMNN007_UnknownSymbolOrUnsupportedCall(string expression, string name, string reason)
    {
        AssertSingle("DPMNN007", $$"""
            [Neuron]
            public partial struct Leaky
            {
                public float Scale;

                [State] public float V;

                public readonly float Magnitude => 2f;

                private static float Helper(float x) => x;

                private readonly void Derivatives(out float dV)
                {
                    dV = {{expression}};
                }
            }
            """, name, reason);
    }

    [Theory]
    [InlineData("[|for (var i = 0; i < 2; i++) { }|]", "A loop")]
    [InlineData("[|if (V > 0f) { x = 1f; }|]", "An 'if' statement")]
    [InlineData("[|x++;|]", "An increment or decrement")]
    [InlineData("Func<float> f = [|() => V|];", "A lambda")]
    [InlineData("x = [|V % 2f|];", "The operator '%'")]
    [InlineData("x = [|V switch { _ => 1f }|];", "The expression 'V switch { _ => 1f }'")]
    public void DPMNN008_UnsupportedSyntax(string statement, string what)
    {
        AssertSingle("DPMNN008", $$"""
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                private readonly void Derivatives(out float dV)
                {
                    var x = V;
                    {{statement}}
                    dV = -x;
                }
            }
            """, what, "'Leaky'");
    }

    [Fact]
    public void DPMNN008_ExpressionBodiedDerivatives()
    {
        AssertSingle("DPMNN008", """
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                private readonly void Derivatives(out float dV) [|=> dV = -V|];
            }
            """, "An expression-bodied Derivatives method");
    }

    [Theory]
    [InlineData("[State] public double [|V2|];", "'V2'", "has type 'double'")]
    [InlineData("[Parameter(1.0)] public static float [|A|];", "'A'", "is static")]
    [InlineData("[Input] public int [|Count|];", "'Count'", "has type 'int'")]
    public void DPMNN009_FieldOfUnsupportedType(string field, string name, string problem)
    {
        AssertSingle("DPMNN009", $$"""
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                {{field}}

                private readonly void Derivatives(out float dV) { dV = -V; }
            }
            """, name, problem);
    }

    /// <summary>A rejected state is not reported again as missing ("no [State] field") or as unknown where it is used.</summary>
    [Fact]
    public void DPMNN009_IsNotFollowedByErrorsAboutTheRejectedField()
    {
        AssertSingle("DPMNN009", """
            [Neuron]
            public partial struct Leaky
            {
                [State] public double [|V|];

                private readonly void Derivatives(out float dV) { dV = (float)-V; }
            }
            """, "'V'", "has type 'double'");
    }

    [Theory]
    [InlineData("double.NaN", "NaN")]
    [InlineData("double.PositiveInfinity", "Infinity")]
    [InlineData("1.0 / 0.0", "Infinity")]
    public void DPMNN010_NonFiniteParameterDefault(string value, string shown)
    {
        AssertSingle("DPMNN010", $$"""
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                [[|Parameter({{value}})|]] public float Tau;

                private readonly void Derivatives(out float dV) { dV = -V / Tau; }
            }
            """, "'Tau'", shown);
    }

    [Fact]
    public void DPMNN011_ConflictingRoles()
    {
        AssertSingle("DPMNN011", """
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                [State, Input] public float [|U|];

                private readonly void Derivatives(out float dV) { dV = -V; }
            }
            """, "'U'", "more than one of [State], [Parameter] and [Input]");
    }

    [Fact]
    public void DPMNN012_GenericNeuron()
    {
        AssertSingle("DPMNN012", """
            [Neuron]
            public partial struct [|Leaky|]<T>
            {
                [State] public float V;

                private readonly void Derivatives(out float dV) { dV = -V; }
            }
            """, "'Leaky'", "generic");
    }

    [Theory]
    [InlineData("int zero = 0; dV = [|1 / zero|] * V;", "'1 / zero'", "divides by zero")]
    [InlineData("long zero = 0; long n = 5; dV = [|n % zero|] * V;", "'n % zero'", "divides by zero")]
    [InlineData("int least = int.MinValue; int minusOne = -1; dV = [|least / minusOne|] * V;", "'least / minusOne'", "throws OverflowException")]
    [InlineData("int least = int.MinValue; dV = [|Math.Abs(least)|] * V;", "'Math.Abs(least)'", "absolute value of the type's minimum value")]
    [InlineData("float huge = 1e20f; dV = [|(int)huge|] * V;", "'(int)huge'", "outside the integer type's range")]
    public void DPMNN013_IntegerArithmeticCSharpWouldNotComplete(string statement, string expression, string problem)
    {
        AssertSingle("DPMNN013", $$"""
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                private readonly void Derivatives(out float dV)
                {
                    {{statement}}
                }
            }
            """, expression, "'Leaky'", problem);
    }

    [Fact]
    public void DPMNN013_PiecewiseIntegerWithTooManyValues()
    {
        var cases = string.Concat(Enumerable.Range(1, 7).Select(i => $"int k{i} = V > {i}f ? {i} : {10 * i};\n            "));
        AssertSingle("DPMNN013", $$"""
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                private readonly void Derivatives(out float dV)
                {
                    {{cases}}int all = [|k1 + k2 + k3 + k4 + k5 + k6 + k7|];
                    dV = all * V;
                }
            }
            """, "'k1 + k2 + k3 + k4 + k5 + k6 + k7'", "more than 64 values");
    }

    [Fact]
    public void DPMNN013_OverflowWhenOverflowIsChecked()
    {
        var marked = SourceMarkup.Parse(Usings + """
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                private readonly void Derivatives(out float dV)
                {
                    int big = int.MaxValue;
                    int next = [|big + 1|];
                    dV = next * V;
                }
            }
            """);
        var compilation = GeneratorHarness.CreateCompilation(marked.Source);
        var run = GeneratorHarness.Run(compilation.WithOptions(compilation.Options.WithOverflowChecks(true)));

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DPMNN013", diagnostic.Id);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
        Assert.Contains("overflow checking is on", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decimal [|d = 1.5m|];", "A local of type 'decimal'")]
    [InlineData("object [|o = V|];", "A local of type 'object'")]
    public void DPMNN008_LocalOfUnsupportedType(string statement, string what)
    {
        AssertSingle("DPMNN008", $$"""
            [Neuron]
            public partial struct Leaky
            {
                [State] public float V;

                private readonly void Derivatives(out float dV)
                {
                    {{statement}}
                    dV = -V;
                }
            }
            """, what, "'Leaky'");
    }

    /// <summary>The generator reports exactly one diagnostic, <paramref name="id"/>, at the marked span, and emits nothing.</summary>
    private static void AssertSingle(string id, string markup, params string[] messageContains)
    {
        var marked = SourceMarkup.Parse(Usings + markup);
        var run = GeneratorHarness.Run(marked.Source);

        Assert.Null(run.Result.Exception);
        Assert.Empty(run.GeneratedSources);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);

        var location = diagnostic.Location.GetLineSpan();
        Assert.Equal("Source0.cs", location.Path);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
        Assert.Equal(marked.LineSpan, location.Span);

        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var fragment in messageContains)
        {
            Assert.Contains(fragment, message, StringComparison.Ordinal);
        }
    }
}
