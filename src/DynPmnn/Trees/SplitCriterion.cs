// Port of the Criterion base class of scikit-learn 1.2.1's sklearn/tree/_criterion.pyx; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// The impurity of a node and of the two sides of a candidate split, kept as running sums while the split
/// position moves through a node's sorted samples.
/// </summary>
/// <remarks>
/// <c>Samples[Start..Pos)</c> is the left side and <c>Samples[Pos..End)</c> the right. Every method keeps
/// scikit-learn's order of floating-point operations (including which end <see cref="Update"/> counts from),
/// because the split search compares these numbers with strict inequalities: one rounding apart picks another
/// split.
/// </remarks>
internal abstract class SplitCriterion
{
    protected int[] Samples = [];

    /// <summary>Per-sample weights, or <see langword="null"/> when every sample weighs 1.</summary>
    protected double[]? SampleWeights;

    public int Start { get; protected set; }

    public int Pos { get; protected set; }

    public int End { get; protected set; }

    /// <summary>Total weight of all training samples (the root's weight).</summary>
    public double WeightedSampleCount { get; protected set; }

    public double WeightedNodeSampleCount { get; protected set; }

    public double WeightedLeftCount { get; protected set; }

    public double WeightedRightCount { get; protected set; }

    /// <summary>Numbers per output in a node's value: the class count, or 1 for regression.</summary>
    public abstract int ValueWidth { get; }

    /// <summary>Starts a node made of <c>samples[start..end)</c> and resets the split position to <c>start</c>.</summary>
    public abstract void Init(int[] samples, int start, int end, double weightedSampleCount);

    /// <summary>Moves the split position back to <see cref="Start"/> (everything on the right).</summary>
    public abstract void Reset();

    /// <summary>Moves the split position to <see cref="End"/> (everything on the left).</summary>
    public abstract void ReverseReset();

    /// <summary>
    /// Moves the split position to <paramref name="newPos"/> (at or after the current one), adding samples
    /// from the current position or, when fewer remain, removing them from the end.
    /// </summary>
    public abstract void Update(int newPos);

    public abstract double NodeImpurity();

    public abstract void ChildrenImpurity(out double left, out double right);

    /// <summary>Writes the node's prediction (class weights per output, or the mean or median per output).</summary>
    public abstract void NodeValue(Span<double> destination);

    /// <summary>
    /// A quantity that orders candidate splits of one node as the impurity improvement does, cheaper to compute.
    /// </summary>
    public virtual double ProxyImpurityImprovement()
    {
        ChildrenImpurity(out var left, out var right);
        return -WeightedRightCount * right - WeightedLeftCount * left;
    }

    /// <summary>The weighted impurity decrease of the split at the current position.</summary>
    public virtual double ImpurityImprovement(double parentImpurity, double leftImpurity, double rightImpurity) =>
        WeightedNodeSampleCount / WeightedSampleCount
        * (parentImpurity
           - WeightedRightCount / WeightedNodeSampleCount * rightImpurity
           - WeightedLeftCount / WeightedNodeSampleCount * leftImpurity);

    protected void StartNode(int[] samples, int start, int end, double weightedSampleCount)
    {
        Samples = samples;
        Start = start;
        End = end;
        WeightedSampleCount = weightedSampleCount;
        WeightedNodeSampleCount = 0.0;
    }

    protected void SetPosition(int pos, double weightedLeft)
    {
        Pos = pos;
        WeightedLeftCount = weightedLeft;
        WeightedRightCount = WeightedNodeSampleCount - weightedLeft;
    }

    protected void SetCounts(double weightedLeft, double weightedRight)
    {
        WeightedLeftCount = weightedLeft;
        WeightedRightCount = weightedRight;
    }

    protected double Weight(int sample) => SampleWeights is null ? 1.0 : SampleWeights[sample];
}
