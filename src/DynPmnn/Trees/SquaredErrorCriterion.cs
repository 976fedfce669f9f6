// Port of MSE in scikit-learn 1.2.1's sklearn/tree/_criterion.pyx; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>Mean squared error around the mean, averaged over outputs (criterion "squared_error").</summary>
internal class SquaredErrorCriterion(double[] targets, int outputCount, double[]? sampleWeights)
    : RegressionSumsCriterion(targets, outputCount, sampleWeights)
{
    public override double NodeImpurity()
    {
        var impurity = SquaredSumTotal / WeightedNodeSampleCount;
        for (var k = 0; k < OutputCount; k++)
        {
            var mean = SumTotal[k] / WeightedNodeSampleCount;
            impurity -= mean * mean;
        }

        return impurity / OutputCount;
    }

    public override void ChildrenImpurity(out double left, out double right)
    {
        // The left sum of squares is summed afresh over the left samples; the right one is what remains.
        var squaresLeft = 0.0;
        for (var p = Start; p < Pos; p++)
        {
            var i = Samples[p];
            var w = Weight(i);
            for (var k = 0; k < OutputCount; k++)
            {
                var y = Targets[i * OutputCount + k];
                squaresLeft += w * y * y;
            }
        }

        var squaresRight = SquaredSumTotal - squaresLeft;
        left = squaresLeft / WeightedLeftCount;
        right = squaresRight / WeightedRightCount;
        for (var k = 0; k < OutputCount; k++)
        {
            var meanLeft = SumLeft[k] / WeightedLeftCount;
            left -= meanLeft * meanLeft;
            var meanRight = SumRight[k] / WeightedRightCount;
            right -= meanRight * meanRight;
        }

        left /= OutputCount;
        right /= OutputCount;
    }

    /// <summary>
    /// <c>Σ_k sum_left_k² / w_left + Σ_k sum_right_k² / w_right</c>: the improvement without the terms every split
    /// of the node shares.
    /// </summary>
    public override double ProxyImpurityImprovement()
    {
        var left = 0.0;
        var right = 0.0;
        for (var k = 0; k < OutputCount; k++)
        {
            left += SumLeft[k] * SumLeft[k];
            right += SumRight[k] * SumRight[k];
        }

        return left / WeightedLeftCount + right / WeightedRightCount;
    }
}
