using System.Diagnostics;

namespace DynPmnn.Trees;

/// <summary>
/// The authors' decision-tree baseline: every configuration of a fixed grid is fitted to the training rows with
/// random_state 42 and scored on the validation rows, and one is selected by validation score, then by the
/// simplest tree.
/// </summary>
/// <remarks>
/// The configurations are fitted in parallel; each fit depends only on its configuration and the selection runs
/// afterwards in grid order, so the result does not depend on the number of threads.
/// </remarks>
public static class DecisionTreeGrid
{
    /// <summary>The authors' <c>random_state</c> for every tree of the grid.</summary>
    public const uint RandomState = 42;

    private static readonly int?[] MaxDepths = [null, 2, 3, 4, 5, 10];
    private static readonly int[] MinSamplesSplits = [2, 5, 10];
    private static readonly int[] MinSamplesLeaves = [1, 2, 5, 10];
    private static readonly MaxFeatures[] MaxFeatureRules = [MaxFeatures.All, MaxFeatures.Sqrt, MaxFeatures.Log2];
    private static readonly double[] CcpAlphas = [0.0, 0.001, 0.01];

    /// <summary>
    /// criterion [gini, entropy] × max_depth [None, 2, 3, 4, 5, 10] × min_samples_split [2, 5, 10] ×
    /// min_samples_leaf [1, 2, 5, 10] × max_features [None, sqrt, log2] × class_weight [None, balanced] ×
    /// ccp_alpha [0, 0.001, 0.01]: 2,592 configurations in itertools.product order (the last varies fastest).
    /// </summary>
    public static IReadOnlyList<DecisionTreeClassifierOptions> ClassifierConfigurations { get; } =
    [
        .. from criterion in new[] { ClassificationCriterion.Gini, ClassificationCriterion.Entropy }
           from maxDepth in MaxDepths
           from minSamplesSplit in MinSamplesSplits
           from minSamplesLeaf in MinSamplesLeaves
           from maxFeatures in MaxFeatureRules
           from classWeight in new[] { ClassWeight.None, ClassWeight.Balanced }
           from ccpAlpha in CcpAlphas
           select new DecisionTreeClassifierOptions
           {
               Criterion = criterion,
               MaxDepth = maxDepth,
               MinSamplesSplit = minSamplesSplit,
               MinSamplesLeaf = minSamplesLeaf,
               MaxFeatures = maxFeatures,
               ClassWeight = classWeight,
               CcpAlpha = ccpAlpha,
               RandomState = RandomState,
           },
    ];

    /// <summary>
    /// criterion [squared_error, friedman_mse, absolute_error] × the classifier grid's max_depth, min_samples_split,
    /// min_samples_leaf, max_features and ccp_alpha (no class weight): 1,944 configurations in product order.
    /// </summary>
    public static IReadOnlyList<DecisionTreeRegressorOptions> RegressorConfigurations { get; } =
    [
        .. from criterion in new[] { RegressionCriterion.SquaredError, RegressionCriterion.FriedmanMse, RegressionCriterion.AbsoluteError }
           from maxDepth in MaxDepths
           from minSamplesSplit in MinSamplesSplits
           from minSamplesLeaf in MinSamplesLeaves
           from maxFeatures in MaxFeatureRules
           from ccpAlpha in CcpAlphas
           select new DecisionTreeRegressorOptions
           {
               Criterion = criterion,
               MaxDepth = maxDepth,
               MinSamplesSplit = minSamplesSplit,
               MinSamplesLeaf = minSamplesLeaf,
               MaxFeatures = maxFeatures,
               CcpAlpha = ccpAlpha,
               RandomState = RandomState,
           },
    ];

