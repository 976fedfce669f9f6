// Port of Splitter and BestSplitter in scikit-learn 1.2.1's sklearn/tree/_splitter.pyx; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// Finds the best split of a node over up to max_features randomly drawn features, remembering features found
/// constant so that descendants skip them.
/// </summary>
/// <remarks>
/// Everything that decides which tree grows is kept as scikit-learn 1.2.1 has it: the Fisher–Yates draw over
/// <c>features</c> with <see cref="SklearnRandom"/>, sorting <c>samples</c> in place for each drawn feature
/// (so tied samples keep the order earlier sorts left), the 1e-7 float tolerance for equal values, the
/// midpoint threshold in double, and the final partition loop that leaves the children's samples in the order
/// the next nodes start from.
/// </remarks>
internal sealed class BestSplitter
{
    // Feature values closer than this (in float) count as equal: no split between them.
    private const float FeatureThreshold = 1e-7f;

    private readonly SplitCriterion _criterion;
    private readonly FeatureColumns _x;
    private readonly int _maxFeatures;
    private readonly int _minSamplesLeaf;
    private readonly double _minWeightLeaf;
    private readonly int[] _features;
    private readonly int[] _constantFeatures;
    private readonly float[] _featureValues;
    private SklearnRandom _random;
    private int _start;
    private int _end;

    public BestSplitter(
        SplitCriterion criterion, FeatureColumns x, double[]? sampleWeights, int maxFeatures, int minSamplesLeaf,
        double minWeightLeaf, uint randomSeed)
    {
        _criterion = criterion;
        _x = x;
        _maxFeatures = maxFeatures;
        _minSamplesLeaf = minSamplesLeaf;
        _minWeightLeaf = minWeightLeaf;
        _random = new SklearnRandom(randomSeed);

        // Only positively weighted samples take part; the total weight counts them all.
        var samples = new int[x.Rows];
        var count = 0;
        var weighted = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            if (sampleWeights is null || sampleWeights[i] != 0.0)
            {
                samples[count++] = i;
            }

            weighted += sampleWeights is null ? 1.0 : sampleWeights[i];
        }

        Samples = samples;
        SampleCount = count;
        WeightedSampleCount = weighted;
        _features = new int[x.Columns];
        for (var f = 0; f < _features.Length; f++)
        {
            _features[f] = f;
        }

        _constantFeatures = new int[x.Columns];
        _featureValues = new float[x.Rows];
    }

    public int[] Samples { get; }

    public int SampleCount { get; }

    public double WeightedSampleCount { get; }

    /// <summary>Starts the node <c>Samples[start..end)</c> and returns its weighted sample count.</summary>
    public double ResetNode(int start, int end)
    {
        _start = start;
        _end = end;
        _criterion.Init(Samples, start, end, WeightedSampleCount);
        return _criterion.WeightedNodeSampleCount;
    }

    public double NodeImpurity() => _criterion.NodeImpurity();

    public void NodeValue(Span<double> destination) => _criterion.NodeValue(destination);

    /// <summary>
    /// The best split of the current node, or one at position <c>end</c> when there is none. The first
    /// <paramref name="constantFeatureCount"/> entries of the feature list are known constant on entry; on return
    /// the count includes the features found constant here.
    /// </summary>
    public SplitRecord SplitNode(double impurity, ref int constantFeatureCount)
    {
        var samples = Samples;
        var features = _features;
        var constantFeatures = _constantFeatures;
        var xf = _featureValues;
        int start = _start, end = _end;

        var best = SplitRecord.None(end);
        var current = default(SplitRecord);
        var bestProxy = double.NegativeInfinity;

        var fI = features.Length;
        var visited = 0;
        var foundConstants = 0;
        var drawnConstants = 0;
        var knownConstants = constantFeatureCount;
        var totalConstants = knownConstants;

        // features[..drawnConstants): drawn known constants; [drawnConstants..knownConstants): known constants
        // not drawn yet; [knownConstants..totalConstants): found constant here; [totalConstants..fI): not drawn
        // yet; [fI..): drawn and not constant.
        while (fI > totalConstants
               && (visited < _maxFeatures
                   // at least one drawn feature must be non-constant
                   || visited <= foundConstants + drawnConstants))
        {
            visited++;
            var fJ = _random.Next(drawnConstants, fI - foundConstants);
            if (fJ < knownConstants)
            {
                (features[drawnConstants], features[fJ]) = (features[fJ], features[drawnConstants]);
                drawnConstants++;
                continue;
            }

            fJ += foundConstants;
            current.Feature = features[fJ];
            var column = _x.Column(current.Feature);
            for (var i = start; i < end; i++)
            {
                xf[i] = column[samples[i]];
            }

            FeatureSort.Sort(xf.AsSpan(start, end - start), samples.AsSpan(start, end - start));

            if (xf[end - 1] <= xf[start] + FeatureThreshold)
            {
                (features[fJ], features[totalConstants]) = (features[totalConstants], features[fJ]);
                foundConstants++;
                totalConstants++;
                continue;
            }

            fI--;
            (features[fI], features[fJ]) = (features[fJ], features[fI]);

            _criterion.Reset();
            var p = start;
            while (p < end)
            {
                while (p + 1 < end && xf[p + 1] <= xf[p] + FeatureThreshold)
                {
                    p++;
                }

                // Now p + 1 is the end or the first value above xf[p].
                p++;
                if (p >= end)
                {
                    continue;
                }

                current.Pos = p;
                if (p - start < _minSamplesLeaf || end - p < _minSamplesLeaf)
                {
                    continue;
                }

                _criterion.Update(p);
                if (_criterion.WeightedLeftCount < _minWeightLeaf || _criterion.WeightedRightCount < _minWeightLeaf)
                {
                    continue;
                }

                var proxy = _criterion.ProxyImpurityImprovement();
                if (proxy > bestProxy)
                {
                    bestProxy = proxy;

                    // The sum of halves cannot overflow to infinity.
                    current.Threshold = xf[p - 1] / 2.0 + xf[p] / 2.0;
                    if (current.Threshold == xf[p]
                        || double.IsPositiveInfinity(current.Threshold)
                        || double.IsNegativeInfinity(current.Threshold))
                    {
                        current.Threshold = xf[p - 1];
                    }

                    best = current;
                }
            }
        }

        if (best.Pos < end)
        {
            // Partition samples[start..end) into best.Pos samples at or below the threshold and the rest,
            // swapping each value above it with the last unexamined sample.
            var column = _x.Column(best.Feature);
            var partitionEnd = end;
            var p = start;
            while (p < partitionEnd)
            {
                if (column[samples[p]] <= best.Threshold)
                {
                    p++;
                }
                else
                {
                    partitionEnd--;
                    (samples[p], samples[partitionEnd]) = (samples[partitionEnd], samples[p]);
                }
            }

            _criterion.Reset();
            _criterion.Update(best.Pos);
            _criterion.ChildrenImpurity(out best.ImpurityLeft, out best.ImpurityRight);
            best.Improvement = _criterion.ImpurityImprovement(impurity, best.ImpurityLeft, best.ImpurityRight);
        }

        // The known constants go back in their original order, for siblings and children; the new ones follow.
        Array.Copy(constantFeatures, features, knownConstants);
        Array.Copy(features, knownConstants, constantFeatures, knownConstants, foundConstants);

        constantFeatureCount = totalConstants;
        return best;
    }
}
