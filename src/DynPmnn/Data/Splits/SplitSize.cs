using System.Globalization;

namespace DynPmnn.Data;

/// <summary>
/// The size of one side of a train / test split, given as scikit-learn takes <c>test_size</c> and <c>train_size</c>:
/// either a fraction of the rows or a number of rows.
/// </summary>
/// <remarks>
/// scikit-learn tells the two apart by the Python type (<c>0.5</c> is half the rows, <c>5</c> is five rows), so the
/// kind is explicit here rather than inferred from a number.
/// </remarks>
public readonly record struct SplitSize
{
    private SplitSize(bool isFraction, double fraction, int rows)
    {
        IsFraction = isFraction;
        FractionValue = fraction;
        RowCount = rows;
    }

    /// <summary>Whether this size is a fraction of the rows (rather than a number of rows).</summary>
    public bool IsFraction { get; }

    /// <summary>The fraction of the rows, when <see cref="IsFraction"/>; otherwise 0.</summary>
    public double FractionValue { get; }

    /// <summary>The number of rows, when not <see cref="IsFraction"/>; otherwise 0.</summary>
    public int RowCount { get; }

    /// <summary>
    /// A fraction of the rows, strictly between 0 and 1. A test side gets <c>ceil(fraction · rows)</c> rows and a
    /// train side <c>floor(fraction · rows)</c>, as in scikit-learn.
    /// </summary>
    public static SplitSize Fraction(double fraction) => new(true, fraction, 0);

    /// <summary>A number of rows, at least 1 and fewer than the rows being split.</summary>
    public static SplitSize Rows(int count) => new(false, 0, count);

    /// <summary>The size as scikit-learn would print it, such as <c>0.25</c> or <c>3</c>.</summary>
    public override string ToString() =>
        IsFraction ? FractionValue.ToString("R", CultureInfo.InvariantCulture) : RowCount.ToString(CultureInfo.InvariantCulture);
}
