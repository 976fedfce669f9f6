using System.Text.Json.Nodes;
using DynPmnn.Experiments.Sweeps;

namespace DynPmnn.Tests.Sweeps;

/// <summary>Small sweep specs for the tests, as JSON objects a test can change before reading.</summary>
internal static class SweepSpecs
{
    /// <summary>The program version the unit tests expand with, so their ids do not change with every commit.</summary>
    public const string Version = "0.0.0-test";

    /// <summary>3 learning rates × 2 batch sizes × 2 seeds = 12 trials on a small DynPMNN classifier.</summary>
    public static JsonObject Small() => JsonNode.Parse("""
        {
          "name": "small",
          "base": {
            "dataset": "iris",
            "split": "paper",
            "model": { "kind": "DynPmnn", "inputs": 4, "outputs": 3, "head": "Softmax", "blocks": [ { "units": 2, "dt": 0.5, "steps": 4 } ] },
            "protocol": { "maxEpochs": 5 }
          },
          "seeds": [0, 1],
          "metric": "validLoss",
          "direction": "min",
          "grid": {
            "protocol.learningRate": [0.01, 0.001, 0.0001],
            "protocol.batchSize": [16, 32]
          },
          "deviations": ["min_delta 0.0 as actually run"]
        }
        """)!.AsObject();

    public static SweepSpec Read(JsonObject json) => SweepSpec.Parse(json.ToJsonString(), "test.json");

    public static SweepPlan Expand(JsonObject json, string version = Version) => SweepPlan.Expand(Read(json), version);

    /// <summary>The message of the <see cref="FormatException"/> that reading and expanding <paramref name="json"/> throws.</summary>
    public static string ErrorOf(JsonObject json) => Assert.Throws<FormatException>(() => Expand(json)).Message;
}
