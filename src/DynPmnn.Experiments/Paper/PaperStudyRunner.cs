using DynPmnn.Data;
using DynPmnn.IO;
using DynPmnn.Training;

namespace DynPmnn.Experiments.Paper;

/// <summary>
/// Runs a data set's study: every chosen network with every seed on the authors' split, the tree grid once (it is
/// deterministic), and, when asked, every model again on repeated splits (split seeds 0 … N−1, the first training seed).
/// Each run is stored as it ends, so an interrupted study resumes; the best tree's rules go to <c>tree.txt</c>.
/// </summary>
public static class PaperStudyRunner
{
    /// <param name="study">The data set's study.</param>
    /// <param name="entries">Its rows to run (a subset of <see cref="PaperStudy.Entries"/>, or presets of one's own).</param>
    /// <param name="dataset">The loaded data set.</param>
    /// <param name="store">Where runs are stored and found again.</param>
    /// <param name="seeds">Training seeds of the networks on the authors' split.</param>
    /// <param name="repeats">Repeated splits (0 for none); ignored where <see cref="PaperStudy.CanRepeatSplits"/> is false.</param>
    /// <param name="listener">Told of every run.</param>
    /// <param name="dataSha256">The data files' SHA-256, for the trained models' provenance.</param>
    /// <param name="cancellationToken">Stops between epochs and runs.</param>
    public static IReadOnlyList<RunResult> Run(
        PaperStudy study,
        IReadOnlyList<PaperEntry> entries,
        Dataset dataset,
        StudyStore store,
        IReadOnlyList<int> seeds,
        int repeats,
        IPaperStudyListener listener,
        string? dataSha256 = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(listener);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("A study needs at least one seed.", nameof(seeds));
        }

        repeats = study.CanRepeatSplits ? repeats : 0;
        var plan = new List<(PaperEntry Entry, int Seed, int? SplitSeed)>();
        foreach (var entry in entries)
        {
            plan.AddRange(entry.Preset is null ? [(entry, 0, null)] : seeds.Select(seed => (entry, seed, (int?)null)));
        }

        for (var k = 0; k < repeats; k++)
        {
            plan.AddRange(entries.Select(entry => (entry, entry.Preset is null ? 0 : seeds[0], (int?)k)));
        }

        var splits = new Dictionary<int, DatasetSplit>();
        DatasetSplit SplitFor(int? splitSeed)
        {
            var key = splitSeed ?? -1;
            if (!splits.TryGetValue(key, out var split))
            {
                split = DatasetSplit.Create(dataset, splitSeed is { } s ? study.Split with { Seed = s } : study.Split);
                splits[key] = split;
            }

            return split;
        }

        var runs = new List<RunResult>();
        for (var i = 0; i < plan.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (entry, seed, splitSeed) = plan[i];
            var name = entry.Preset?.Name ?? PaperTreeRun.Preset;
            var model = entry.Preset is { } network ? ExperimentRunner.ForData(network.Model, dataset.Task, dataset.Columns) : null;
            if (store.Find(name, seed, splitSeed) is { } stored)
            {
                listener.Starting(study, entry, model, seed, splitSeed, i + 1, plan.Count, stored);
                listener.Finished(stored, stored: true);
                runs.Add(stored);
                continue;
            }

            listener.Starting(study, entry, model, seed, splitSeed, i + 1, plan.Count, null);
            RunResult result;
            if (entry.Preset is { } preset)
            {
                result = ExperimentRunner.Run(preset, SplitFor(splitSeed), seed, new Relay(listener), cancellationToken, listener.Warning, dataSha256).Result with { SplitSeed = splitSeed };
            }
            else
            {
                var (tree, text) = PaperTreeRun.Run(SplitFor(splitSeed), entry.Title, splitSeed);
                result = tree;
                if (splitSeed is null)
                {
                    AtomicFile.WriteAllText(Path.Combine(store.Directory, "tree.txt"), $"{tree.Notes}\n\n{text}");
                }
            }

            store.Add(result);
            listener.Finished(result, stored: false);
            runs.Add(result);
        }

        return runs;
    }

    /// <summary>Hands epochs to the listener on the training thread.</summary>
    private sealed class Relay(IPaperStudyListener listener) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => listener.Epoch(value);
    }
}
