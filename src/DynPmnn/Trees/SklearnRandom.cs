// Port of scikit-learn 1.2.1's our_rand_r (sklearn/utils/_random.pxd) and rand_int (sklearn/tree/_utils.pyx);
// BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// The 32-bit xorshift generator scikit-learn's splitters draw features with: <c>our_rand_r</c> and
/// <c>rand_int</c>. The same seed gives the same feature order, which is what makes the trees equal.
/// </summary>
internal struct SklearnRandom
{
    // RAND_R_MAX: the largest value our_rand_r returns, 2^31 - 1 on every platform.
    public const uint MaxValue = 0x7FFFFFFF;

    private uint _state;

    public SklearnRandom(uint seed)
    {
        _state = seed;
    }

    /// <summary>The next value in <c>[0, 2^31 - 1]</c>.</summary>
    public uint Next()
    {
        // A zero state would stay zero forever; scikit-learn restarts it at DEFAULT_SEED = 1.
        if (_state == 0)
        {
            _state = 1;
        }

        _state ^= _state << 13;
        _state ^= _state >> 17;
        _state ^= _state << 5;
        return _state % (MaxValue + 1u);
    }

    /// <summary>An integer in <c>[low, high)</c>, as <c>low + our_rand_r() % (high - low)</c> (slightly biased, as there).</summary>
    public int Next(int low, int high) => low + (int)(Next() % (uint)(high - low));
}
