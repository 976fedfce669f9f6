using Microsoft.CodeAnalysis;

namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// Half-typed and nonsensical neurons, as an editor sees them between keystrokes: the generator must never throw
/// (which would show up as an exception in the run result, or as the internal-error diagnostic DPMNN999).
/// </summary>
public sealed class BrokenSourceTests
{
    [Theory]
    [InlineData("[Neuron] public partial struct")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = ; } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV { dV = V; }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = MathF.Exp(; } ")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = dV; } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { float x; dV = x; } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = MathF.Pow(V); } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = Math.Max(V, V, V); } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = true ? V : \"s\"; } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = (int)V; } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = V is float ? 1f : 0f; } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = this.V + base.GetHashCode(); } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = new float(); } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = V; dV += V; } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV); }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; partial void Derivatives(out float dV); }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; [State] public float V; void Derivatives(out float dV) { dV = V; } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V, W; void Derivatives(out float dV, out float dW) { dV = W; dW = -V; } }")]
    [InlineData("[Neuron] public partial struct A { [Parameter] public float P; [Parameter(\"x\")] public float Q; [State] public float V; void Derivatives(out float dV) { dV = P * Q * V; } }")]
    [InlineData("[Neuron] public partial record struct A([State] float V) { void Derivatives(out float dV) { dV = V; } }")]
    [InlineData("[Neuron] public partial interface A { }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = V; } } [Neuron] public partial struct A { }")]
    [InlineData("[Neuron] public partial class A : A { [State] public float V; void Derivatives(out float dV) { dV = V; } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = 1e39f * V; } }")]
    [InlineData("[Neuron] public partial struct A { [State] public float V; void Derivatives(out float dV) { dV = V / 0f; } }")]
    public void BrokenSourceNeverMakesTheGeneratorThrow(string source)
    {
        var run = GeneratorHarness.Run("using System;\nusing DynPmnn;\n\n" + source);

        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "DPMNN999");
        Assert.All(run.GeneratorDiagnostics, d => Assert.True(d.Location == Location.None || d.Location.GetLineSpan().Path == "Source0.cs", d.ToString()));
    }
}
