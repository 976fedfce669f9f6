namespace DynPmnn.Data;

/// <summary>
/// What a data set asks a model to predict: the target columns' names and, for classification, the classes.
/// </summary>
/// <remarks>
/// Built only through <see cref="Regression"/> and <see cref="Classification"/>, which check the names, so a task in
/// hand is always consistent: a regression has at least one uniquely named output and no classes, a classification has
/// one label column and at least two distinct class names. Equality compares the names element by element.
/// </remarks>
public sealed record DatasetTask
{
    private readonly string[] _targetNames;
    private readonly string[] _classNames;

    private DatasetTask(TaskKind kind, string[] targetNames, string[] classNames)
    {
        Kind = kind;
        _targetNames = targetNames;
        _classNames = classNames;
    }

    /// <summary>Regression or classification.</summary>
    public TaskKind Kind { get; }

    /// <summary>Regression: one name per output. Classification: the label column's name alone.</summary>
    public IReadOnlyList<string> TargetNames => _targetNames;

    /// <summary>Classification: the class names, the position of each being its label. Empty for regression.</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>Target values per row: the number of outputs for regression, 1 (the class index) for classification.</summary>
    public int TargetWidth => Kind == TaskKind.Regression ? _targetNames.Length : 1;

    /// <summary>The number of classes; 0 for regression.</summary>
    public int ClassCount => _classNames.Length;

    /// <summary>A classification into exactly two classes.</summary>
    public bool IsBinary => Kind == TaskKind.Classification && _classNames.Length == 2;

    /// <summary>A regression with one output per name given.</summary>
    /// <exception cref="ArgumentException">No names, a blank name, or a name given twice.</exception>
    public static DatasetTask Regression(params string[] targetNames)
    {
        ArgumentNullException.ThrowIfNull(targetNames);
        if (targetNames.Length == 0)
        {
            throw new ArgumentException("A regression needs at least one target name.", nameof(targetNames));
        }

        var names = targetNames.ToArray();
        CheckNames(names, "target", nameof(targetNames));
        return new DatasetTask(TaskKind.Regression, names, []);
    }

    /// <summary>A classification of the column <paramref name="labelName"/> into <paramref name="classNames"/>.</summary>
    /// <exception cref="ArgumentException">A blank label name, fewer than two classes, or a class name blank or given twice.</exception>
    public static DatasetTask Classification(string labelName, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (string.IsNullOrWhiteSpace(labelName))
        {
            throw new ArgumentException("A classification needs the name of its label column.", nameof(labelName));
        }

        if (classNames.Count < 2)
        {
            throw new ArgumentException(
                $"A classification needs at least two classes; '{labelName}' has {classNames.Count} ({string.Join(", ", classNames)}).",
                nameof(classNames));
        }

        var names = classNames.ToArray();
        CheckNames(names, "class", nameof(classNames));
        return new DatasetTask(TaskKind.Classification, [labelName], names);
    }

    /// <summary>Whether <paramref name="other"/> has the same kind, target names and class names, in the same order.</summary>
    public bool Equals(DatasetTask? other) =>
        other is not null
        && Kind == other.Kind
        && _targetNames.AsSpan().SequenceEqual(other._targetNames)
        && _classNames.AsSpan().SequenceEqual(other._classNames);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        foreach (var name in _targetNames)
        {
            hash.Add(name);
        }

        foreach (var name in _classNames)
        {
            hash.Add(name);
        }

        return hash.ToHashCode();
    }

    /// <summary>For example "regression of MedHouseVal" or "classification of target into 3 classes (setosa, versicolor, virginica)".</summary>
    public override string ToString() => Kind == TaskKind.Regression
        ? $"regression of {string.Join(", ", _targetNames)}"
        : $"classification of {_targetNames[0]} into {_classNames.Length} classes ({string.Join(", ", _classNames)})";

    private static void CheckNames(string[] names, string what, string parameter)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                throw new ArgumentException($"The {what} name at position {i} is empty.", parameter);
            }

            if (!seen.Add(names[i]))
            {
                throw new ArgumentException($"The {what} name '{names[i]}' is given twice.", parameter);
            }
        }
    }
}
