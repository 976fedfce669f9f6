// Port of numpy 1.24's legacy RandomState.shuffle / permutation / choice(replace=False, p=None)
// (numpy/random/mtrand.pyx, _shuffle_raw, and random_interval in numpy/random/src/distributions/distributions.c);
// BSD-3-Clause, see NOTICE.
namespace DynPmnn.Data;

public sealed partial class NumpyRandomState
{
    /// <summary>
    /// Shuffles <paramref name="values"/> in place exactly as the legacy <c>RandomState.shuffle</c> does for a
    /// one-dimensional array: for <c>i</c> from the last index down to 1, swap element <c>i</c> with element
    /// <c>random_interval(i)</c>.
    /// </summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (var i = values.Length - 1; i >= 1; i--)
        {
            var j = (int)NextInterval((uint)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>
    /// A random ordering of <c>0 … n − 1</c>, equal to the legacy <c>RandomState.permutation(n)</c>: <c>arange(n)</c>
    /// shuffled by <see cref="Shuffle{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public int[] Permutation(int n)
    {
        if (n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"A permutation needs a non-negative length, not {n}.");
        }

        var values = new int[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = i;
        }

        Shuffle<int>(values);
        return values;
    }

    /// <summary>
    /// <paramref name="size"/> distinct values drawn from <c>0 … n − 1</c>, equal to the legacy
    /// <c>RandomState.choice(n, size, replace=False)</c> without probabilities, which is the first
    /// <paramref name="size"/> elements of <see cref="Permutation"/>(<paramref name="n"/>). The whole permutation is
    /// drawn even when fewer values are kept, so the generator advances exactly as numpy's does.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="n"/> is not positive while values are asked for, or <paramref name="size"/> is negative or larger
    /// than <paramref name="n"/>.
    /// </exception>
    public int[] Choice(int n, int size)
    {
        if (size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Cannot draw a negative number of values ({size}).");
        }

        if (n <= 0 && size > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"Cannot draw {size} values from a population of {n}.");
        }

        if (size > n)
        {
            throw new ArgumentOutOfRangeException(
                nameof(size), size, $"Cannot draw {size} distinct values from a population of {n} without replacement.");
        }

        return Permutation(Math.Max(n, 0)).AsSpan(0, size).ToArray();
    }

    /// <summary>
    /// A uniform integer in <c>[0, max]</c> by masked rejection, numpy's <c>random_interval</c> for a bound that fits
    /// 32 bits: draw 32-bit words, keep the bits of the smallest all-ones mask covering <paramref name="max"/>, and
    /// redraw while the result exceeds it. Bounds above 32 bits (numpy's 64-bit draws) cannot arise from an
    /// <see cref="int"/> length.
    /// </summary>
    private uint NextInterval(uint max)
    {
        if (max == 0)
        {
            return 0;
        }

        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;

        uint value;
        while ((value = NextUInt32() & mask) > max)
        {
        }

        return value;
    }
}
