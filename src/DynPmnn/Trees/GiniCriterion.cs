// Port of Gini in scikit-learn 1.2.1's sklearn/tree/_criterion.pyx; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>Gini impurity <c>1 − Σ p_c²</c> of the weighted class fractions.</summary>
internal sealed class GiniCriterion(int[] classIndices, int classCount, double[]? sampleWeights)
    : ClassCountCriterion(classIndices, classCount, sampleWeights)
{
    public override double NodeImpurity() => Gini(SumTotal, WeightedNodeSampleCount);

    public override void ChildrenImpurity(out double left, out double right)
    {
        left = Gini(SumLeft, WeightedLeftCount);
        right = Gini(SumRight, WeightedRightCount);
    }

    private static double Gini(double[] counts, double weight)
    {
        var squares = 0.0;
        foreach (var count in counts)
        {
            squares += count * count;
        }

        return 1.0 - squares / (weight * weight);
    }
}
