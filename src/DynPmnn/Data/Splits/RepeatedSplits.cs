namespace DynPmnn.Data;

/// <summary>
/// Several train / validation / test splits of the same rows with consecutive seeds, for comparing models over
/// repeated random splits rather than one.
/// </summary>
public static class RepeatedSplits
{
    /// <summary>
    /// <see cref="SklearnSplit.ThreeWay(int, int[], SplitRatios, int)"/> with seeds <paramref name="firstSeed"/>,
    /// <paramref name="firstSeed"/> + 1, …, <paramref name="firstSeed"/> + <paramref name="count"/> − 1, in that order.
    /// </summary>
    /// <param name="rows">How many rows there are to split.</param>
    /// <param name="stratifyLabels">One class label per row to stratify on, or <see langword="null"/> for regression.</param>
    /// <param name="count">How many splits, at least 1.</param>
    /// <param name="firstSeed">The seed of the first split, 0 or more.</param>
    /// <param name="ratios">The shares of the three sides; <see cref="SplitRatios.Paper"/> when <see langword="null"/>.</param>
    public static SplitIndices[] Create(int rows, int[]? stratifyLabels, int count, int firstSeed = 0, SplitRatios? ratios = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSeed);
        if ((long)firstSeed + count - 1 > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count), count, $"Seeds from {firstSeed} for {count} splits run past {int.MaxValue}.");
        }

        ratios ??= SplitRatios.Paper;
        var splits = new SplitIndices[count];
        for (var i = 0; i < count; i++)
        {
            splits[i] = SklearnSplit.ThreeWay(rows, stratifyLabels, ratios, firstSeed + i);
        }

        return splits;
    }
}
