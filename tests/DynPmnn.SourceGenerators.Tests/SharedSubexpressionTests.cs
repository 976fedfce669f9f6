using System.Text;

namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// A right-hand side built from locals that each use the previous one twice is a graph whose tree form doubles with
/// every local. The generated code, its comments and the descriptor must stay a size that grows linearly with the
/// source, and the generated derivatives must still be right.
/// </summary>
public sealed class SharedSubexpressionTests
{
    [Fact]
    public void GeneratedSourceGrowsLinearlyWithTheNumberOfLocals()
    {
        var sizes = new Dictionary<int, int>();
        foreach (var locals in new[] { 10, 20, 40 })
        {
            var run = GeneratorHarness.Run(Chain(locals));
            Assert.Null(run.Result.Exception);
            Assert.Empty(run.GeneratorDiagnostics);
            sizes[locals] = run.Source($"Large.Chain{locals}.g.cs").SourceText.Length;
        }

        // Each local adds a bounded amount: twenty more locals cost about what the twenty before them did.
        var first = sizes[20] - sizes[10];
        var second = sizes[40] - sizes[20];
        Assert.True(second <= 2.5 * first, $"10, 20, 40 locals: {sizes[10]}, {sizes[20]}, {sizes[40]} characters");
        Assert.True(sizes[40] < 400_000, $"40 locals: {sizes[40]} characters");
    }

    [Fact]
    public void FortyLocalsCompileAndTheirDerivativesMatchFiniteDifferences()
    {
        using var loaded = LoadedNeurons.Compile(Chain(40));
        var neuron = loaded.Neuron("Large.Chain40");
        double[] states = [0.01, 0.02];
        double[] parameters = [0.5];
        double[] inputs = [0.03];

        var expected = neuron.Derivatives(Floats(states), Floats(parameters), Floats(inputs));
        var inDouble = neuron.EvaluateRightHandSide(states, parameters, inputs);
        foreach (var lanes in Lanes.Single)
        {
            var inFloat = neuron.RightHandSide(lanes, Floats(states), Floats(parameters), Floats(inputs));
            Assert.Equal(expected.Select(e => (double)e), inFloat.Select(e => (double)e), (a, b) => Math.Abs(a - b) <= 1e-5 * Math.Max(1e-3, Math.Abs(a)));
        }

        Assert.Equal(expected.Select(e => (double)e), inDouble, (a, b) => Math.Abs(a - b) <= 1e-5 * Math.Max(1e-3, Math.Abs(a)));

        // Jacobian against central differences of the double right-hand side.
        var jacobian = neuron.EvaluateJacobian(states, parameters, inputs);
        for (var j = 0; j < 2; j++)
        {
            var column = FiniteDifference(x => neuron.EvaluateRightHandSide(x, parameters, inputs), states, j);
            for (var i = 0; i < 2; i++)
            {
                Assert.True(Math.Abs(jacobian[(i * 2) + j] - column[i]) <= 1e-7 * Math.Max(1, Math.Abs(column[i])), $"J[{i},{j}] = {jacobian[(i * 2) + j]}, finite differences {column[i]}");
            }
        }

        // Vector–Jacobian product with respect to states, the parameter and the input.
        double[] cotangents = [0.7, -1.3];
        var vjp = neuron.VectorJacobianProduct(states, parameters, inputs, cotangents);
        var all = states.Concat(parameters).Concat(inputs).ToArray();
        double[] Split(double[] x) => neuron.EvaluateRightHandSide(x[..2], x[2..3], x[3..]);
        for (var k = 0; k < all.Length; k++)
        {
            var partials = FiniteDifference(Split, all, k);
            var reference = (cotangents[0] * partials[0]) + (cotangents[1] * partials[1]);
            Assert.True(Math.Abs(vjp[k] - reference) <= 1e-7 * Math.Max(1, Math.Abs(reference)), $"VJP[{k}] = {vjp[k]}, finite differences {reference}");
        }
    }

    /// <summary>States X and Y, parameter A, input I; x(k+1) = x(k)·x(k)·A + x(k), each local read twice.</summary>
    internal static string Chain(int locals)
    {
        var body = new StringBuilder();
        body.AppendLine("var x1 = X + 0.5f * Y + I;");
        for (var k = 2; k <= locals; k++)
        {
            body.AppendLine($"            var x{k} = x{k - 1} * x{k - 1} * A + x{k - 1};");
        }

        return $$"""
            using System;
            using DynPmnn;

            namespace Large;

            [Neuron]
            public partial struct Chain{{locals}}
            {
                [State] public float X;

                [State] public float Y;

                [Parameter(0.5)] public float A;

                [Input] public float I;

                private readonly void Derivatives(out float dX, out float dY)
                {
                    {{body}}
                    dX = x{{locals}} - X;
                    dY = x{{locals / 2}} * Y - MathF.Tanh(x{{locals}});
                }
            }
            """;
    }

    private static double[] FiniteDifference(Func<double[], double[]> f, double[] at, int index)
    {
        var h = 1e-6 * Math.Max(1, Math.Abs(at[index]));
        var plus = (double[])at.Clone();
        var minus = (double[])at.Clone();
        plus[index] += h;
        minus[index] -= h;
        var (fp, fm) = (f(plus), f(minus));
        return fp.Select((v, i) => (v - fm[i]) / (2 * h)).ToArray();
    }

    private static float[] Floats(double[] values) => values.Select(v => (float)v).ToArray();
}
