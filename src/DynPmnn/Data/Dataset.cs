using System.Globalization;
using DynPmnn.Training;

namespace DynPmnn.Data;

/// <summary>
/// A table held in memory for training: a row-major feature matrix of <see cref="Rows"/> x <see cref="Columns"/> floats
/// and, per row, <see cref="DatasetTask.TargetWidth"/> target floats (regression outputs, or the class index).
/// </summary>
/// <remarks>
/// Row-major float storage is what the layers consume batch by batch, so slices and batches are contiguous copies with
/// no per-row objects. The arrays are exposed, not copied, so callers can standardise in place. Each row remembers the
/// file and line it came from (<see cref="Origin"/>), so a problem found long after loading can still be traced to the
/// line to fix. Construction checks what would otherwise surface much later as a NaN loss: every feature and target
/// finite, every class index whole and in range.
/// </remarks>
public sealed class Dataset
{
    private readonly string[] _featureNames;
    private readonly RowOrigins _origins;
    private TabularSchema? _schema;

    /// <summary>A one-output regression data set; <paramref name="features"/> must hold <c>targets.Length * featureNames.Count</c> values.</summary>
    /// <remarks>The data set is named <c>data</c>, and its rows are reported as its lines 1, 2, ....</remarks>
    public Dataset(float[] features, float[] targets, IReadOnlyList<string> featureNames, string targetName)
        : this("data", features, featureNames, targets, DatasetTask.Regression(targetName))
    {
    }

    /// <summary>Wraps existing arrays after checking them.</summary>
    /// <param name="name">Names the data set in listings and messages.</param>
    /// <param name="features">Row-major <c>[rows, featureNames.Count]</c>.</param>
    /// <param name="featureNames">One unique name per column.</param>
    /// <param name="targets">Row-major <c>[rows, task.TargetWidth]</c>; class indices 0..K-1 for classification.</param>
    /// <param name="task">What the targets are.</param>
    /// <param name="origins">Where each row was read from; <see langword="null"/> for data made in memory.</param>
    /// <param name="schema">The raw columns the features were encoded from; <see langword="null"/> when every feature is a numeric column of its own.</param>
    /// <exception cref="ArgumentException">The sizes disagree, a name is missing or repeated, a value is not finite, a class index is not one of the classes, or the schema does not describe these columns.</exception>
    public Dataset(
        string name,
        float[] features,
        IReadOnlyList<string> featureNames,
        float[] targets,
        DatasetTask task,
        RowOrigins? origins = null,
        TabularSchema? schema = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(task);
        if (featureNames.Count == 0)
        {
            throw new ArgumentException("A data set needs at least one feature.", nameof(featureNames));
        }

        var names = featureNames.ToArray();
        CheckFeatureNames(name, names);
        if (targets.Length % task.TargetWidth != 0)
        {
            throw new ArgumentException(
                $"Data set '{name}': {targets.Length} target values do not make whole rows of {task.TargetWidth} ({string.Join(", ", task.TargetNames)}).",
                nameof(targets));
        }

        var rows = targets.Length / task.TargetWidth;
        if (features.Length != rows * (long)names.Length)
        {
            throw new ArgumentException(
                $"Data set '{name}': {rows} rows of {names.Length} features need {rows * (long)names.Length} values, got {features.Length}.",
                nameof(features));
        }

        if (origins is not null && origins.Count != rows)
        {
            throw new ArgumentException($"Data set '{name}': {origins.Count} row origins for {rows} rows.", nameof(origins));
        }

        Name = name;
        Features = features;
        _featureNames = names;
        Targets = targets;
        Task = task;
        _origins = origins ?? RowOrigins.InMemory(name, rows);
        CheckValues();
        if (schema is not null)
        {
            schema.CheckDescribes(this, nameof(schema));
            _schema = schema;
        }
    }

    // For rows taken from a checked data set: the values are already known good.
    private Dataset(string name, float[] features, string[] featureNames, float[] targets, DatasetTask task, RowOrigins origins, TabularSchema? schema)
    {
        Name = name;
        Features = features;
        _featureNames = featureNames;
        Targets = targets;
        Task = task;
        _origins = origins;
        _schema = schema;
    }

    /// <summary>Names the data set, e.g. <c>iris</c> or the file it was read from.</summary>
    public string Name { get; }

    /// <summary>Row-major features: the value of column <c>c</c> in row <c>r</c> is at <c>r * Columns + c</c>.</summary>
    public float[] Features { get; }

    /// <summary>Row-major targets: <see cref="DatasetTask.TargetWidth"/> per row; for classification the class index.</summary>
    public float[] Targets { get; }

    /// <summary>One name per feature column.</summary>
    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>What the targets are.</summary>
    public DatasetTask Task { get; }

    /// <summary>The first (for classification, the only) target name.</summary>
    public string TargetName => Task.TargetNames[0];

    /// <summary>
    /// The raw columns behind the features and how they are encoded, so that new rows can be encoded the same way.
    /// Data whose features are all numeric columns of their own get a schema saying so.
    /// </summary>
    public TabularSchema Schema => _schema ??= TabularSchema.ForNumericFeatures(FeatureNames, Task);

    /// <summary>Where every row was read from.</summary>
    public RowOrigins Origins => _origins;

    public int Rows => Targets.Length / Task.TargetWidth;

    public int Columns => _featureNames.Length;

    /// <summary>The features of one row, without copying.</summary>
    public ReadOnlySpan<float> Row(int row)
    {
        CheckRow(row);
        return Features.AsSpan(row * Columns, Columns);
    }

