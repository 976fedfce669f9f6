// Port of the pairwise summation of numpy 1.24's add reduction (pairwise_sum in
// numpy/core/src/umath/loops_utils.h.src); BSD-3-Clause, see NOTICE.

namespace DynPmnn.Trees;

/// <summary>
/// Sums in the order numpy's <c>add.reduce</c> uses, so scores equal scikit-learn's to the last bit: pairwise
/// (blocks of eight partial sums) along a contiguous axis, one running sum per column across the rows of a
/// matrix with several columns.
/// </summary>
internal static class NumpySum
{
    private const int BlockSize = 128;

    /// <summary>numpy's sum of a contiguous float64 vector.</summary>
    public static double Pairwise(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n < 8)
        {
            var sum = 0.0;
            foreach (var value in values)
            {
                sum += value;
            }

            return sum;
        }

        if (n <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            values[..8].CopyTo(r);
            var i = 8;
            for (; i < n - n % 8; i += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    r[j] += values[i + j];
                }
            }

            var result = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
            for (; i < n; i++)
            {
                result += values[i];
            }

            return result;
        }

        var half = n / 2;
        half -= half % 8;
        return Pairwise(values[..half]) + Pairwise(values[half..]);
    }

    /// <summary>numpy's sum of a contiguous float32 vector, accumulated in float32.</summary>
    public static float Pairwise(ReadOnlySpan<float> values)
    {
        var n = values.Length;
        if (n < 8)
        {
            var sum = 0f;
            foreach (var value in values)
            {
                sum += value;
            }

            return sum;
        }

        if (n <= BlockSize)
        {
            Span<float> r = stackalloc float[8];
            values[..8].CopyTo(r);
            var i = 8;
            for (; i < n - n % 8; i += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    r[j] += values[i + j];
                }
            }

            var result = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
            for (; i < n; i++)
            {
                result += values[i];
            }

            return result;
        }

        var half = n / 2;
        half -= half % 8;
        return Pairwise(values[..half]) + Pairwise(values[half..]);
    }

    /// <summary>
    /// numpy's <c>sum(axis=0)</c> of a row-major <c>rows × columns</c> matrix for one column: pairwise when the
    /// matrix is one column wide (contiguous), a running sum down the rows otherwise.
    /// </summary>
    public static double Column(ReadOnlySpan<double> matrix, int columns, int column)
    {
        if (columns == 1)
        {
            return Pairwise(matrix);
        }

        var sum = 0.0;
        for (var i = column; i < matrix.Length; i += columns)
        {
            sum += matrix[i];
        }

        return sum;
    }

    /// <inheritdoc cref="Column(ReadOnlySpan{double}, int, int)"/>
    public static float Column(ReadOnlySpan<float> matrix, int columns, int column)
    {
        if (columns == 1)
        {
            return Pairwise(matrix);
        }

        var sum = 0f;
        for (var i = column; i < matrix.Length; i += columns)
        {
            sum += matrix[i];
        }

        return sum;
    }

    /// <summary><c>np.mean</c> of a short vector (under eight values: a running sum from 0, then one division).</summary>
    public static double Mean(ReadOnlySpan<double> values) => Pairwise(values) / values.Length;
}
