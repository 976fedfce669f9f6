// Port of DepthFirstTreeBuilder in scikit-learn 1.2.1's sklearn/tree/_tree.pyx; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>Grows a tree depth first, left subtree before right, as scikit-learn's default builder does.</summary>
internal static class DepthFirstTreeBuilder
{
    // numpy's finfo(float64).eps (not double.Epsilon, the smallest subnormal): impurities at or below it count as
    // zero, as in scikit-learn.
    private const double Epsilon = 2.220446049250313e-16;

    private readonly record struct PendingNode(
        int Start, int End, int Depth, int Parent, bool IsLeft, double Impurity, int ConstantFeatureCount);

    public static TreeStructure Build(
        BestSplitter splitter, int featureCount, int outputCount, int valueWidth, int maxDepth, int minSamplesSplit,
        int minSamplesLeaf, double minWeightLeaf, double minImpurityDecrease)
    {
        var nodes = new TreeNodeList(featureCount, outputCount, valueWidth);
        var stack = new Stack<PendingNode>();
        stack.Push(new PendingNode(0, splitter.SampleCount, 0, TreeStructure.Undefined, false, double.PositiveInfinity, 0));
        var first = true;
        var maxDepthSeen = -1;
        var split = default(SplitRecord);

        while (stack.Count > 0)
        {
            var (start, end, depth, parent, isLeft, impurity, constantFeatureCount) = stack.Pop();
            var sampleCount = end - start;
            var weightedSampleCount = splitter.ResetNode(start, end);

            var isLeaf = depth >= maxDepth
                         || sampleCount < minSamplesSplit
                         || sampleCount < 2 * minSamplesLeaf
                         || weightedSampleCount < 2 * minWeightLeaf;

            if (first)
            {
                impurity = splitter.NodeImpurity();
                first = false;
            }

            isLeaf = isLeaf || impurity <= Epsilon;

            if (!isLeaf)
            {
                split = splitter.SplitNode(impurity, ref constantFeatureCount);
                // A tolerance of EPSILON, not 0: without it float rounding stops splits scikit-learn 0.18 made.
                isLeaf = split.Pos >= end || split.Improvement + Epsilon < minImpurityDecrease;
            }

            var id = nodes.Add(parent, isLeft, isLeaf, split.Feature, split.Threshold, impurity, sampleCount, weightedSampleCount);
            splitter.NodeValue(nodes.Value(id));

            if (!isLeaf)
            {
                // Right pushed first so the left child is built (and numbered) first.
                stack.Push(new PendingNode(split.Pos, end, depth + 1, id, false, split.ImpurityRight, constantFeatureCount));
                stack.Push(new PendingNode(start, split.Pos, depth + 1, id, true, split.ImpurityLeft, constantFeatureCount));
            }

            maxDepthSeen = Math.Max(maxDepthSeen, depth);
        }

        return nodes.ToStructure(maxDepthSeen);
    }
}
