using System.Text.Json.Nodes;
using DynPmnn.Experiments.Sweeps;

namespace DynPmnn.Tests.Sweeps;

/// <summary>Trial ids depend on what a trial is and on the program, not on how its spec was written.</summary>
public sealed class TrialIdTests
{
    [Fact]
    public void KeyOrderAndNumberSpellingDoNotChangeIds()
    {
        var reference = SweepSpecs.Expand(SweepSpecs.Small());
        // The same spec with members in another order, numbers spelt otherwise, and defaults written out.
        var rewritten = JsonNode.Parse("""
            {
              "deviations": ["min_delta 0.0 as actually run"],
              "grid": {
                "protocol.learningRate": [1e-2, 1.0E-3, 0.00010],
                "protocol.batchSize": [16, 32]
              },
              "direction": "min",
              "metric": "validLoss",
              "seeds": [0, 1],
              "base": {
                "protocol": { "maxEpochs": 5, "learningRate": 5.0e-4, "weightDecay": 0.0050 },
                "model": { "blocks": [ { "steps": 4, "dt": 5e-1, "units": 2 } ], "head": "Softmax", "outputs": 3, "inputs": 4, "kind": "DynPmnn" },
                "split": "paper",
                "dataset": "iris"
              },
              "name": "small"
            }
            """)!.AsObject();
        var plan = SweepSpecs.Expand(rewritten);
        Assert.Equal(reference.Trials.Select(t => t.Id), plan.Trials.Select(t => t.Id));
        Assert.Equal(reference.Trials.Select(t => t.CanonicalJson), plan.Trials.Select(t => t.CanonicalJson));
    }

    [Fact]
    public void AChangedProgramVersionChangesEveryId()
    {
        var one = SweepSpecs.Expand(SweepSpecs.Small(), "1.0.0+aaaa");
        var other = SweepSpecs.Expand(SweepSpecs.Small(), "1.0.0+bbbb");
        Assert.Equal(one.Trials.Select(t => t.CanonicalJson), other.Trials.Select(t => t.CanonicalJson));
        Assert.All(one.Trials.Zip(other.Trials), pair => Assert.NotEqual(pair.First.Id, pair.Second.Id));
    }

    [Fact]
    public void TheSweepsNameAndNotesAreNotPartOfATrial()
    {
        var json = SweepSpecs.Small();
        json["name"] = "renamed";
        json["deviations"] = new JsonArray("another note");
        json["metric"] = "validAccuracy";
        json["direction"] = "max";
        Assert.Equal(SweepSpecs.Expand(SweepSpecs.Small()).Trials.Select(t => t.Id), SweepSpecs.Expand(json).Trials.Select(t => t.Id));
    }

    [Fact]
    public void AnIdIsTheFirstSixteenBytesOfTheSha256OfTheCanonicalJsonAndVersion()
    {
        var trial = SweepSpecs.Expand(SweepSpecs.Small()).Trials[0];
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(trial.CanonicalJson + "\n" + SweepSpecs.Version));
        Assert.Equal(Convert.ToHexStringLower(hash)[..32], trial.Id);
        Assert.True(TrialId.IsValid(trial.Id));
        Assert.Equal(SweepSpecs.Version, trial.ProgramVersion);
        Assert.StartsWith("{\"config\":{\"dataset\":\"iris\",\"model\":{", trial.CanonicalJson, StringComparison.Ordinal);
        Assert.EndsWith(",\"seed\":0}", trial.CanonicalJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"b":1,"a":[2.50,1e3,-0.0,true,null,"x\u00e9"]}""", """{"a":[2.5,1000,0,true,null,"xé"],"b":1}""")]
    [InlineData("""{"z":{"y":1.0,"x":12345678901234567890}}""", """{"z":{"x":1.2345678901234567E+19,"y":1}}""")]
    [InlineData("""[0.1, 1E-7, 123456789012]""", """[0.1,1E-07,123456789012]""")]
    public void CanonicalJsonSortsKeysAndSpellsNumbersOneWay(string input, string expected) =>
        Assert.Equal(expected, CanonicalJson.Write(JsonNode.Parse(input)));

    [Fact]
    public void TheProgramVersionIsTheExperimentsAssemblysInformationalVersion()
    {
        Assert.StartsWith("0.1.0", ProgramVersion.Current, StringComparison.Ordinal);
        Assert.Equal(ProgramVersion.Current, SweepPlan.Expand(SweepSpecs.Read(SweepSpecs.Small())).Trials[0].ProgramVersion);
    }
}
