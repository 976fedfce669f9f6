using System.Text.Json;
using DynPmnn.Models;

namespace DynPmnn.Tests.Models;

/// <summary>
/// The authors' per-data-set PMNN variants (SiLU then tanh or not, the ±20 clamp or none, dt and steps as each script
/// reads t_step) built from a <see cref="ModelSpec"/> equal, output and every gradient, the same block written in plain
/// torch (tests/reference/pmnn_variants.py, float64), weights and inputs taken from the fixture.
/// </summary>
public sealed class AuthorsPmnnVariantTests
{
    private const string Fixture = "pmnn_variants.json";

    public static TheoryData<string> Cases() => new(ReferenceFixture.Load(Fixture).GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(Cases))]
    public void OutputAndGradientsEqualTorch(string name)
    {
        var item = ReferenceFixture.Load(Fixture).GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var features = item.GetProperty("features").GetInt32();
        var outputs = item.GetProperty("outputs").GetInt32();
        var spec = new ModelSpec
        {
            Kind = ModelKind.DynPmnn,
            Inputs = features,
            Outputs = outputs,
            Blocks =
            [
                new OdeBlockSpec
                {
                    Neuron = "FitzHughNagumo",
                    Units = 1,
                    Dt = item.GetProperty("dt").GetDouble(),
                    Steps = item.GetProperty("steps").GetInt32(),
                    Activation = item.GetProperty("activation").GetString()!,
                    StateClamp = item.GetProperty("clamp").ValueKind == JsonValueKind.Null ? null : item.GetProperty("clamp").GetDouble(),
                },
            ],
        };
        var model = ModelFactory.Build<double>(spec, seed: 1);
        var parameters = model.Parameters;
        var reference = item.GetProperty("parameters").EnumerateArray().Select(p => p.Doubles()).ToArray();
        Assert.Equal(reference.Length, parameters.Count);
        for (var p = 0; p < parameters.Count; p++)
        {
            Assert.Equal(reference[p].Length, parameters[p].Length);
            reference[p].CopyTo(parameters[p].Value, 0);
            Array.Clear(parameters[p].Gradient);
        }

        var input = item.GetProperty("input").Doubles();
        var batch = input.Length / features;
        var output = new double[batch * outputs];
        model.Forward(input, output, batch);
        AssertClose(item.GetProperty("output").Doubles(), output, $"{name}: output");

        var inputGradient = new double[input.Length];
        model.Backward(input, output, item.GetProperty("lossWeights").Doubles(), inputGradient, batch);
        AssertClose(item.GetProperty("inputGradient").Doubles(), inputGradient, $"{name}: input gradient");
        var gradients = item.GetProperty("parameterGradients").EnumerateArray().Select(p => p.Doubles()).ToArray();
        for (var p = 0; p < parameters.Count; p++)
        {
            AssertClose(gradients[p], parameters[p].Gradient, $"{name}: gradient of parameter {p} ({parameters[p].Name})");
        }
    }

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = 1e-9 * Math.Max(1, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: torch {expected[i]:R}, DynPmnn {actual[i]:R}");
        }
    }
}