    /// <summary>The targets of one row, without copying: <see cref="DatasetTask.TargetWidth"/> values.</summary>
    public ReadOnlySpan<float> Target(int row)
    {
        CheckRow(row);
        var width = Task.TargetWidth;
        return Targets.AsSpan(row * width, width);
    }

    /// <summary>The class index of one row of a classification data set.</summary>
    /// <exception cref="InvalidOperationException">The data set is a regression.</exception>
    public int Label(int row)
    {
        RequireClassification();
        CheckRow(row);
        return (int)Targets[row];
    }

    /// <summary>The class index of every row, as a new array.</summary>
    /// <exception cref="InvalidOperationException">The data set is a regression.</exception>
    public int[] Labels()
    {
        RequireClassification();
        var labels = new int[Rows];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = (int)Targets[i];
        }

        return labels;
    }

    /// <summary>The file and line row <paramref name="row"/> was read from.</summary>
    public RowOrigin Origin(int row)
    {
        CheckRow(row);
        return _origins[row];
    }

    /// <summary>A new data set made of copies of the given rows, in the order given (repeats allowed); origins follow the rows.</summary>
    public Dataset Select(IReadOnlyList<int> rowIndices)
    {
        ArgumentNullException.ThrowIfNull(rowIndices);
        var columns = Columns;
        var width = Task.TargetWidth;
        var features = new float[checked(rowIndices.Count * columns)];
        var targets = new float[checked(rowIndices.Count * width)];
        for (var i = 0; i < rowIndices.Count; i++)
        {
            var row = rowIndices[i];
            if ((uint)row >= (uint)Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(rowIndices), row, $"Row index at position {i} is outside 0..{Rows - 1}.");
            }

            Array.Copy(Features, row * columns, features, i * columns, columns);
            Array.Copy(Targets, row * width, targets, i * width, width);
        }

        return new Dataset(Name, features, _featureNames, targets, Task, _origins.Select(rowIndices), _schema);
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

        var width = Task.TargetWidth;
        var features = Features.AsSpan(start * Columns, count * Columns).ToArray();
        var targets = Targets.AsSpan(start * width, count * width).ToArray();
        return new Dataset(Name, features, _featureNames, targets, Task, _origins.Slice(start, count), _schema);
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

    /// <summary>
    /// The same rows with other feature values (standardised ones, say): names, task, origins and schema kept, the
    /// targets copied. The new values are checked to be finite.
    /// </summary>
    public Dataset WithFeatures(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length != Features.Length)
        {
            throw new ArgumentException($"Data set '{Name}' has {Features.Length} feature values, got {features.Length}.", nameof(features));
        }

        var result = new Dataset(Name, features, _featureNames, (float[])Targets.Clone(), Task, _origins, _schema);
        result.CheckValues();
        return result;
    }

    /// <summary>
    /// The same rows with other target values (standardised regression targets, say): features, names, task, origins and
    /// schema kept. The new values are checked as on construction.
    /// </summary>
    public Dataset WithTargets(float[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Length != Targets.Length)
        {
            throw new ArgumentException($"Data set '{Name}' has {Targets.Length} target values, got {targets.Length}.", nameof(targets));
        }

        var result = new Dataset(Name, (float[])Features.Clone(), _featureNames, targets, Task, _origins, _schema);
        result.CheckValues();
        return result;
    }

    /// <summary>Rows, features, task and, for classification, the rows of each class.</summary>
    public DatasetSummary Summarize()
    {
        var counts = new int[Task.ClassCount];
        if (Task.Kind == TaskKind.Classification)
        {
            foreach (var label in Targets)
            {
                counts[(int)label]++;
            }
        }

        return new DatasetSummary(Name, Rows, Columns, Task, counts);
    }

    /// <summary>The numeric view training consumes: the same arrays, <see cref="DatasetTask.TargetWidth"/> targets per row.</summary>
    public TrainingData ToTrainingData() => new(Features, Targets, Columns);

    private void CheckRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
    }

    private void RequireClassification()
    {
        if (Task.Kind != TaskKind.Classification)
        {
            throw new InvalidOperationException($"Data set '{Name}' is a {Task}; it has no class labels.");
        }
    }

    private static void CheckFeatureNames(string dataset, string[] names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                throw new ArgumentException($"Data set '{dataset}': feature {i + 1} has no name.", "featureNames");
            }

            if (!seen.Add(names[i]))
            {
                throw new ArgumentException($"Data set '{dataset}': two features are named '{names[i]}'.", "featureNames");
            }
        }
    }

    private void CheckValues()
    {
        var features = Features;
        for (var i = 0; i < features.Length; i++)
        {
            if (!float.IsFinite(features[i]))
            {
                var row = i / Columns;
                throw new ArgumentException(
                    $"Data set '{Name}': feature '{FeatureNames[i % Columns]}' of row {row} ({_origins[row]}) is {Describe(features[i])}; every value must be finite.");
            }
        }

        var width = Task.TargetWidth;
        var classes = Task.ClassCount;
        for (var i = 0; i < Targets.Length; i++)
        {
            var value = Targets[i];
            var row = i / width;
            if (!float.IsFinite(value))
            {
                throw new ArgumentException(
                    $"Data set '{Name}': target '{Task.TargetNames[i % width]}' of row {row} ({_origins[row]}) is {Describe(value)}; every value must be finite.");
            }

            if (Task.Kind == TaskKind.Classification && (value < 0 || value >= classes || value != MathF.Floor(value)))
            {
                throw new ArgumentException(
                    $"Data set '{Name}': the label of row {row} ({_origins[row]}) is {Describe(value)}, not a class index in 0..{classes - 1} ({string.Join(", ", Task.ClassNames)}).");
            }
        }
    }

    private static string Describe(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
