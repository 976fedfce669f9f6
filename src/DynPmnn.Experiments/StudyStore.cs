using System.Text.Json;
using DynPmnn.IO;

namespace DynPmnn.Experiments;

/// <summary>
/// A study's output folder, written as the study goes: <c>study.json</c> (what the results depend on) and one file per
/// finished run in <c>runs/</c>, each written atomically. A study interrupted at any point resumes where it stopped,
/// and a study of another configuration is refused rather than mixed into the same folder.
/// </summary>
public sealed class StudyStore
{
    private readonly string runs;

    private StudyStore(string directory)
    {
        Directory = directory;
        runs = Path.Combine(directory, "runs");
    }

    public string Directory { get; }

    /// <summary>Opens <paramref name="directory"/> for <paramref name="configuration"/>: a new folder is set up, a folder of the same configuration resumed.</summary>
    /// <exception cref="IOException">The folder holds results of another configuration; the message says what differs.</exception>
    public static StudyStore Open(string directory, StudyConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(configuration);
        var store = new StudyStore(Path.GetFullPath(directory));
        System.IO.Directory.CreateDirectory(store.runs);
        var path = Path.Combine(store.Directory, "study.json");
        if (File.Exists(path))
        {
            StudyConfiguration? existing;
            try
            {
                existing = JsonSerializer.Deserialize(File.ReadAllText(path), ExperimentsJson.Default.StudyConfiguration);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path} is not a study configuration ({e.Message}); use another --out folder.", e);
            }

            var difference = existing is null ? "an empty study.json" : configuration.FirstDifference(existing);
            if (difference is not null)
            {
                throw new IOException(
                    $"{store.Directory} holds results of another configuration ({difference} differs); give another --out folder, or the same settings to resume.");
            }
        }
        else
        {
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(configuration, ExperimentsJson.Default.StudyConfiguration));
        }

        return store;
    }

    /// <summary>The finished run of <paramref name="preset"/> with <paramref name="seed"/> (on repeated split <paramref name="splitSeed"/>, if given), if an earlier invocation stored it.</summary>
    public RunResult? Find(string preset, int seed, int? splitSeed = null)
    {
        var path = RunPath(preset, seed, splitSeed);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), ExperimentsJson.Default.RunResult);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a stored run ({e.Message}); delete it to run it again.", e);
        }
    }

    /// <summary>Stores a finished (or failed) run; the file appears whole or not at all.</summary>
    public void Add(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        AtomicFile.WriteAllText(RunPath(result.Preset, result.Seed, result.SplitSeed), JsonSerializer.Serialize(result, ExperimentsJson.Default.RunResult));
    }

    private string RunPath(string preset, int seed, int? splitSeed)
    {
        var safe = string.Concat(preset.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        return Path.Combine(runs, splitSeed is { } split ? $"{safe}-seed{seed}-split{split}.json" : $"{safe}-seed{seed}.json");
    }
}
