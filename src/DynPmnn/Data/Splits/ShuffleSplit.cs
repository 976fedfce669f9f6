// Port of scikit-learn 1.2.1's sklearn/model_selection/_split.py (ShuffleSplit._iter_indices); BSD-3-Clause, see NOTICE.
namespace DynPmnn.Data;

/// <summary>The first split of scikit-learn's <c>ShuffleSplit</c>, used by <c>train_test_split</c> without <c>stratify</c>.</summary>
internal static class ShuffleSplit
{
    /// <summary>
    /// One permutation of all rows: its first <paramref name="testRows"/> entries are the test side and the next
    /// <paramref name="trainRows"/> the train side (rows past both are left out when the sizes do not add up to all).
    /// </summary>
    public static TrainTestIndices Split(int rows, int trainRows, int testRows, NumpyRandomState random)
    {
        var permutation = random.Permutation(rows);
        return new TrainTestIndices(
            permutation.AsSpan(testRows, trainRows).ToArray(),
            permutation.AsSpan(0, testRows).ToArray());
    }
}
