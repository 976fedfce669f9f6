using System.Text.Json;
using System.Text.Json.Nodes;
using DynPmnn.Experiments.Sweeps;

namespace DynPmnn.Tests.Sweeps;

/// <summary>Expansion order, random draws and constraints, against Python's itertools.product and SplitMix64 (tests/reference/sweeps.py).</summary>
public sealed class SweepExpansionTests
{
    private const string Fixture = "sweeps_reference.json";

    [Fact]
    public void GridOrderIsItertoolsProductOrderWithSeedsInnermost()
    {
        var reference = ReferenceFixture.Load(Fixture).GetProperty("product");
        var parameters = reference.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()!).ToArray();
        var json = SweepSpecs.Small();
        var grid = new JsonObject();
        var axis = 0;
        foreach (var values in reference.GetProperty("values").EnumerateArray())
        {
            grid[parameters[axis++]] = JsonNode.Parse(values.GetRawText());
        }

        json["grid"] = grid;
        var plan = SweepSpecs.Expand(json);
        var order = reference.GetProperty("order").EnumerateArray().ToArray();
        Assert.Equal(order.Length * 2, plan.Trials.Count);
        for (var k = 0; k < plan.Trials.Count; k++)
        {
            var trial = plan.Trials[k];
            Assert.Equal(k, trial.Index);
            Assert.Equal(k % 2, trial.Seed);
            var expected = order[k / 2].EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var config = trial.ConfigJson();
            for (var p = 0; p < parameters.Length; p++)
            {
                Assert.Equal(expected[p], ParameterPath.Parse(parameters[p]).Get(config)!.GetValue<double>());
            }
        }

