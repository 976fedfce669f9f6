namespace DynPmnn.Data;

/// <summary>
/// A regression data set held in memory: a row-major feature matrix of <see cref="Rows"/> x <see cref="Columns"/>
/// floats and one float target per row.
/// </summary>
/// <remarks>
/// Row-major float storage is what the layers consume batch by batch, so slices and batches are contiguous
/// copies with no per-row objects. The arrays are exposed, not copied, so callers can standardise in place.
/// </remarks>
public sealed class Dataset
{
    /// <summary>Wraps existing arrays; <paramref name="features"/> must hold <c>targets.Length * featureNames.Count</c> values.</summary>
    public Dataset(float[] features, float[] targets, IReadOnlyList<string> featureNames, string targetName)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetName);
        if (featureNames.Count == 0)
        {
            throw new ArgumentException("A data set needs at least one feature.", nameof(featureNames));
        }

        if (features.Length != checked(targets.Length * featureNames.Count))
        {
            throw new ArgumentException(
                $"{targets.Length} rows of {featureNames.Count} features need {targets.Length * (long)featureNames.Count} values, got {features.Length}.",
                nameof(features));
        }

        Features = features;
        Targets = targets;
        FeatureNames = featureNames.ToArray();
        TargetName = targetName;
    }

    /// <summary>Row-major features: the value of column <c>c</c> in row <c>r</c> is at <c>r * Columns + c</c>.</summary>
    public float[] Features { get; }

    /// <summary>One target per row.</summary>
    public float[] Targets { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    public string TargetName { get; }

    public int Rows => Targets.Length;

    public int Columns => FeatureNames.Count;

    /// <summary>The features of one row, without copying.</summary>
    public ReadOnlySpan<float> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return Features.AsSpan(row * Columns, Columns);
    }

    /// <summary>A new data set made of copies of the given rows, in the order given (repeats allowed).</summary>
    public Dataset Select(IReadOnlyList<int> rowIndices)
    {
        ArgumentNullException.ThrowIfNull(rowIndices);
        var columns = Columns;
        var features = new float[checked(rowIndices.Count * columns)];
        var targets = new float[rowIndices.Count];
        for (var i = 0; i < rowIndices.Count; i++)
        {
            var row = rowIndices[i];
            if ((uint)row >= (uint)Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(rowIndices), row, $"Row index at position {i} is outside 0..{Rows - 1}.");
            }

            Array.Copy(Features, row * columns, features, i * columns, columns);
            targets[i] = Targets[row];
        }

        return new Dataset(features, targets, FeatureNames, TargetName);
    }

    /// <summary>A copy of the rows <c>[start, start + count)</c>.</summary>
    public Dataset Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + (long)count > Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows {start}..{start + count - 1} run past the {Rows} rows of the data set.");
        }

        var features = Features.AsSpan(start * Columns, count * Columns).ToArray();
        var targets = Targets.AsSpan(start, count).ToArray();
        return new Dataset(features, targets, FeatureNames, TargetName);
    }

    /// <summary>
    /// The first <c>floor(Rows / multiple) * multiple</c> rows, so that every batch of <paramref name="multiple"/> rows is full,
    /// as the paper's code cuts each split to a multiple of its batch size of 64.
    /// </summary>
    public Dataset TrimToMultipleOf(int multiple)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiple);
        return Slice(0, Rows / multiple * multiple);
    }

    /// <summary>The numeric view training consumes: the same arrays, one target per row.</summary>
    public DynPmnn.Training.TrainingData ToTrainingData() => new(Features, Targets, Columns);
}
