// Port of scikit-learn 1.2.1's sklearn/model_selection/_split.py (train_test_split with shuffle=True and an integer
// random_state, _validate_shuffle_split); BSD-3-Clause, see NOTICE.
using System.Globalization;

namespace DynPmnn.Data;

/// <summary>
/// scikit-learn's <c>train_test_split(shuffle=True, random_state=seed)</c> reproduced row for row on row indices, and
/// the authors' two-stage train / validation / test split built from it.
/// </summary>
/// <remarks>
/// Every array comes back in scikit-learn's order (the order <c>train_test_split</c> returns the rows in), not
/// sorted: feeding rows in that order gives the same batches as the reference code.
/// </remarks>
public static class SklearnSplit
{
    /// <summary>The test fraction <c>train_test_split</c> uses when neither size is given.</summary>
    public const double DefaultTestFraction = 0.25;

    /// <summary>
    /// The train and test row counts scikit-learn's <c>_validate_shuffle_split</c> derives: a test fraction rounds
    /// up (<c>ceil(f · rows)</c>), a train fraction rounds down (<c>floor(f · rows)</c>), a side not given takes all
    /// the rows the other leaves, and both missing means a test fraction of <see cref="DefaultTestFraction"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A size is out of range (a fraction not strictly between 0 and 1, a row count not between 1 and
    /// <paramref name="rows"/> − 1), two fractions add up to more than 1, the two sides need more rows than there
    /// are, or the train side would be empty.
    /// </exception>
    public static (int Train, int Test) Sizes(int rows, SplitSize? testSize, SplitSize? trainSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (testSize is null && trainSize is null)
        {
            testSize = SplitSize.Fraction(DefaultTestFraction);
        }

        CheckRange(testSize, rows, nameof(testSize));
        CheckRange(trainSize, rows, nameof(trainSize));
        if (testSize is { IsFraction: true } test && trainSize is { IsFraction: true } train
            && train.FractionValue + test.FractionValue > 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(trainSize),
                trainSize,
                Invariant($"The fractions testSize = {test} and trainSize = {train} add up to {train.FractionValue + test.FractionValue}, more than 1."));
        }

        var testRows = testSize switch
        {
            null => (int?)null,
            { IsFraction: true } f => (int)Math.Ceiling(f.FractionValue * rows),
            { } r => r.RowCount,
        };
        var trainRows = trainSize switch
        {
            null => (int?)null,
            { IsFraction: true } f => (int)Math.Floor(f.FractionValue * rows),
            { } r => r.RowCount,
        };
        var nTest = testRows ?? rows - trainRows!.Value;
        var nTrain = trainRows ?? rows - nTest;

        if ((long)nTrain + nTest > rows)
        {
            throw new ArgumentOutOfRangeException(
                nameof(testSize),
                testSize,
                Invariant($"testSize = {Describe(testSize)} and trainSize = {Describe(trainSize)} ask for {nTrain} train and {nTest} test rows, {(long)nTrain + nTest} in all, but there are only {rows} rows."));
        }

