namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// Rate expressions that are 0/0 where their exponent is 0, with a slope that is a trained parameter rather than a
/// constant: the generated value and its derivatives with respect to the states and the parameters must be finite at
/// the singularity and match a reference computed from the series of x/(eˣ − 1) near it (exact in double there) and
/// from the closed form away from it.
/// </summary>
public sealed class RemovableSingularityTests
{
    private const string Source = """
        using System;
        using DynPmnn;

        namespace Singular;

        [Neuron]
        public partial struct TrainedSlope
        {
            [State] public float V;

            [State] public float W;

            [Parameter(10.0)] public float K;

            [Parameter(0.1)] public float A;

            private readonly void Derivatives(out float dV, out float dW)
            {
                dV = A * (V + 40f) / (1f - MathF.Exp(-(V + 40f) / K));
                dW = W * (V + 40f) / (MathF.Exp((V + 40f) / K) - 1f);
            }
        }
        """;

    private static readonly Lazy<LoadedNeurons> Compiled = new(() => LoadedNeurons.Compile(Source));

    public static TheoryData<double, double> Points()
    {
        var data = new TheoryData<double, double>();
        foreach (var k in new[] { 10.0, 3.7 })
        {
            foreach (var offset in new[] { 0, 1e-7, -1e-7, 1e-4, -1e-4, 0.1, -0.1, 5, -5 })
            {
                data.Add(k, offset);
            }
        }

        return data;
    }

    [Fact]
    public void TheQuotientIsRewrittenIntoTheBernoulliFunction()
    {
        var run = GeneratorHarness.Run(Source);
        run.AssertCleanBuild();
        var text = run.Source("Singular.TrainedSlope.g.cs").SourceText.ToString();
        Assert.Contains("dV/dt = A * K * bernoulli(-((V + 40) / K))", text, StringComparison.Ordinal);
        Assert.Contains("dW/dt = W * K * bernoulli((V + 40) / K)", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void ValueAndGradientsMatchAHighPrecisionReference(double k, double offset)
    {
        var neuron = Compiled.Value.Neuron("Singular.TrainedSlope");
        const double a = 0.1;
        const double w = 0.8;
        var x = offset;
        var v = x - 40;
        var u = x / k;
        double[] states = [v, w];
        double[] parameters = [k, a];

        // dV = A·K·g(u), dW = W·K·h(u), with u = x/K, h(u) = u/(eᵘ − 1) and g(u) = h(−u).
        var (h, dh) = Bernoulli(u);
        var (g, dgNegated) = Bernoulli(-u);
        var dg = -dgNegated;
        double[] expected = [a * k * g, w * k * h];
        double[] jacobian = [a * dg, 0, w * dh, k * h];
        double[] gradientV = [a * dg, 0, a * (g - (u * dg)), k * g]; // ∂dV/∂(V, W, K, A)
        double[] gradientW = [w * dh, k * h, w * (h - (u * dh)), 0]; // ∂dW/∂(V, W, K, A)

        AssertClose(expected, neuron.EvaluateRightHandSide(states, parameters, []), "value");
        AssertClose(jacobian, neuron.EvaluateJacobian(states, parameters, []), "Jacobian");
        AssertClose(gradientV, neuron.VectorJacobianProduct(states, parameters, [], [1, 0]), "gradient of dV");
        AssertClose(gradientW, neuron.VectorJacobianProduct(states, parameters, [], [0, 1]), "gradient of dW");

        // The float kernels are finite and close at the singularity too.
        foreach (var lanes in Lanes.Single)
        {
            var inFloat = neuron.RightHandSide(lanes, [(float)v, (float)w], [(float)k, (float)a], []);
            Assert.All(inFloat, value => Assert.True(float.IsFinite(value)));
            Assert.Equal(expected[1], inFloat[1], 1e-4 * Math.Abs(expected[1]) + 1e-4);
        }

        void AssertClose(double[] reference, double[] actual, string what)
        {
            for (var i = 0; i < reference.Length; i++)
            {
                Assert.True(
                    Math.Abs(actual[i] - reference[i]) <= 1e-9 * Math.Max(1e-3, Math.Abs(reference[i])),
                    $"{what}[{i}] at K = {k}, V + 40 = {offset}: {actual[i]}, reference {reference[i]}");
            }
        }
    }

    /// <summary>
    /// h(u) = u/(eᵘ − 1) and h′(u): the series through u⁸ below |u| = 0.01 (its first omitted term is below 1e−28 of
    /// the value), the closed form above (relative error below 1e−13 there).
    /// </summary>
    private static (double Value, double Derivative) Bernoulli(double u)
    {
        if (Math.Abs(u) < 0.01)
        {
            var u2 = u * u;
            var value = 1 - (u / 2) + (u2 * ((1.0 / 12) + (u2 * ((-1.0 / 720) + (u2 * ((1.0 / 30240) - (u2 / 1209600)))))));
            var derivative = -0.5 + (u * ((1.0 / 6) + (u2 * ((-1.0 / 180) + (u2 * ((1.0 / 5040) - (u2 / 151200)))))));
            return (value, derivative);
        }

        var e = Math.Exp(u);
        var m = e - 1;
        return (u / m, (m - (u * e)) / (m * m));
    }
}
