// Port of RegressionCriterion in scikit-learn 1.2.1's sklearn/tree/_criterion.pyx; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// The running state of the squared-error criteria: per output, the weighted sum of the targets in the node and
/// on each side, and the node's weighted sum of squares.
/// </summary>
internal abstract class RegressionSumsCriterion : SplitCriterion
{
    protected RegressionSumsCriterion(double[] targets, int outputCount, double[]? sampleWeights)
    {
        Targets = targets;
        OutputCount = outputCount;
        SampleWeights = sampleWeights;
        SumTotal = new double[outputCount];
        SumLeft = new double[outputCount];
        SumRight = new double[outputCount];
    }

    /// <summary>Row-major targets: output k of sample i at <c>i * OutputCount + k</c>.</summary>
    protected double[] Targets { get; }

    protected int OutputCount { get; }

    protected double SquaredSumTotal { get; private set; }

    protected double[] SumTotal { get; }

    protected double[] SumLeft { get; }

    protected double[] SumRight { get; }

    public override int ValueWidth => 1;

    public override void Init(int[] samples, int start, int end, double weightedSampleCount)
    {
        StartNode(samples, start, end, weightedSampleCount);
        Array.Clear(SumTotal);
        var squares = 0.0;
        var weighted = 0.0;
        for (var p = start; p < end; p++)
        {
            var i = samples[p];
            var w = Weight(i);
            for (var k = 0; k < OutputCount; k++)
            {
                var y = Targets[i * OutputCount + k];
                var wy = w * y;
                SumTotal[k] += wy;
                squares += wy * y;
            }

            weighted += w;
        }

        SquaredSumTotal = squares;
        WeightedNodeSampleCount = weighted;
        Reset();
    }

    public override void Reset()
    {
        Pos = Start;
        SetCounts(0.0, WeightedNodeSampleCount);
        Array.Clear(SumLeft);
        SumTotal.CopyTo(SumRight, 0);
    }

    public override void ReverseReset()
    {
        Pos = End;
        SetCounts(WeightedNodeSampleCount, 0.0);
        Array.Clear(SumRight);
        SumTotal.CopyTo(SumLeft, 0);
    }

    public override void Update(int newPos)
    {
        var weightedLeft = WeightedLeftCount;
        if (newPos - Pos <= End - newPos)
        {
            for (var p = Pos; p < newPos; p++)
            {
                var i = Samples[p];
                var w = Weight(i);
                for (var k = 0; k < OutputCount; k++)
                {
                    SumLeft[k] += w * Targets[i * OutputCount + k];
                }

                weightedLeft += w;
            }
        }
        else
        {
            ReverseReset();
            weightedLeft = WeightedLeftCount;
            for (var p = End - 1; p >= newPos; p--)
            {
                var i = Samples[p];
                var w = Weight(i);
                for (var k = 0; k < OutputCount; k++)
                {
                    SumLeft[k] -= w * Targets[i * OutputCount + k];
                }

                weightedLeft -= w;
            }
        }

        SetPosition(newPos, weightedLeft);
        for (var k = 0; k < OutputCount; k++)
        {
            SumRight[k] = SumTotal[k] - SumLeft[k];
        }
    }

    /// <summary>The weighted mean of each output.</summary>
    public override void NodeValue(Span<double> destination)
    {
        for (var k = 0; k < OutputCount; k++)
        {
            destination[k] = SumTotal[k] / WeightedNodeSampleCount;
        }
    }
}
