using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// One training run of a sweep: a full configuration and a seed, with the id that names its result. Trials are
/// numbered in expansion order from 0.
/// </summary>
public sealed class Trial
{
    private readonly JsonObject configJson;
    private readonly JsonObject searchedValues;

    internal Trial(int index, string id, int seed, TrialConfig config, JsonObject configJson, JsonObject searchedValues, string canonicalJson, string programVersion)
    {
        Index = index;
        Id = id;
        Seed = seed;
        Config = config;
        this.configJson = configJson;
        this.searchedValues = searchedValues;
        CanonicalJson = canonicalJson;
        ProgramVersion = programVersion;
    }

    /// <summary>The trial's place in expansion order, from 0; shards and reports use it.</summary>
    public int Index { get; }

    /// <summary>The <see cref="TrialId"/> of <see cref="CanonicalJson"/> under <see cref="ProgramVersion"/>.</summary>
    public string Id { get; }

    /// <summary>The seed of initialisation and shuffling.</summary>
    public int Seed { get; }

    /// <summary>What to train. The runner must not change it (it is shared with the sweep's other bookkeeping).</summary>
    public TrialConfig Config { get; }

    /// <summary>The text the id hashes: <c>{"config":…,"seed":…}</c> in <see cref="Sweeps.CanonicalJson"/> form.</summary>
    public string CanonicalJson { get; }

    /// <summary>The program version in the id.</summary>
    public string ProgramVersion { get; }

    /// <summary>The full configuration as JSON (every member, defaults included), a copy the caller may keep.</summary>
    public JsonObject ConfigJson() => (JsonObject)configJson.DeepClone();

    /// <summary>The searched parameters' values in this trial (path → value, in the spec's order), a copy.</summary>
    public JsonObject SearchedValues() => (JsonObject)searchedValues.DeepClone();

    public override string ToString() => $"trial {Index} ({Id[..8]}, seed {Seed})";
}