    /// <summary>
    /// Fits every configuration (by default <see cref="ClassifierConfigurations"/>) to <paramref name="train"/>
    /// and selects by validation accuracy, then F1 (of label 1 for two classes, macro otherwise), then depth,
    /// then leaf count.
    /// </summary>
    /// <param name="train">The rows every tree is fitted to.</param>
    /// <param name="valid">The rows the trees are ranked on.</param>
    /// <param name="configurations">The configurations to fit, in grid order; null for the authors' grid.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for as many as the machine has.</param>
    public static DecisionTreeGridResult<ClassifierGridEntry, DecisionTreeClassifier> SearchClassifiers(
        ClassificationData train,
        ClassificationData valid,
        IReadOnlyList<DecisionTreeClassifierOptions>? configurations = null,
        int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(valid);
        CheckColumns(train.Columns, valid.Columns);
        configurations ??= ClassifierConfigurations;
        var x = new FeatureColumns(train.Features, train.Columns);
        var stopwatch = Stopwatch.StartNew();
        var entries = Run(configurations, maxDegreeOfParallelism, (index, options) =>
        {
            var model = DecisionTreeClassifier.Fit(x, train.Labels, options);
            var predicted = model.Predict(valid.Features);
            var (_, _, f1) = TreeMetrics.PrecisionRecallF1(valid.Labels, predicted, binary: model.Classes.Count == 2);
            return new ClassifierGridEntry(
                index, options, model.NodeCount, model.Depth, model.LeafCount, TreeMetrics.Accuracy(valid.Labels, predicted), f1);
        });
        var best = Select(entries, static (candidate, best) => candidate.IsBetterThan(best));
        stopwatch.Stop();
        return new(entries, best, DecisionTreeClassifier.Fit(x, train.Labels, best.Options), stopwatch.Elapsed);
    }

    /// <summary>
    /// Fits every configuration (by default <see cref="RegressorConfigurations"/>) to <paramref name="train"/> and
    /// selects by validation MSE, then MAE (both averaged over outputs), then depth, then leaf count.
    /// </summary>
    /// <param name="train">The rows every tree is fitted to.</param>
    /// <param name="valid">The rows the trees are ranked on.</param>
    /// <param name="configurations">The configurations to fit, in grid order; null for the authors' grid.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for as many as the machine has.</param>
    public static DecisionTreeGridResult<RegressorGridEntry, DecisionTreeRegressor> SearchRegressors(
        RegressionData train,
        RegressionData valid,
        IReadOnlyList<DecisionTreeRegressorOptions>? configurations = null,
        int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(valid);
        CheckColumns(train.Columns, valid.Columns);
        if (train.Outputs != valid.Outputs)
        {
            throw new ArgumentException(
                $"The training rows have {train.Outputs} outputs, the validation rows {valid.Outputs}.", nameof(valid));
        }

        configurations ??= RegressorConfigurations;
        var x = new FeatureColumns(train.Features, train.Columns);
        var stopwatch = Stopwatch.StartNew();
        var entries = Run(configurations, maxDegreeOfParallelism, (index, options) =>
        {
            var model = DecisionTreeRegressor.Fit(x, train.Targets, train.Outputs, options);
            var predicted = model.Predict(valid.Features);
            return new RegressorGridEntry(
                index, options, model.NodeCount, model.Depth, model.LeafCount,
                TreeMetrics.MeanSquaredError(valid.Targets, predicted, valid.Outputs),
                TreeMetrics.MeanAbsoluteError(valid.Targets, predicted, valid.Outputs));
        });
        var best = Select(entries, static (candidate, best) => candidate.IsBetterThan(best));
        stopwatch.Stop();
        return new(entries, best, DecisionTreeRegressor.Fit(x, train.Targets, train.Outputs, best.Options), stopwatch.Elapsed);
    }

    private static TEntry[] Run<TOptions, TEntry>(
        IReadOnlyList<TOptions> configurations, int maxDegreeOfParallelism, Func<int, TOptions, TEntry> evaluate)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        if (configurations.Count == 0)
        {
            throw new ArgumentException("A grid search needs at least one configuration.", nameof(configurations));
        }

        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use a positive thread count, or -1 for all cores.");
        }

        var entries = new TEntry[configurations.Count];
        Parallel.For(
            0,
            entries.Length,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            i => entries[i] = evaluate(i, configurations[i]));
        return entries;
    }

    private static TEntry Select<TEntry>(TEntry[] entries, Func<TEntry, TEntry, bool> isBetter)
    {
        var best = entries[0];
        for (var i = 1; i < entries.Length; i++)
        {
            if (isBetter(entries[i], best))
            {
                best = entries[i];
            }
        }

        return best;
    }

    private static void CheckColumns(int train, int valid)
    {
        if (train != valid)
        {
            throw new ArgumentException($"The training rows have {train} features, the validation rows {valid}.", "valid");
        }
    }
}
