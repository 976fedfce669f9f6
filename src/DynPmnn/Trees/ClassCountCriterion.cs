// Port of ClassificationCriterion in scikit-learn 1.2.1's sklearn/tree/_criterion.pyx; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// The classification criteria's running state: the weighted count of each class in the node and on each side
/// of the split (one output).
/// </summary>
internal abstract class ClassCountCriterion : SplitCriterion
{
    private readonly int[] _classIndices;

    protected ClassCountCriterion(int[] classIndices, int classCount, double[]? sampleWeights)
    {
        _classIndices = classIndices;
        ClassCount = classCount;
        SampleWeights = sampleWeights;
        SumTotal = new double[classCount];
        SumLeft = new double[classCount];
        SumRight = new double[classCount];
    }

    protected int ClassCount { get; }

    protected double[] SumTotal { get; }

    protected double[] SumLeft { get; }

    protected double[] SumRight { get; }

    public override int ValueWidth => ClassCount;

    public override void Init(int[] samples, int start, int end, double weightedSampleCount)
    {
        StartNode(samples, start, end, weightedSampleCount);
        Array.Clear(SumTotal);
        var weighted = 0.0;
        for (var p = start; p < end; p++)
        {
            var i = samples[p];
            var w = Weight(i);
            SumTotal[_classIndices[i]] += w;
            weighted += w;
        }

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
                SumLeft[_classIndices[i]] += w;
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
                SumLeft[_classIndices[i]] -= w;
                weightedLeft -= w;
            }
        }

        SetPosition(newPos, weightedLeft);
        for (var c = 0; c < ClassCount; c++)
        {
            SumRight[c] = SumTotal[c] - SumLeft[c];
        }
    }

    public override void NodeValue(Span<double> destination) => SumTotal.CopyTo(destination);
}
