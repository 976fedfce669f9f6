using System.Globalization;

namespace DynPmnn.Trees;

/// <summary>The settings classification and regression trees share, with scikit-learn 1.2.1's defaults.</summary>
public abstract record DecisionTreeOptions
{
    /// <summary>The deepest a leaf may be (the root is at depth 0); <see langword="null"/> for no limit.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>The fewest samples a node needs to be split (at least 2; raised to twice <see cref="MinSamplesLeaf"/>).</summary>
    public int MinSamplesSplit { get; init; } = 2;

    /// <summary>The fewest samples each side of a split must keep.</summary>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>How many features are drawn for each split.</summary>
    public MaxFeatures MaxFeatures { get; init; } = MaxFeatures.All;

    /// <summary>The minimal cost-complexity pruning parameter; 0 grows the tree without pruning.</summary>
    public double CcpAlpha { get; init; }

    /// <summary>
    /// The seed of the random feature draws, as an integer <c>random_state</c> in scikit-learn: the same seed and
    /// data give the same tree there and here.
    /// </summary>
    public uint RandomState { get; init; }

    /// <summary>The parameters as scikit-learn would print them, for logs and messages.</summary>
    public sealed override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{CriterionName}, max_depth={MaxDepth?.ToString(CultureInfo.InvariantCulture) ?? "None"}, min_samples_split={MinSamplesSplit}, min_samples_leaf={MinSamplesLeaf}, max_features={MaxFeatures}{ExtraParameters}, ccp_alpha={PythonFloat(CcpAlpha)}, random_state={RandomState}");

    private protected abstract string CriterionName { get; }

    // Python's repr of a float: the shortest round-trip digits, with ".0" on whole numbers.
    private static string PythonFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') || !double.IsFinite(value) ? text : text + ".0";
    }

    private protected virtual string ExtraParameters => "";

    /// <summary>Rejects out-of-range settings with the name and value at fault, as scikit-learn's validation does.</summary>
    internal void Validate()
    {
        if (MaxDepth is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "max_depth must be at least 1, or null for no limit.");
        }

        if (MinSamplesSplit < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MinSamplesSplit), MinSamplesSplit, "min_samples_split must be at least 2.");
        }

        if (MinSamplesLeaf < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinSamplesLeaf), MinSamplesLeaf, "min_samples_leaf must be at least 1.");
        }

        if (!(CcpAlpha >= 0.0) || double.IsPositiveInfinity(CcpAlpha))
        {
            throw new ArgumentOutOfRangeException(nameof(CcpAlpha), CcpAlpha, "ccp_alpha must be a finite number at or above 0.");
        }
    }
}
