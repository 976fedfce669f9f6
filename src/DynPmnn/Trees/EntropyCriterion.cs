// Port of Entropy in scikit-learn 1.2.1's sklearn/tree/_criterion.pyx; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>Cross-entropy <c>−Σ p_c log2 p_c</c> of the weighted class fractions.</summary>
internal sealed class EntropyCriterion(int[] classIndices, int classCount, double[]? sampleWeights)
    : ClassCountCriterion(classIndices, classCount, sampleWeights)
{
    // scikit-learn's log2 is ln(x) / ln(2) (sklearn/tree/_utils.pyx), which is not always Math.Log2's result.
    private static readonly double Ln2 = Math.Log(2.0);

    public override double NodeImpurity() => Entropy(SumTotal, WeightedNodeSampleCount);

    public override void ChildrenImpurity(out double left, out double right)
    {
        left = Entropy(SumLeft, WeightedLeftCount);
        right = Entropy(SumRight, WeightedRightCount);
    }

    private static double Entropy(double[] counts, double weight)
    {
        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0.0)
            {
                var fraction = count / weight;
                entropy -= fraction * (Math.Log(fraction) / Ln2);
            }
        }

        return entropy;
    }
}
