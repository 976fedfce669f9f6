// Port of scikit-learn 1.2.1's sklearn/model_selection/_split.py (StratifiedShuffleSplit._iter_indices);
// BSD-3-Clause, see NOTICE.
using System.Globalization;

namespace DynPmnn.Data;

/// <summary>The first split of scikit-learn's <c>StratifiedShuffleSplit</c>, used by <c>train_test_split(stratify=y)</c>.</summary>
internal static class StratifiedShuffleSplit
{
    /// <summary>
    /// Shares out train and test rows per class with <see cref="ApproximateMode"/>, takes each class's rows in the
    /// order of a fresh permutation, and finally permutes the train and the test side, all from one generator in
    /// scikit-learn's order of draws.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A class has a single row, or either side has fewer rows than there are classes.
    /// </exception>
    public static TrainTestIndices Split(ReadOnlySpan<int> labels, int trainRows, int testRows, NumpyRandomState random, string labelsName)
    {
        // np.unique(y, return_inverse=True): classes in ascending label order.
        var classes = labels.ToArray();
        Array.Sort(classes);
        var distinct = 0;
        for (var i = 0; i < classes.Length; i++)
        {
            if (i == 0 || classes[i] != classes[distinct - 1])
            {
                classes[distinct++] = classes[i];
            }
        }

        var classCounts = new int[distinct];
        var classOf = new int[labels.Length];
        for (var row = 0; row < labels.Length; row++)
        {
            var c = Array.BinarySearch(classes, 0, distinct, labels[row]);
            classOf[row] = c;
            classCounts[c]++;
        }

        for (var c = 0; c < distinct; c++)
        {
            if (classCounts[c] < 2)
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Class {classes[c]} has only {classCounts[c]} row; a stratified split needs at least 2 rows of every class."),
                    labelsName);
            }
        }

        if (trainRows < distinct)
        {
            throw new ArgumentException(
                $"The train side has {trainRows} rows but there are {distinct} classes; a stratified split needs at least one row of each class on each side.",
                labelsName);
        }

        if (testRows < distinct)
        {
            throw new ArgumentException(
                $"The test side has {testRows} rows but there are {distinct} classes; a stratified split needs at least one row of each class on each side.",
                labelsName);
        }

        // np.argsort(y_indices, kind="mergesort") split at the class boundaries: a stable sort, so each class's rows
        // stay in ascending row order.
        var classStart = new int[distinct + 1];
        for (var c = 0; c < distinct; c++)
        {
            classStart[c + 1] = classStart[c] + classCounts[c];
        }

        var byClass = new int[labels.Length];
        var next = (int[])classStart.Clone();
        for (var row = 0; row < labels.Length; row++)
        {
            byClass[next[classOf[row]]++] = row;
        }

        var trainPerClass = ApproximateMode.Compute(classCounts, trainRows, random);
        var remaining = new int[distinct];
        for (var c = 0; c < distinct; c++)
        {
            remaining[c] = classCounts[c] - trainPerClass[c];
        }

        var testPerClass = ApproximateMode.Compute(remaining, testRows, random);

        var train = new List<int>(trainRows);
        var test = new List<int>(testRows);
        for (var c = 0; c < distinct; c++)
        {
            var rowsOfClass = byClass.AsSpan(classStart[c], classCounts[c]);
            var permutation = random.Permutation(classCounts[c]);
            for (var k = 0; k < trainPerClass[c]; k++)
            {
                train.Add(rowsOfClass[permutation[k]]);
            }

            for (var k = trainPerClass[c]; k < trainPerClass[c] + testPerClass[c]; k++)
            {
                test.Add(rowsOfClass[permutation[k]]);
            }
        }

        var trainRowsShuffled = train.ToArray();
        var testRowsShuffled = test.ToArray();
        random.Shuffle<int>(trainRowsShuffled);
        random.Shuffle<int>(testRowsShuffled);
        return new TrainTestIndices(trainRowsShuffled, testRowsShuffled);
    }
}
