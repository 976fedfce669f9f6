namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// The SplitMix64 generator (Steele, Lea and Flood 2014): a fixed, published algorithm, so a random search draws the
/// same values on every machine and every .NET version, which <see cref="Random"/> does not promise.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double in [0, 1) from the top 53 bits: every value is a multiple of 2⁻⁵³, exactly representable.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A whole number in [0, <paramref name="count"/>), unbiased: draws below 2⁶⁴ mod count are rejected.</summary>
    public ulong NextBelow(ulong count)
    {
        ArgumentOutOfRangeException.ThrowIfZero(count);
        var threshold = (0UL - count) % count;
        while (true)
        {
            var draw = NextUInt64();
            if (draw >= threshold)
            {
                return draw % count;
            }
        }
    }
}
