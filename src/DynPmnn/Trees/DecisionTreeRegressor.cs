// Fitting follows DecisionTreeRegressor.fit in scikit-learn 1.2.1's sklearn/tree/_classes.py; BSD-3-Clause,
// see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// A regression tree (one or more outputs) that grows exactly the tree scikit-learn 1.2.1's
/// <c>DecisionTreeRegressor</c> grows for the same float32 features, targets, options and integer
/// <c>random_state</c>.
/// </summary>
public sealed class DecisionTreeRegressor
{
    private DecisionTreeRegressor(DecisionTreeRegressorOptions options, TreeStructure tree)
    {
        Options = options;
        Tree = tree;
    }

    public DecisionTreeRegressorOptions Options { get; }

    /// <summary>The fitted nodes; a node's value is its mean per output (median for absolute error).</summary>
    public TreeStructure Tree { get; }

    public int FeatureCount => Tree.FeatureCount;

    public int OutputCount => Tree.OutputCount;

    public int Depth => Tree.Depth;

    public int LeafCount => Tree.LeafCount;

    public int NodeCount => Tree.NodeCount;

    /// <summary>Grows (and, for a positive ccp_alpha, prunes) a tree on <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public static DecisionTreeRegressor Fit(RegressionData data, DecisionTreeRegressorOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(new FeatureColumns(data.Features, data.Columns), data.Targets, data.Outputs, options);
    }

    internal static DecisionTreeRegressor Fit(FeatureColumns x, double[] targets, int outputs, DecisionTreeRegressorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        SplitCriterion criterion = options.Criterion switch
        {
            RegressionCriterion.SquaredError => new SquaredErrorCriterion(targets, outputs, sampleWeights: null),
            RegressionCriterion.FriedmanMse => new FriedmanMseCriterion(targets, outputs, sampleWeights: null),
            RegressionCriterion.AbsoluteError => new AbsoluteErrorCriterion(targets, outputs, x.Rows),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Criterion, "Unknown regression criterion."),
        };

        var tree = TreeGrowth.Grow(x, criterion, sampleWeights: null, outputs, options);
        return new DecisionTreeRegressor(options, tree);
    }

    /// <summary>The value of each row's leaf, row-major (<c>rows × OutputCount</c>).</summary>
    /// <param name="features">Row-major rows of <see cref="FeatureCount"/> features.</param>
    public double[] Predict(ReadOnlySpan<float> features)
    {
        var rows = TreeDataChecks.CheckRows(features, FeatureCount, nameof(features));
        var outputs = OutputCount;
        var predictions = new double[rows * outputs];
        for (var r = 0; r < rows; r++)
        {
            Tree.NodeValue(Tree.Apply(features.Slice(r * FeatureCount, FeatureCount)))
                .CopyTo(predictions.AsSpan(r * outputs, outputs));
        }

        return predictions;
    }
}
