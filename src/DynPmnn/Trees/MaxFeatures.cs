using System.Globalization;

namespace DynPmnn.Trees;

/// <summary>
/// How many features a tree draws at random before looking for each split (scikit-learn's <c>max_features</c>):
/// all of them, <c>sqrt</c>, <c>log2</c> or a fixed count.
/// </summary>
public readonly record struct MaxFeatures
{
    private enum Rule
    {
        All,
        Sqrt,
        Log2,
        Count,
    }

    private readonly Rule _rule;
    private readonly int _count;

    private MaxFeatures(Rule rule, int count)
    {
        _rule = rule;
        _count = count;
    }

    /// <summary>Every feature (<c>None</c>); the features are still drawn in random order.</summary>
    public static MaxFeatures All => default;

    /// <summary><c>max(1, floor(sqrt(features)))</c> ("sqrt").</summary>
    public static MaxFeatures Sqrt => new(Rule.Sqrt, 0);

    /// <summary><c>max(1, floor(log2(features)))</c> ("log2").</summary>
    public static MaxFeatures Log2 => new(Rule.Log2, 0);

    /// <summary>A fixed number of features, 1 or more and at most the number of features of the data.</summary>
    public static MaxFeatures Count(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new MaxFeatures(Rule.Count, count);
    }

    /// <summary>The number of features to draw for data with <paramref name="featureCount"/> features.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A fixed count above <paramref name="featureCount"/>.</exception>
    public int Resolve(int featureCount) => _rule switch
    {
        Rule.All => featureCount,
        Rule.Sqrt => Math.Max(1, (int)Math.Sqrt(featureCount)),
        Rule.Log2 => Math.Max(1, (int)Math.Log2(featureCount)),
        _ when _count <= featureCount => _count,
        _ => throw new ArgumentOutOfRangeException(
            nameof(featureCount), featureCount, $"max_features = {_count} exceeds the {featureCount} features of the data."),
    };

    /// <summary>The scikit-learn spelling: <c>None</c>, <c>sqrt</c>, <c>log2</c> or the count.</summary>
    public override string ToString() => _rule switch
    {
        Rule.All => "None",
        Rule.Sqrt => "sqrt",
        Rule.Log2 => "log2",
        _ => _count.ToString(CultureInfo.InvariantCulture),
    };
}
