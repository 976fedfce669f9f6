// Port of the introsort in scikit-learn 1.2.1's sklearn/tree/_splitter.pyx (sort, median3, introsort, heapsort);
// BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// Sorts a node's feature values and carries the sample indices along, exactly as scikit-learn's splitter does.
/// </summary>
/// <remarks>
/// The sort is not stable, and the order it leaves tied samples in decides the order of later floating-point
/// sums and of the children's samples, so a different sort (even a correct one) grows a different tree now and
/// then. Hence a line-by-line port: median-of-three pivot, three-way partition, heapsort below a depth limit of
/// <c>2 floor(log2 n)</c>.
/// </remarks>
internal static class FeatureSort
{
    private static readonly double Ln2 = Math.Log(2.0);

    public static void Sort(Span<float> values, Span<int> samples)
    {
        var n = values.Length;
        if (n == 0)
        {
            return;
        }

        // scikit-learn's log is ln(x) / ln(2) in double; the truncation of that quotient sets the depth limit.
        var maxDepth = 2 * (int)(Math.Log(n) / Ln2);
        Introsort(values, samples, maxDepth);
    }

    private static void Introsort(Span<float> values, Span<int> samples, int maxDepth)
    {
        while (values.Length > 1)
        {
            if (maxDepth <= 0)
            {
                Heapsort(values, samples);
                return;
            }

            maxDepth--;
            var pivot = Median3(values);

            // Three-way partition: [0, l) below the pivot, [l, r) equal, [r, n) above.
            int i = 0, l = 0, r = values.Length;
            while (i < r)
            {
                if (values[i] < pivot)
                {
                    Swap(values, samples, i, l);
                    i++;
                    l++;
                }
                else if (values[i] > pivot)
                {
                    r--;
                    Swap(values, samples, i, r);
                }
                else
                {
                    i++;
                }
            }

            Introsort(values[..l], samples[..l], maxDepth);
            values = values[r..];
            samples = samples[r..];
        }
    }

    // Median of the first, middle and last values (Bentley and McIlroy 1993).
    private static float Median3(ReadOnlySpan<float> values)
    {
        float a = values[0], b = values[values.Length / 2], c = values[^1];
        if (a < b)
        {
            if (b < c)
            {
                return b;
            }

            return a < c ? c : a;
        }

        if (b < c)
        {
            return a < c ? a : c;
        }

        return b;
    }

    private static void Heapsort(Span<float> values, Span<int> samples)
    {
        var n = values.Length;
        var start = (n - 2) / 2;
        while (true)
        {
            SiftDown(values, samples, start, n);
            if (start == 0)
            {
                break;
            }

            start--;
        }

        for (var end = n - 1; end > 0; end--)
        {
            Swap(values, samples, 0, end);
            SiftDown(values, samples, 0, end);
        }
    }

    // Restores the max-heap order of values[start..end) by moving the root down.
    private static void SiftDown(Span<float> values, Span<int> samples, int start, int end)
    {
        var root = start;
        while (true)
        {
            var child = root * 2 + 1;
            var largest = root;
            if (child < end && values[largest] < values[child])
            {
                largest = child;
            }

            if (child + 1 < end && values[largest] < values[child + 1])
            {
                largest = child + 1;
            }

            if (largest == root)
            {
                return;
            }

            Swap(values, samples, root, largest);
            root = largest;
        }
    }

    private static void Swap(Span<float> values, Span<int> samples, int i, int j)
    {
        (values[i], values[j]) = (values[j], values[i]);
        (samples[i], samples[j]) = (samples[j], samples[i]);
    }
}
