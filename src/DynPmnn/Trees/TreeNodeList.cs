namespace DynPmnn.Trees;

/// <summary>The growing node arrays of a tree under construction (scikit-learn's <c>Tree._add_node</c>).</summary>
internal sealed class TreeNodeList(int featureCount, int outputCount, int valueWidth)
{
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<int> _features = [];
    private readonly List<double> _thresholds = [];
    private readonly List<double> _impurities = [];
    private readonly List<int> _sampleCounts = [];
    private readonly List<double> _weightedSampleCounts = [];
    private readonly List<double> _values = [];

    public int Count => _left.Count;

    public int ValueStride { get; } = outputCount * valueWidth;

    /// <summary>Adds a node, links it from its parent, and returns its index; its value is set next.</summary>
    public int Add(
        int parent, bool isLeft, bool isLeaf, int feature, double threshold, double impurity, int sampleCount,
        double weightedSampleCount)
    {
        var id = _left.Count;
        if (parent != TreeStructure.Undefined)
        {
            if (isLeft)
            {
                _left[parent] = id;
            }
            else
            {
                _right[parent] = id;
            }
        }

        // A split node's children are set when they are added.
        _left.Add(TreeStructure.Leaf);
        _right.Add(TreeStructure.Leaf);
        _features.Add(isLeaf ? TreeStructure.Undefined : feature);
        _thresholds.Add(isLeaf ? TreeStructure.Undefined : threshold);
        _impurities.Add(impurity);
        _sampleCounts.Add(sampleCount);
        _weightedSampleCounts.Add(weightedSampleCount);
        for (var i = 0; i < ValueStride; i++)
        {
            _values.Add(0.0);
        }

        return id;
    }

    public Span<double> Value(int node) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_values).Slice(node * ValueStride, ValueStride);

    public TreeStructure ToStructure(int depth) => new(
        featureCount, outputCount, valueWidth, depth, [.. _left], [.. _right], [.. _features], [.. _thresholds],
        [.. _impurities], [.. _sampleCounts], [.. _weightedSampleCounts], [.. _values]);
}
