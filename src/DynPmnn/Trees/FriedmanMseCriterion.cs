// Port of FriedmanMSE in scikit-learn 1.2.1's sklearn/tree/_criterion.pyx; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// Squared error with Friedman's improvement score <c>w_l w_r (mean_l − mean_r)² / (w_l + w_r)</c>
/// (criterion "friedman_mse"); node impurities are those of <see cref="SquaredErrorCriterion"/>.
/// </summary>
internal sealed class FriedmanMseCriterion(double[] targets, int outputCount, double[]? sampleWeights)
    : SquaredErrorCriterion(targets, outputCount, sampleWeights)
{
    public override double ProxyImpurityImprovement()
    {
        var diff = SideDifference();
        return diff * diff / (WeightedLeftCount * WeightedRightCount);
    }

    public override double ImpurityImprovement(double parentImpurity, double leftImpurity, double rightImpurity)
    {
        // Friedman's score ignores the impurities it is given.
        var diff = SideDifference() / OutputCount;
        return diff * diff / (WeightedLeftCount * WeightedRightCount * WeightedNodeSampleCount);
    }

    private double SideDifference()
    {
        var totalLeft = 0.0;
        var totalRight = 0.0;
        for (var k = 0; k < OutputCount; k++)
        {
            totalLeft += SumLeft[k];
            totalRight += SumRight[k];
        }

        return WeightedRightCount * totalLeft - WeightedLeftCount * totalRight;
    }
}
