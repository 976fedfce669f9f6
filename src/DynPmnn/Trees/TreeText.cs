// Port of export_text in scikit-learn 1.2.1's sklearn/tree/_export.py; BSD-3-Clause, see NOTICE.

using System.Globalization;
using System.Text;

namespace DynPmnn.Trees;

/// <summary>
/// A fitted tree as indented text rules, character for character as scikit-learn 1.2.1's
/// <c>sklearn.tree.export_text</c> writes them:
/// <code>
/// |--- petal width (cm) &lt;= 0.80
/// |   |--- class: 0
/// |--- petal width (cm) &gt;  0.80
/// </code>
/// </summary>
public static class TreeText
{
    /// <summary>The rules of a classifier; each leaf names the class with the largest weighted count.</summary>
    /// <param name="tree">The fitted classifier.</param>
    /// <param name="featureNames">One name per feature; null for <c>feature_0</c>, <c>feature_1</c>, ….</param>
    /// <param name="classNames">
    /// One name per class in <see cref="DecisionTreeClassifier.Classes"/> order; null prints the labels, as
    /// scikit-learn 1.2.1 does.
    /// </param>
    /// <param name="maxDepth">Deeper branches are summarised as "truncated branch of depth d".</param>
    /// <param name="spacing">Width of one indentation level.</param>
    /// <param name="decimals">Decimals of thresholds and weights.</param>
    /// <param name="showWeights">Whether leaves also list their weighted class counts.</param>
    public static string Export(
        DecisionTreeClassifier tree,
        IReadOnlyList<string>? featureNames = null,
        IReadOnlyList<string>? classNames = null,
        int maxDepth = 10,
        int spacing = 3,
        int decimals = 2,
        bool showWeights = false)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (classNames is not null && classNames.Count != tree.Classes.Count)
        {
            throw new ArgumentException(
                $"class names must contain {tree.Classes.Count} elements, got {classNames.Count}.", nameof(classNames));
        }

        string ClassName(int index) =>
            classNames?[index]
            // With a single class scikit-learn prints the index of the largest count, not the label.
            ?? (tree.Classes.Count == 1 ? "0" : tree.Classes[index].ToString(CultureInfo.InvariantCulture));

        string Leaf(ReadOnlySpan<double> counts)
        {
            var text = new StringBuilder(showWeights ? " weights: " + Numbers(counts, decimals) : "");
            return text.Append(" class: ").Append(ClassName(ArgMax(counts))).ToString();
        }

        return Export(tree.Tree, featureNames, maxDepth, spacing, decimals, Leaf);
    }

    /// <summary>The rules of a regressor; each leaf shows its value for every output.</summary>
    /// <param name="tree">The fitted regressor.</param>
    /// <param name="featureNames">One name per feature; null for <c>feature_0</c>, <c>feature_1</c>, ….</param>
    /// <param name="maxDepth">Deeper branches are summarised as "truncated branch of depth d".</param>
    /// <param name="spacing">Width of one indentation level.</param>
    /// <param name="decimals">Decimals of thresholds and values.</param>
    public static string Export(
        DecisionTreeRegressor tree,
        IReadOnlyList<string>? featureNames = null,
        int maxDepth = 10,
        int spacing = 3,
        int decimals = 2)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return Export(tree.Tree, featureNames, maxDepth, spacing, decimals, values => " value: " + Numbers(values, decimals));
    }

    private delegate string LeafText(ReadOnlySpan<double> value);

    private static string Export(
        TreeStructure tree, IReadOnlyList<string>? featureNames, int maxDepth, int spacing, int decimals, LeafText leaf)
    {
        if (featureNames is not null && featureNames.Count != tree.FeatureCount)
        {
            throw new ArgumentException(
                $"feature names must contain {tree.FeatureCount} elements, got {featureNames.Count}.", nameof(featureNames));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        ArgumentOutOfRangeException.ThrowIfLessThan(spacing, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);

        // An empty list of names counts as none, as Python's truth test of the list does.
        var names = featureNames is { Count: > 0 }
            ? featureNames
            : Enumerable.Range(0, tree.FeatureCount).Select(i => "feature_" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var report = new StringBuilder();

        void Recurse(int node, int depth)
        {
            var indent = Indent(depth, spacing);
            if (depth <= maxDepth + 1)
            {
                if (!tree.IsLeaf(node))
                {
                    var name = names[tree.Features[node]];
                    var threshold = PythonFixedFormat.Format(tree.Thresholds[node], decimals);
                    report.Append(indent).Append(' ').Append(name).Append(" <= ").Append(threshold).Append('\n');
                    Recurse(tree.LeftChildren[node], depth + 1);
                    report.Append(indent).Append(' ').Append(name).Append(" >  ").Append(threshold).Append('\n');
                    Recurse(tree.RightChildren[node], depth + 1);
                }
                else
                {
                    report.Append(indent).Append(leaf(tree.NodeValue(node))).Append('\n');
                }
            }
            else
            {
                var subtreeDepth = SubtreeDepth(tree, node);
                if (subtreeDepth == 1)
                {
                    report.Append(indent).Append(leaf(tree.NodeValue(node))).Append('\n');
                }
                else
                {
                    report.Append(indent).Append(" truncated branch of depth ")
                        .Append(subtreeDepth.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        Recurse(0, 1);
        return report.ToString();
    }

    // ("|" + spacing blanks) per level, the last level's blanks turned into dashes: "|   |---".
    private static string Indent(int depth, int spacing)
    {
        var indent = string.Concat(Enumerable.Repeat("|" + new string(' ', spacing), depth));
        return indent[..^spacing] + new string('-', spacing);
    }

    // Nodes on the longest path down from node, node included (a leaf has depth 1).
    private static int SubtreeDepth(TreeStructure tree, int node) =>
        tree.IsLeaf(node)
            ? 1
            : 1 + Math.Max(SubtreeDepth(tree, tree.LeftChildren[node]), SubtreeDepth(tree, tree.RightChildren[node]));

    private static string Numbers(ReadOnlySpan<double> values, int decimals)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < values.Length; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(PythonFixedFormat.Format(values[i], decimals));
        }

        return text.Append(']').ToString();
    }

    private static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
