namespace DynPmnn.Trees;

/// <summary>
/// The nodes of a fitted decision tree as parallel arrays, laid out as scikit-learn's <c>tree_</c>: node 0 is
/// the root, nodes are numbered in depth-first order with the left child first, and a leaf's children are
/// <see cref="Leaf"/>.
/// </summary>
public sealed class TreeStructure
{
    /// <summary>The child index of a leaf (scikit-learn's <c>TREE_LEAF</c>).</summary>
    public const int Leaf = -1;

    /// <summary>The feature and threshold of a leaf (scikit-learn's <c>TREE_UNDEFINED</c>).</summary>
    public const int Undefined = -2;

    private readonly int[] _leftChildren;
    private readonly int[] _rightChildren;
    private readonly int[] _features;
    private readonly double[] _thresholds;
    private readonly double[] _impurities;
    private readonly int[] _sampleCounts;
    private readonly double[] _weightedSampleCounts;
    private readonly double[] _values;

    internal TreeStructure(
        int featureCount, int outputCount, int valueWidth, int depth, int[] leftChildren, int[] rightChildren,
        int[] features, double[] thresholds, double[] impurities, int[] sampleCounts, double[] weightedSampleCounts,
        double[] values)
    {
        FeatureCount = featureCount;
        OutputCount = outputCount;
        ValueWidth = valueWidth;
        Depth = depth;
        _leftChildren = leftChildren;
        _rightChildren = rightChildren;
        _features = features;
        _thresholds = thresholds;
        _impurities = impurities;
        _sampleCounts = sampleCounts;
        _weightedSampleCounts = weightedSampleCounts;
        _values = values;
        LeafCount = leftChildren.Count(child => child == Leaf);
    }

    public int NodeCount => _leftChildren.Length;

    /// <summary>The number of edges on the longest path from the root to a leaf (0 for a single leaf).</summary>
    public int Depth { get; }

    public int LeafCount { get; }

    /// <summary>The number of features of the rows the tree was fitted to.</summary>
    public int FeatureCount { get; }

    public int OutputCount { get; }

    /// <summary>Numbers per output in a node's value: the class count for a classifier, 1 for a regressor.</summary>
    public int ValueWidth { get; }

    public ReadOnlySpan<int> LeftChildren => _leftChildren;

    public ReadOnlySpan<int> RightChildren => _rightChildren;

    /// <summary>The feature each split node tests; <see cref="Undefined"/> for leaves.</summary>
    public ReadOnlySpan<int> Features => _features;

    /// <summary>A row goes left when its feature value (widened to double) is at or below the threshold.</summary>
    public ReadOnlySpan<double> Thresholds => _thresholds;

    public ReadOnlySpan<double> Impurities => _impurities;

    public ReadOnlySpan<int> SampleCounts => _sampleCounts;

    public ReadOnlySpan<double> WeightedSampleCounts => _weightedSampleCounts;

    /// <summary>
    /// Every node's value, node by node, then output by output: weighted class counts for a classifier, the mean
    /// (or for absolute error the median) for a regressor. Node n's values start at <c>n * OutputCount * ValueWidth</c>.
    /// </summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The values of one node: <see cref="OutputCount"/> × <see cref="ValueWidth"/> numbers.</summary>
    public ReadOnlySpan<double> NodeValue(int node) =>
        _values.AsSpan(node * OutputCount * ValueWidth, OutputCount * ValueWidth);

    public bool IsLeaf(int node) => _leftChildren[node] == Leaf;

    /// <summary>The leaf a row of <see cref="FeatureCount"/> features ends in.</summary>
    public int Apply(ReadOnlySpan<float> row)
    {
        var node = 0;
        while (_leftChildren[node] != Leaf)
        {
            node = row[_features[node]] <= _thresholds[node] ? _leftChildren[node] : _rightChildren[node];
        }

        return node;
    }
}
