using System.Globalization;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>A share of a sweep's trials: trial k belongs to shard k mod <see cref="Count"/>, so shards differ in size by at most one trial.</summary>
public readonly record struct Shard
{
    public Shard(int index, int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A sweep is split into at least one shard.");
        }

        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"A shard of {count} is numbered 0 to {count - 1}.");
        }

        Index = index;
        Count = count;
    }

    /// <summary>Every trial: shard 0 of 1.</summary>
    public static Shard All => new(0, 1);

    public int Index { get; }

    public int Count { get; }

    /// <summary>Whether trial number <paramref name="trialIndex"/> is in this shard.</summary>
    public bool Contains(int trialIndex) => trialIndex % Count == Index;

    /// <summary>The shard of trial <paramref name="trialIndex"/> among <paramref name="count"/>.</summary>
    public static int Of(int trialIndex, int count) => trialIndex % count;

    /// <summary>Reads <c>i/n</c> (0 ≤ i &lt; n), as <c>--shard</c> takes it.</summary>
    /// <exception cref="FormatException">The text is not a shard; the message says what is expected.</exception>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/');
        if (slash < 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"'{text}' is not a shard; write i/n, such as 0/4 for the first of four (shards are numbered from 0).");
        }

        if (count < 1 || index >= count)
        {
            throw new FormatException($"'{text}' is not a shard: {(count < 1 ? "there must be at least one shard" : $"shards of {count} are numbered 0 to {count - 1}")}.");
        }

        return new Shard(index, count);
    }

    public override string ToString() => $"{Index}/{Count}";
}
