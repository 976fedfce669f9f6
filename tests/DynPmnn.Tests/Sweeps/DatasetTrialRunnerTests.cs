using System.Text.Json.Nodes;
using DynPmnn.Data;
using DynPmnn.Experiments.Sweeps;
using DynPmnn.Tests.Data;

namespace DynPmnn.Tests.Sweeps;

/// <summary>A trial's split seed and target standardisation reach the split it trains on.</summary>
public sealed class DatasetTrialRunnerTests
{
    private static readonly DatasetTrialRunner Runner = new(new DataLocator
    {
        DataDirectory = Path.GetDirectoryName(TestData.CalHousingPath),
        ReadEnvironment = _ => null,
        AllowDownload = false,
    });

    private static Trial DiabetesTrial(int? splitSeed, bool standardizeTargets)
    {
        var json = JsonNode.Parse("""
            {
              "name": "diabetes-split",
              "base": {
                "dataset": "diabetes",
                "split": "sklearn",
                "model": { "kind": "DynPmnn", "blocks": [ { "neuron": "FitzHughNagumo", "units": 2, "dt": 0.5, "steps": 2, "activation": "tanh" } ] },
                "protocol": { "maxEpochs": 2, "learningRate": 0.01, "earlyStopping": null }
              },
              "seed": 1,
              "metric": "validLoss",
              "direction": "min"
            }
            """)!.AsObject();
        var config = json["base"]!.AsObject();
        if (splitSeed is { } seed)
        {
            config["splitSeed"] = seed;
        }

        config["standardizeTargets"] = standardizeTargets;
        return SweepSpecs.Expand(json).Trials.Single();
    }

    [Fact]
    public void TheSplitSeedDefaultsToTheAuthorsAndChoosesOtherRows()
    {
        var byDefault = Runner.Run(DiabetesTrial(null, false), CancellationToken.None);
        var authors = Runner.Run(DiabetesTrial(42, false), CancellationToken.None);
        var other = Runner.Run(DiabetesTrial(3, false), CancellationToken.None);
        Assert.Equal(byDefault.Metrics, authors.Metrics);
        Assert.NotEqual(authors.Metrics["validLoss"], other.Metrics["validLoss"]);
    }

    [Fact]
    public void StandardisedTargetsTrainInUnitsOfDeviationAndAreScoredInTheTargetsUnits()
    {
        var raw = Runner.Run(DiabetesTrial(null, false), CancellationToken.None).Metrics;
        var standardized = Runner.Run(DiabetesTrial(null, true), CancellationToken.None).Metrics;
        // Diabetes' target is about 150 ± 77: raw validation MSE is in the thousands, standardised about 1.
        Assert.True(raw["validLoss"] > 1000, $"raw validLoss {raw["validLoss"]}");
        Assert.InRange(standardized["validLoss"], 0.2, 2);
        // Test metrics are in the target's units either way, and two epochs on standardised targets already beat two on raw ones.
        Assert.InRange(standardized["test_rmse"], 40, 90);
        Assert.True(standardized["test_rmse"] < raw["test_rmse"]);
    }
}
