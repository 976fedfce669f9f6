// Port of MAE in scikit-learn 1.2.1's sklearn/tree/_criterion.pyx; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// Mean absolute deviation from the median, averaged over outputs (criterion "absolute_error"), for unweighted
/// samples.
/// </summary>
/// <remarks>
/// scikit-learn keeps each side's median in a WeightedMedianCalculator that tracks the smallest k with
/// <c>Σ w[0..k) ≥ W / 2</c>; with unit weights that is the ordinary median (the mean of the two middle values
/// for an even count), so each side here is a sorted array per output instead. The deviations are summed in
/// scikit-learn's order (outputs outer, samples in node order inner), which is O(n) per candidate split, as
/// there.
/// </remarks>
internal sealed class AbsoluteErrorCriterion : SplitCriterion
{
    private readonly double[] _targets;
    private readonly int _outputs;
    private readonly int _capacity;

    // Per output k, sorted target values of the node, the left side and the right side at [k * capacity, ...).
    private readonly double[] _nodeSorted;
    private readonly double[] _leftSorted;
    private readonly double[] _rightSorted;
    private readonly double[] _nodeMedians;
    private int _leftCount;
    private int _rightCount;

    public AbsoluteErrorCriterion(double[] targets, int outputCount, int sampleCount)
    {
        _targets = targets;
        _outputs = outputCount;
        _capacity = sampleCount;
        _nodeSorted = new double[outputCount * sampleCount];
        _leftSorted = new double[outputCount * sampleCount];
        _rightSorted = new double[outputCount * sampleCount];
        _nodeMedians = new double[outputCount];
    }

    public override int ValueWidth => 1;

    public override void Init(int[] samples, int start, int end, double weightedSampleCount)
    {
        StartNode(samples, start, end, weightedSampleCount);
        var count = end - start;
        for (var k = 0; k < _outputs; k++)
        {
            var sorted = _nodeSorted.AsSpan(k * _capacity, count);
            for (var p = start; p < end; p++)
            {
                sorted[p - start] = _targets[samples[p] * _outputs + k];
            }

            sorted.Sort();
            _nodeMedians[k] = Median(sorted);
        }

        WeightedNodeSampleCount = count;
        Reset();
    }

    public override void Reset()
    {
        Pos = Start;
        SetCounts(0.0, WeightedNodeSampleCount);
        _leftCount = 0;
        _rightCount = End - Start;
        CopyNodeValues(_rightSorted);
    }

    public override void ReverseReset()
    {
        Pos = End;
        SetCounts(WeightedNodeSampleCount, 0.0);
        _leftCount = End - Start;
        _rightCount = 0;
        CopyNodeValues(_leftSorted);
    }

    private void CopyNodeValues(double[] destination)
    {
        for (var k = 0; k < _outputs; k++)
        {
            _nodeSorted.AsSpan(k * _capacity, End - Start).CopyTo(destination.AsSpan(k * _capacity));
        }
    }

    public override void Update(int newPos)
    {
        var weightedLeft = WeightedLeftCount;
        if (newPos - Pos <= End - newPos)
        {
            for (var p = Pos; p < newPos; p++)
            {
                Move(Samples[p], _rightSorted, _leftSorted, ref _rightCount, ref _leftCount);
                weightedLeft += 1.0;
            }
        }
        else
        {
            ReverseReset();
            weightedLeft = WeightedLeftCount;
            for (var p = End - 1; p >= newPos; p--)
            {
                Move(Samples[p], _leftSorted, _rightSorted, ref _leftCount, ref _rightCount);
                weightedLeft -= 1.0;
            }
        }

        SetPosition(newPos, weightedLeft);
    }

    public override double NodeImpurity()
    {
        var impurity = 0.0;
        for (var k = 0; k < _outputs; k++)
        {
            impurity = AddDeviations(impurity, Start, End, k, _nodeMedians[k]);
        }

        return impurity / (WeightedNodeSampleCount * _outputs);
    }

    public override void ChildrenImpurity(out double left, out double right)
    {
        var sumLeft = 0.0;
        for (var k = 0; k < _outputs; k++)
        {
            sumLeft = AddDeviations(sumLeft, Start, Pos, k, Median(_leftSorted.AsSpan(k * _capacity, _leftCount)));
        }

        var sumRight = 0.0;
        for (var k = 0; k < _outputs; k++)
        {
            sumRight = AddDeviations(sumRight, Pos, End, k, Median(_rightSorted.AsSpan(k * _capacity, _rightCount)));
        }

        left = sumLeft / (WeightedLeftCount * _outputs);
        right = sumRight / (WeightedRightCount * _outputs);
    }

    /// <summary>The median of each output.</summary>
    public override void NodeValue(Span<double> destination) => _nodeMedians.CopyTo(destination);

    // Continues one running sum, across outputs too, over samples[from..to) for output k, as scikit-learn's loops do.
    private double AddDeviations(double sum, int from, int to, int k, double median)
    {
        for (var p = from; p < to; p++)
        {
            sum += Math.Abs(_targets[Samples[p] * _outputs + k] - median);
        }

        return sum;
    }

    private void Move(int sample, double[] from, double[] to, ref int fromCount, ref int toCount)
    {
        for (var k = 0; k < _outputs; k++)
        {
            var value = _targets[sample * _outputs + k];
            Remove(from.AsSpan(k * _capacity, fromCount), value);
            Insert(to.AsSpan(k * _capacity, toCount + 1), value);
        }

        fromCount--;
        toCount++;
    }

    // sorted holds the current values and one free slot at the end.
    private static void Insert(Span<double> sorted, double value)
    {
        var count = sorted.Length - 1;
        var at = UpperBound(sorted[..count], value);
        sorted[at..count].CopyTo(sorted[(at + 1)..]);
        sorted[at] = value;
    }

    private static void Remove(Span<double> sorted, double value)
    {
        var at = UpperBound(sorted, value) - 1;
        sorted[(at + 1)..].CopyTo(sorted[at..]);
    }

    // The first index whose value is above value.
    private static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    // scikit-learn's get_median: the middle value, or (upper + lower) / 2 for an even count.
    private static double Median(ReadOnlySpan<double> sorted)
    {
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2] + sorted[n / 2 - 1]) / 2.0;
    }
}
