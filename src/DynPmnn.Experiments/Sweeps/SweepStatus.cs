using System.Globalization;
using DynPmnn.Experiments.Reporting;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>How far a sweep directory has come: done, failed and remaining trials, overall and per shard.</summary>
public sealed record SweepStatus
{
    public required string Name { get; init; }

    public required ShardStatus Overall { get; init; }

    /// <summary>One per shard of <see cref="ShardCount"/>.</summary>
    public required IReadOnlyList<ShardStatus> Shards { get; init; }

    public int ShardCount => Shards.Count;

    /// <summary>Reads the records of <paramref name="store"/> and counts them over <paramref name="shardCount"/> shards.</summary>
    public static SweepStatus Of(SweepStore store, int shardCount = 1)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        var records = store.ReadAll();
        var trials = store.Manifest.Trials;
        var statuses = trials.Select(t => records.TryGetValue(t.Id, out var r) ? r.Status : (TrialStatus?)null).ToArray();
        ShardStatus Count(Shard? shard, Func<int, bool> member)
        {
            var indexes = Enumerable.Range(0, trials.Count).Where(member).ToArray();
            return new ShardStatus
            {
                Shard = shard,
                Trials = indexes.Length,
                Done = indexes.Count(k => statuses[k] == TrialStatus.Done),
                Failed = indexes.Count(k => statuses[k] == TrialStatus.Failed),
            };
        }

        return new SweepStatus
        {
            Name = store.Manifest.Name,
            Overall = Count(null, _ => true),
            Shards = [.. Enumerable.Range(0, shardCount).Select(s => Count(new Shard(s, shardCount), k => Shard.Of(k, shardCount) == s))],
        };
    }

    /// <summary>A table for the terminal: one row per shard (when there are several), then the total.</summary>
    public string ToText()
    {
        var table = new ResultTable("shard", "trials", "done", "failed", "remaining");
        if (ShardCount > 1)
        {
            foreach (var shard in Shards)
            {
                table.AddRow(shard.Shard!.Value.ToString(), shard.Trials, shard.Done, shard.Failed, shard.Remaining);
            }
        }

        table.AddRow("all", Overall.Trials, Overall.Done, Overall.Failed, Overall.Remaining);
        var percent = Overall.Trials == 0 ? 100 : 100.0 * (Overall.Done + Overall.Failed) / Overall.Trials;
        return $"sweep {Name}: {percent.ToString("F1", CultureInfo.InvariantCulture)}% recorded\n" + table.ToText();
    }
}
