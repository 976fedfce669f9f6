// Port of _cost_complexity_prune, _AlphaPruner and _build_pruned_tree in scikit-learn 1.2.1's
// sklearn/tree/_tree.pyx; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// Minimal cost-complexity pruning: repeatedly collapses the branch with the smallest effective alpha
/// <c>(R(node) − R(branch)) / (leaves − 1)</c> while that alpha is at most ccp_alpha, where R is the
/// sample-weighted impurity as a fraction of the root's weight.
/// </summary>
internal static class CostComplexityPruning
{
    public static TreeStructure Prune(TreeStructure tree, double ccpAlpha)
    {
        var nodeCount = tree.NodeCount;
        var left = tree.LeftChildren;
        var right = tree.RightChildren;
        var weighted = tree.WeightedSampleCounts;
        var impurity = tree.Impurities;
        var totalWeight = weighted[0];

        var nodeRisk = new double[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            nodeRisk[i] = weighted[i] * impurity[i] / totalWeight;
        }

        // Parents and leaves, walking the tree from a stack as scikit-learn does.
        var parent = new int[nodeCount];
        var leavesInSubtree = new bool[nodeCount];
        var stack = new Stack<(int Node, int Parent)>();
        stack.Push((0, TreeStructure.Undefined));
        while (stack.Count > 0)
        {
            var (node, nodeParent) = stack.Pop();
            parent[node] = nodeParent;
            if (left[node] == TreeStructure.Leaf)
            {
                leavesInSubtree[node] = true;
            }
            else
            {
                stack.Push((left[node], node));
                stack.Push((right[node], node));
            }
        }

        // Leaves below each node, and the summed risk of those leaves.
        var leafCount = new int[nodeCount];
        var branchRisk = new double[nodeCount];
        for (var leaf = 0; leaf < nodeCount; leaf++)
        {
            if (!leavesInSubtree[leaf])
            {
                continue;
            }

            branchRisk[leaf] = nodeRisk[leaf];
            var risk = nodeRisk[leaf];
            var node = leaf;
            while (node != 0)
            {
                var up = parent[node];
                branchRisk[up] += risk;
                leafCount[up]++;
                node = up;
            }
        }

        var candidate = new bool[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            candidate[i] = !leavesInSubtree[i];
        }

        var inSubtree = new bool[nodeCount];
        Array.Fill(inSubtree, true);
        var pending = new Stack<int>();

        while (candidate[0])
        {
            var effectiveAlpha = double.MaxValue;
            var pruned = 0;
            for (var i = 0; i < nodeCount; i++)
            {
                if (!candidate[i])
                {
                    continue;
                }

                var alpha = (nodeRisk[i] - branchRisk[i]) / (leafCount[i] - 1);
                if (alpha < effectiveAlpha)
                {
                    effectiveAlpha = alpha;
                    pruned = i;
                }
            }

            if (ccpAlpha < effectiveAlpha)
            {
                break;
            }

            // The branch's descendants leave the subtree; the branch itself becomes a leaf.
            pending.Push(pruned);
            while (pending.Count > 0)
            {
                var node = pending.Pop();
                if (!inSubtree[node])
                {
                    continue;
                }

                candidate[node] = false;
                leavesInSubtree[node] = false;
                inSubtree[node] = false;
                if (left[node] != TreeStructure.Leaf)
                {
                    pending.Push(left[node]);
                    pending.Push(right[node]);
                }
            }

            leavesInSubtree[pruned] = true;
            inSubtree[pruned] = true;

            var prunedLeaves = leafCount[pruned] - 1;
            leafCount[pruned] = 0;
            var riskIncrease = nodeRisk[pruned] - branchRisk[pruned];
            branchRisk[pruned] = nodeRisk[pruned];
            for (var node = parent[pruned]; node != TreeStructure.Undefined; node = parent[node])
            {
                leafCount[node] -= prunedLeaves;
                branchRisk[node] += riskIncrease;
            }
        }

        return Rebuild(tree, leavesInSubtree);
    }

    // Copies the nodes that remain, in depth-first order with the left child first, turning the pruned branches
    // into leaves.
    private static TreeStructure Rebuild(TreeStructure tree, bool[] leavesInSubtree)
    {
        var nodes = new TreeNodeList(tree.FeatureCount, tree.OutputCount, tree.ValueWidth);
        var stack = new Stack<(int Node, int Depth, int Parent, bool IsLeft)>();
        stack.Push((0, 0, TreeStructure.Undefined, false));
        var maxDepthSeen = -1;
        while (stack.Count > 0)
        {
            var (node, depth, parent, isLeft) = stack.Pop();
            var isLeaf = leavesInSubtree[node];
            var id = nodes.Add(
                parent, isLeft, isLeaf, tree.Features[node], tree.Thresholds[node], tree.Impurities[node],
                tree.SampleCounts[node], tree.WeightedSampleCounts[node]);
            tree.NodeValue(node).CopyTo(nodes.Value(id));
            if (!isLeaf)
            {
                stack.Push((tree.RightChildren[node], depth + 1, id, false));
                stack.Push((tree.LeftChildren[node], depth + 1, id, true));
            }

            maxDepthSeen = Math.Max(maxDepthSeen, depth);
        }

        return nodes.ToStructure(maxDepthSeen);
    }
}