        if (nTrain == 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(trainSize),
                trainSize,
                Invariant($"With {rows} rows, testSize = {Describe(testSize)} and trainSize = {Describe(trainSize)}, the train side would be empty."));
        }

        return (nTrain, nTest);
    }

    /// <summary>
    /// <c>train_test_split(arange(rows), test_size, train_size, random_state=seed, shuffle=True, stratify=labels)</c>:
    /// a <c>ShuffleSplit</c> without labels and a <c>StratifiedShuffleSplit</c> on <paramref name="stratifyLabels"/>
    /// with them, each drawing from <c>numpy.random.RandomState(seed)</c>.
    /// </summary>
    /// <param name="rows">How many rows there are to split.</param>
    /// <param name="stratifyLabels">
    /// One label per row to keep class proportions on both sides (any integers; classes are ordered by value as
    /// <c>numpy.unique</c> orders them), or <see langword="null"/> for a plain shuffle.
    /// </param>
    /// <param name="seed">The integer <c>random_state</c>, 0 or more.</param>
    /// <param name="testSize">The test side; see <see cref="Sizes"/>.</param>
    /// <param name="trainSize">The train side; see <see cref="Sizes"/>.</param>
    /// <returns>Train and test rows in scikit-learn's order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The seed is negative or the sizes are rejected by <see cref="Sizes"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The labels are not one per row, a class has a single row, or a side has fewer rows than there are classes.
    /// </exception>
    public static TrainTestIndices TrainTestSplit(int rows, int[]? stratifyLabels, int seed, SplitSize? testSize = null, SplitSize? trainSize = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        CheckLabels(rows, stratifyLabels, nameof(stratifyLabels));
        var (trainRows, testRows) = Sizes(rows, testSize, trainSize);
        var random = new NumpyRandomState((uint)seed);
        return stratifyLabels is null
            ? ShuffleSplit.Split(rows, trainRows, testRows, random)
            : StratifiedShuffleSplit.Split(stratifyLabels, trainRows, testRows, random, nameof(stratifyLabels));
    }

    /// <summary>
    /// The authors' train / validation / test split: the ratios are divided by their sum, the test rows are split off
    /// first with <c>test_size = test ratio</c>, then the validation rows from the rest with
    /// <c>test_size = validation ratio / (train ratio + validation ratio)</c>, both with <paramref name="seed"/> and,
    /// when labels are given, stratified on the labels of the rows being split.
    /// </summary>
    /// <param name="rows">How many rows there are to split.</param>
    /// <param name="stratifyLabels">One class label per row for a classification task, or <see langword="null"/> for regression.</param>
    /// <param name="trainRatio">Share of the training rows, before normalisation.</param>
    /// <param name="validationRatio">Share of the validation rows, before normalisation.</param>
    /// <param name="testRatio">Share of the test rows, before normalisation.</param>
    /// <param name="seed">The <c>random_state</c> of both stages.</param>
    /// <returns>Indices into the original rows, each array in scikit-learn's order.</returns>
    public static SplitIndices ThreeWay(int rows, int[]? stratifyLabels, double trainRatio = 0.7, double validationRatio = 0.2, double testRatio = 0.1, int seed = 42)
        => ThreeWay(rows, stratifyLabels, new SplitRatios(trainRatio, validationRatio, testRatio), seed);

    /// <summary>The authors' train / validation / test split with the shares in <paramref name="ratios"/>; see the other overload.</summary>
    public static SplitIndices ThreeWay(int rows, int[]? stratifyLabels, SplitRatios ratios, int seed)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        ratios.Check(nameof(ratios));
        CheckLabels(rows, stratifyLabels, nameof(stratifyLabels));

        // The authors normalise by the float sum, so (0.7, 0.2, 0.1) become 0.7000000000000001, 0.20000000000000004
        // and 0.10000000000000002; the test side of 150 rows is then ceil(15.000000000000002) = 16, not 15.
        var sum = ratios.Train + ratios.Validation + ratios.Test;
        var train = ratios.Train / sum;
        var validation = ratios.Validation / sum;
        var test = ratios.Test / sum;

        var first = TrainTestSplit(rows, stratifyLabels, seed, SplitSize.Fraction(test));
        var rest = first.Train;
        int[]? restLabels = null;
        if (stratifyLabels is not null)
        {
            restLabels = new int[rest.Length];
            for (var i = 0; i < rest.Length; i++)
            {
                restLabels[i] = stratifyLabels[rest[i]];
            }
        }

        var second = TrainTestSplit(rest.Length, restLabels, seed, SplitSize.Fraction(validation / (train + validation)));
        return new SplitIndices(Compose(rest, second.Train), Compose(rest, second.Test), first.Test);
    }

    private static int[] Compose(int[] rows, int[] positions)
    {
        var result = new int[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            result[i] = rows[positions[i]];
        }

        return result;
    }

    private static void CheckLabels(int rows, int[]? labels, string name)
    {
        if (labels is not null && labels.Length != rows)
        {
            throw new ArgumentException($"There are {rows} rows but {labels.Length} labels to stratify on; give one label per row.", name);
        }
    }

    private static void CheckRange(SplitSize? size, int rows, string name)
    {
        switch (size)
        {
            case { IsFraction: true } f when !(f.FractionValue > 0 && f.FractionValue < 1):
                throw new ArgumentOutOfRangeException(
                    name, size, Invariant($"{name} = {f} is a fraction of the rows and must be strictly between 0 and 1."));
            case { IsFraction: false } r when r.RowCount <= 0 || r.RowCount >= rows:
                throw new ArgumentOutOfRangeException(
                    name, size, Invariant($"{name} = {r} rows must be at least 1 and fewer than the {rows} rows being split."));
        }
    }

    private static string Describe(SplitSize? size) => size?.ToString() ?? "none";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