        Assert.Equal(["protocol.learningRate", "protocol.batchSize", "model.blocks[0].dt"], plan.Summary.SearchedParameters);
    }

    [Fact]
    public void SplitMix64MatchesTheReference()
    {
        var reference = ReferenceFixture.Load(Fixture);
        var raw = new SplitMix64(0);
        foreach (var expected in reference.GetProperty("splitmix64").GetProperty("outputs").EnumerateArray())
        {
            Assert.Equal(ulong.Parse(expected.GetString()!, System.Globalization.CultureInfo.InvariantCulture), raw.NextUInt64());
        }

        var doubles = new SplitMix64(42);
        Assert.Equal(reference.GetProperty("doubles").GetProperty("values").Doubles(), Enumerable.Range(0, 8).Select(_ => doubles.NextDouble()).ToArray());
        var below = new SplitMix64(7);
        Assert.Equal(reference.GetProperty("below").GetProperty("values").Ints(), Enumerable.Range(0, 16).Select(_ => (int)below.NextBelow(10)).ToArray());
    }

    [Fact]
    public void RandomSearchIsDeterministicInRangeAndCombinedWithTheGrid()
    {
        var json = RandomSpec(seed: 5);
        var first = SweepSpecs.Expand(json);
        var second = SweepSpecs.Expand(RandomSpec(seed: 5));
        Assert.Equal(first.Trials.Select(t => t.Id), second.Trials.Select(t => t.Id));
        Assert.Equal(first.Trials.Select(t => t.CanonicalJson), second.Trials.Select(t => t.CanonicalJson));
        Assert.NotEqual(first.Trials.Select(t => t.Id), SweepSpecs.Expand(RandomSpec(seed: 6)).Trials.Select(t => t.Id));

        // 3 grid points × 10 samples (none repeats) × 2 seeds; each grid point sees the same samples.
        Assert.Equal(60, first.Trials.Count);
        var samples = first.Trials.Where(t => t.Seed == 0).Select(t => t.SearchedValues()).ToArray();
        for (var s = 0; s < 10; s++)
        {
            Assert.Equal(samples[s]["protocol.weightDecay"]!.GetValue<double>(), samples[10 + s]["protocol.weightDecay"]!.GetValue<double>());
            Assert.Equal(0.01, samples[s]["protocol.learningRate"]!.GetValue<double>());
            Assert.Equal(0.001, samples[10 + s]["protocol.learningRate"]!.GetValue<double>());
        }

        foreach (var trial in first.Trials)
        {
            var protocol = trial.Config.Protocol;
            var block = trial.Config.Model.Blocks[0];
            Assert.InRange(protocol.WeightDecay, 1e-5, 1e-2);
            Assert.InRange(block.Dt, 0.1, 2.0);
            Assert.InRange(block.Steps, 1, 4);
            Assert.Contains(block.Integrator.ToString(), (string[])["Euler", "Heun"]);
            // Real draws keep 12 significant digits.
            Assert.Equal(protocol.WeightDecay, double.Parse(protocol.WeightDecay.ToString("G12", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.True(first.Trials.Select(t => t.Config.Model.Blocks[0].Steps).Distinct().Count() > 1);
    }

    [Fact]
    public void ConstraintsLeaveCombinationsOutAndAreCounted()
    {
        var json = SweepSpecs.Small();
        json["grid"]!["model.blocks[0].dt"] = new JsonArray(0.5, 2.0, 8.0);
        json["constraints"] = new JsonArray(
            "model.blocks[0].dt * model.blocks[0].steps <= 8",
            "protocol.batchSize != 16 || protocol.learningRate < 0.005");
        var plan = SweepSpecs.Expand(json);
        // dt 8 × 4 steps breaks the first (6 of 18); of the rest, batch 16 with lr 0.01 breaks the second (2).
        Assert.Equal(18, plan.Summary.Combinations);
        Assert.Equal([6L, 2L], plan.Summary.SkippedByConstraints.Select(s => s.Skipped));
        Assert.Equal(10, plan.Summary.Configurations);
        Assert.Equal(20, plan.Trials.Count);
        Assert.DoesNotContain(plan.Trials, t => t.Config.Model.Blocks[0].Dt == 8.0);
        Assert.DoesNotContain(plan.Trials, t => t.Config.Protocol.BatchSize == 16 && t.Config.Protocol.LearningRate == 0.01);
    }

    [Theory]
    [InlineData("model.blocks[0].integrator == \"Euler\"", true)]
    [InlineData("model.blocks[0].integrator != \"Euler\"", false)]
    [InlineData("(protocol.learningRate + 1) * 2 > 2 && model.blocks[0].normalizeFeatures == true", true)]
    [InlineData("-model.blocks[0].dt < -1", false)]
    [InlineData("protocol.gradientClipNorm == null", true)]
    [InlineData("protocol.maxEpochs / 5 >= 1 || false", true)]
    public void ConstraintLanguage(string text, bool expected)
    {
        var config = SweepPlan.Normalize(SweepSpecs.Read(SweepSpecs.Small()).Base);
        Assert.Equal(expected, Constraint.Parse(text).IsSatisfiedBy(config));
    }

    [Fact]
    public void AConstraintComparingUnlikeValuesSaysSo()
    {
        var config = SweepPlan.Normalize(SweepSpecs.Read(SweepSpecs.Small()).Base);
        var error = Assert.Throws<FormatException>(() => Constraint.Parse("model.blocks[0].integrator < 3").IsSatisfiedBy(config)).Message;
        Assert.Contains("The constraint \"model.blocks[0].integrator < 3\" cannot be evaluated: '<' needs numbers, not the string \"Euler\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedConfigurationsAreKeptOnce()
    {
        var json = SweepSpecs.Small();
        json["grid"] = JsonNode.Parse("""{"protocol.learningRate": [0.001, 1e-3, 0.0010], "model.hiddenSizes": [[64], [64]]}""");
        var plan = SweepSpecs.Expand(json);
        Assert.Equal(6, plan.Summary.Combinations);
        Assert.Equal(5, plan.Summary.Duplicates);
        Assert.Single(plan.Trials.Select(t => t.CanonicalJson[..t.CanonicalJson.LastIndexOf("\"seed\"", StringComparison.Ordinal)]).Distinct());
    }

    [Fact]
    public void ArraysAndBlockMembersCanBeSearched()
    {
        var json = SweepSpecs.Small();
        json["base"]!["model"] = JsonNode.Parse("""{"kind": "Dnn", "inputs": 4}""");
        json["grid"] = JsonNode.Parse("""{"model.hiddenSizes": [[64, 32], [128]], "model.units": [8, 16]}""");
        var plan = SweepSpecs.Expand(json);
        Assert.Equal([64, 32], plan.Trials[0].Config.Model.HiddenSizes);
        Assert.Equal(16, plan.Trials[2].Config.Model.Units);
        Assert.Equal([128], plan.Trials[4].Config.Model.HiddenSizes);
    }

    [Fact]
    public void NoSearchIsOneConfigurationPerSeed()
    {
        var json = SweepSpecs.Small();
        json.Remove("grid");
        json.Remove("seeds");
        json["seed"] = 7;
        var plan = SweepSpecs.Expand(json);
        var trial = Assert.Single(plan.Trials);
        Assert.Equal(7, trial.Seed);
        Assert.Equal(1, plan.Summary.Combinations);
    }

    [Fact]
    public void TheTrialsCanonicalJsonHoldsTheFullConfigurationAndSeed()
    {
        var trial = SweepSpecs.Expand(SweepSpecs.Small()).Trials[3];
        using var document = JsonDocument.Parse(trial.CanonicalJson);
        Assert.Equal(1, document.RootElement.GetProperty("seed").GetInt32());
        var protocol = document.RootElement.GetProperty("config").GetProperty("protocol");
        Assert.Equal(0.01, protocol.GetProperty("learningRate").GetDouble());
        Assert.Equal(32, protocol.GetProperty("batchSize").GetInt32());
        // Defaults the spec left out are written too, so a changed default changes the id.
        Assert.Equal(0.005, protocol.GetProperty("weightDecay").GetDouble());
        Assert.Equal("FitzHughNagumo", document.RootElement.GetProperty("config").GetProperty("model").GetProperty("blocks")[0].GetProperty("neuron").GetString());
    }

    private static JsonObject RandomSpec(long seed)
    {
        var json = SweepSpecs.Small();
        json["grid"] = JsonNode.Parse("""{"protocol.learningRate": [0.01, 0.001, 0.0001]}""");
        json["random"] = JsonNode.Parse($$"""
            {
              "count": 10,
              "seed": {{seed}},
              "parameters": {
                "protocol.weightDecay": { "logUniform": [1e-5, 1e-2] },
                "model.blocks[0].dt": { "uniform": [0.1, 2.0] },
                "model.blocks[0].steps": { "int": [1, 4] },
                "model.blocks[0].integrator": { "choice": ["Euler", "Heun"] }
              }
            }
            """);
        return json;
    }
}
