// Port of SplitRecord in scikit-learn 1.2.1's sklearn/tree/_splitter.pxd; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>A candidate split of a node: samples before <see cref="Pos"/> go left.</summary>
internal struct SplitRecord
{
    public int Feature;
    public int Pos;
    public double Threshold;
    public double Improvement;
    public double ImpurityLeft;
    public double ImpurityRight;

    /// <summary>No split found yet: the position is the node's end, the improvement −∞.</summary>
    public static SplitRecord None(int end) => new()
    {
        Feature = 0,
        Pos = end,
        Threshold = 0.0,
        Improvement = double.NegativeInfinity,
        ImpurityLeft = double.PositiveInfinity,
        ImpurityRight = double.PositiveInfinity,
    };
}
