namespace DynPmnn.Data;

/// <summary>
/// A bit-exact port of numpy's legacy <c>numpy.random.RandomState(seed)</c> for an integer seed:
/// MT19937 seeded with <c>init_genrand</c>, and <see cref="NextDouble"/> equal to <c>rand()</c>.
/// </summary>
/// <remarks>
/// The paper's split is defined by <c>RandomState(42).rand(20640)</c>; reproducing its exact rows needs
/// exactly the same stream of doubles, so this is a port rather than any other generator.
/// Not thread-safe.
/// </remarks>
public sealed partial class NumpyRandomState
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7fffffffu;

    private readonly uint[] _state = new uint[N];
    private int _index;

    /// <summary>Seeds the generator as <c>RandomState(seed)</c> does for an integer seed.</summary>
    public NumpyRandomState(uint seed)
    {
        // numpy's _legacy_seeding calls mt19937_seed for a scalar int seed, which is init_genrand
        // (init_by_array is only used when the seed is an array).
        _state[0] = seed;
        for (var i = 1; i < N; i++)
        {
            var previous = _state[i - 1];
            _state[i] = unchecked(1812433253u * (previous ^ (previous >> 30)) + (uint)i);
        }

        _index = N;
    }

    /// <summary>The next raw 32-bit output (<c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
        {
            Regenerate();
        }

        var y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A double in [0, 1) with 53 random bits, equal to numpy's <c>rand()</c> (<c>genrand_res53</c>).</summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>Fills <paramref name="destination"/> with successive <see cref="NextDouble"/> draws, like <c>rand(n)</c>.</summary>
    public void NextDoubles(Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = NextDouble();
        }
    }

    private void Regenerate()
    {
        int k;
        uint y;
        for (k = 0; k < N - M; k++)
        {
            y = (_state[k] & UpperMask) | (_state[k + 1] & LowerMask);
            _state[k] = _state[k + M] ^ (y >> 1) ^ ((y & 1u) * MatrixA);
        }

        for (; k < N - 1; k++)
        {
            y = (_state[k] & UpperMask) | (_state[k + 1] & LowerMask);
            _state[k] = _state[k + (M - N)] ^ (y >> 1) ^ ((y & 1u) * MatrixA);
        }

        y = (_state[N - 1] & UpperMask) | (_state[0] & LowerMask);
        _state[N - 1] = _state[M - 1] ^ (y >> 1) ^ ((y & 1u) * MatrixA);
        _index = 0;
    }
}
