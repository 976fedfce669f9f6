// Follows BaseDecisionTree.fit and _prune_tree in scikit-learn 1.2.1's sklearn/tree/_classes.py; BSD-3-Clause,
// see NOTICE.

using DynPmnn.Data;

namespace DynPmnn.Trees;

/// <summary>What classification and regression trees share in fitting: parameters, seeding, growing, pruning.</summary>
internal static class TreeGrowth
{
    public static TreeStructure Grow(
        FeatureColumns x, SplitCriterion criterion, double[]? sampleWeights, int outputCount, DecisionTreeOptions options)
    {
        var maxFeatures = options.MaxFeatures.Resolve(x.Columns);

        // scikit-learn's defaults: no depth limit is int32's maximum; a split needs room for two leaves.
        var maxDepth = options.MaxDepth ?? int.MaxValue;
        var minSamplesSplit = Math.Max(options.MinSamplesSplit, 2 * options.MinSamplesLeaf);

        // min_weight_fraction_leaf is 0, so no leaf weight limit; min_impurity_decrease is 0 too.
        const double minWeightLeaf = 0.0;
        const double minImpurityDecrease = 0.0;

        // The splitter's own generator is seeded by one draw from RandomState(random_state).
        var seed = (uint)new NumpyRandomState(options.RandomState).RandomInteger(0, SklearnRandom.MaxValue);

        var splitter = new BestSplitter(criterion, x, sampleWeights, maxFeatures, options.MinSamplesLeaf, minWeightLeaf, seed);
        var tree = DepthFirstTreeBuilder.Build(
            splitter, x.Columns, outputCount, criterion.ValueWidth, maxDepth, minSamplesSplit, options.MinSamplesLeaf,
            minWeightLeaf, minImpurityDecrease);

        return options.CcpAlpha == 0.0 ? tree : CostComplexityPruning.Prune(tree, options.CcpAlpha);
    }
}
