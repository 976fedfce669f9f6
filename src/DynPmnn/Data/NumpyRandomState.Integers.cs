// Port of numpy 1.24's legacy bounded integers (RandomState.randint for the default int64 dtype:
// numpy/random/_bounded_integers.pyx and random_bounded_uint64_fill in numpy/random/src/distributions);
// BSD-3-Clause, see NOTICE.

namespace DynPmnn.Data;

public sealed partial class NumpyRandomState
{
    /// <summary>
    /// An integer in <c>[<paramref name="low"/>, <paramref name="high"/>)</c>, equal to numpy's
    /// <c>RandomState.randint(low, high)</c> for the default 64-bit integer type.
    /// </summary>
    /// <remarks>
    /// RandomState keeps numpy's original masked rejection sampling (not Lemire's method), so a draw may consume
    /// more than one word: a range that fits in 32 bits masks single 32-bit words, a wider range masks 64-bit words
    /// made of two 32-bit outputs, high word first. scikit-learn seeds its trees' own generator with
    /// <c>randint(0, 2^31 - 1)</c>.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="high"/> is not above <paramref name="low"/>.</exception>
    public long RandomInteger(long low, long high)
    {
        if (high <= low)
        {
            throw new ArgumentException($"randint needs low < high, got low = {low}, high = {high}.", nameof(high));
        }

        // numpy draws in [low, high - 1] with range = high - 1 - low, as an unsigned offset from low.
        var range = unchecked((ulong)(high - 1) - (ulong)low);
        return unchecked(low + (long)BoundedUInt64(range));
    }

    private ulong BoundedUInt64(ulong range)
    {
        if (range == 0)
        {
            return 0;
        }

        if (range <= uint.MaxValue)
        {
            if (range == uint.MaxValue)
            {
                return NextUInt32();
            }

            var mask32 = (uint)SmallestMask(range);
            uint value32;
            do
            {
                value32 = NextUInt32() & mask32;
            }
            while (value32 > range);

            return value32;
        }

        if (range == ulong.MaxValue)
        {
            return NextUInt64();
        }

        var mask = SmallestMask(range);
        ulong value;
        do
        {
            value = NextUInt64() & mask;
        }
        while (value > range);

        return value;
    }

    // mt19937_next64: two 32-bit outputs, the first one in the high half.
    private ulong NextUInt64()
    {
        ulong high = NextUInt32();
        return (high << 32) | NextUInt32();
    }

    // The smallest all-ones mask covering range (numpy's gen_mask).
    private static ulong SmallestMask(ulong range)
    {
        var mask = range;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        return mask;
    }
}
