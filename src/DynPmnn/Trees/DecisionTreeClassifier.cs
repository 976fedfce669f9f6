// Fitting follows DecisionTreeClassifier.fit and predict_proba in scikit-learn 1.2.1's sklearn/tree/_classes.py;
// BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// A classification tree that grows exactly the tree scikit-learn 1.2.1's <c>DecisionTreeClassifier</c> grows
/// for the same float32 data, options and integer <c>random_state</c> (depth-first builder, best splitter).
/// </summary>
public sealed class DecisionTreeClassifier
{
    private readonly int[] _classes;

    private DecisionTreeClassifier(DecisionTreeClassifierOptions options, TreeStructure tree, int[] classes)
    {
        Options = options;
        Tree = tree;
        _classes = classes;
    }

    public DecisionTreeClassifierOptions Options { get; }

    /// <summary>The fitted nodes; leaf values are weighted class counts (class weights included).</summary>
    public TreeStructure Tree { get; }

    /// <summary>The distinct training labels in increasing order; probability column j belongs to class <c>Classes[j]</c>.</summary>
    public IReadOnlyList<int> Classes => _classes;

    public int FeatureCount => Tree.FeatureCount;

    public int Depth => Tree.Depth;

    public int LeafCount => Tree.LeafCount;

    public int NodeCount => Tree.NodeCount;

    /// <summary>Grows (and, for a positive ccp_alpha, prunes) a tree on <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public static DecisionTreeClassifier Fit(ClassificationData data, DecisionTreeClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(new FeatureColumns(data.Features, data.Columns), data.Labels, options);
    }

    internal static DecisionTreeClassifier Fit(FeatureColumns x, int[] labels, DecisionTreeClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // np.unique: the classes in increasing order, and each sample's index among them.
        var classes = labels.Distinct().Order().ToArray();
        var classIndices = new int[labels.Length];
        var classCounts = new int[classes.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            classIndices[i] = Array.BinarySearch(classes, labels[i]);
            classCounts[classIndices[i]]++;
        }

        var sampleWeights = options.ClassWeight switch
        {
            ClassWeight.None => null,
            ClassWeight.Balanced => BalancedWeights(classIndices, classCounts),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.ClassWeight, "Unknown class weight."),
        };

        SplitCriterion criterion = options.Criterion switch
        {
            ClassificationCriterion.Gini => new GiniCriterion(classIndices, classes.Length, sampleWeights),
            ClassificationCriterion.Entropy => new EntropyCriterion(classIndices, classes.Length, sampleWeights),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Criterion, "Unknown classification criterion."),
        };

        var tree = TreeGrowth.Grow(x, criterion, sampleWeights, outputCount: 1, options);
        return new DecisionTreeClassifier(options, tree, classes);
    }

    /// <summary>The predicted label of each row: the class with the largest weighted count in its leaf (the first on a tie).</summary>
    /// <param name="features">Row-major rows of <see cref="FeatureCount"/> features.</param>
    public int[] Predict(ReadOnlySpan<float> features)
    {
        var rows = TreeDataChecks.CheckRows(features, FeatureCount, nameof(features));
        var predictions = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            var counts = Tree.NodeValue(Tree.Apply(features.Slice(r * FeatureCount, FeatureCount)));
            var best = 0;
            for (var c = 1; c < counts.Length; c++)
            {
                if (counts[c] > counts[best])
                {
                    best = c;
                }
            }

            predictions[r] = _classes[best];
        }

        return predictions;
    }

    /// <summary>
    /// Class probabilities, row-major (<c>rows × Classes.Count</c>): the weighted class fractions of each row's
    /// leaf, as scikit-learn's <c>predict_proba</c>.
    /// </summary>
    public double[] PredictProbability(ReadOnlySpan<float> features)
    {
        var rows = TreeDataChecks.CheckRows(features, FeatureCount, nameof(features));
        var width = _classes.Length;
        var probabilities = new double[rows * width];
        for (var r = 0; r < rows; r++)
        {
            var counts = Tree.NodeValue(Tree.Apply(features.Slice(r * FeatureCount, FeatureCount)));
            var total = 0.0;
            foreach (var count in counts)
            {
                total += count;
            }

            if (total == 0.0)
            {
                total = 1.0;
            }

            for (var c = 0; c < width; c++)
            {
                probabilities[r * width + c] = counts[c] / total;
            }
        }

        return probabilities;
    }

    // compute_class_weight("balanced"): n / (classes × count of the class), in double.
    private static double[] BalancedWeights(int[] classIndices, int[] classCounts)
    {
        var n = (double)classIndices.Length;
        var perClass = classCounts.Select(count => n / ((double)classCounts.Length * count)).ToArray();
        return classIndices.Select(c => perClass[c]).ToArray();
    }
}
