using System.Text.Json.Serialization;

namespace DynPmnn.Data;

/// <summary>
/// The raw columns a data set's features and targets were made from, and how: enough to encode the rows of another
/// file exactly as the training file was encoded (same feature order, same one-hot categories, same class indices).
/// </summary>
/// <remarks>
/// A plain record of settable properties so that System.Text.Json can save it beside a model and read it back; call
/// <see cref="Validate"/> after reading one. Columns of a new file are matched by name, so their order may differ and
/// extra columns are ignored.
/// </remarks>
public sealed record TabularSchema
{
    /// <summary>The raw feature columns, in the order their encoded features appear in a row.</summary>
    public required IReadOnlyList<FeatureColumn> Features { get; init; }

    /// <summary>The target column names: the outputs of a regression, or the one label column of a classification.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>Regression or classification.</summary>
    public TaskKind Task { get; init; }

    /// <summary>Classification: the class names, class index = position. Empty for regression.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>
    /// Classification: the label column holds class indices 0..K-1 rather than class names (as scikit-learn's frames
    /// and the built-in files do). A cell naming a class is accepted either way.
    /// </summary>
    public bool LabelsAreClassIndices { get; init; }

    /// <summary>The names of the encoded features, in row order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> EncodedFeatureNames => Features.SelectMany(f => f.EncodedNames()).ToArray();

    /// <summary>Features per encoded row.</summary>
    [JsonIgnore]
    public int EncodedWidth => Features.Sum(f => f.EncodedWidth());

    /// <summary>A schema whose every feature is a numeric column of the same name.</summary>
    public static TabularSchema ForNumericFeatures(IReadOnlyList<string> featureNames, DatasetTask task, bool labelsAreClassIndices = false)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(task);
        return new TabularSchema
        {
            Features = featureNames.Select(name => new FeatureColumn { Name = name, Kind = FeatureKind.Numeric }).ToArray(),
            Targets = task.TargetNames.ToArray(),
            Task = task.Kind,
            ClassNames = task.ClassNames.ToArray(),
            LabelsAreClassIndices = labelsAreClassIndices && task.Kind == TaskKind.Classification,
        };
    }

    /// <summary>The task the targets describe.</summary>
    public DatasetTask ToTask() => Task == TaskKind.Regression
        ? DatasetTask.Regression([.. Targets])
        : DatasetTask.Classification(Targets.Count == 1 ? Targets[0] : throw Invalid($"a classification has one label column, not {Targets.Count}"), ClassNames);

    /// <summary>Checks a schema read from a file: names present and unique, categories present and unique, classes consistent.</summary>
    /// <exception cref="InvalidDataException">What is wrong, named.</exception>
    public void Validate()
    {
        if (Features is null || Features.Count == 0)
        {
            throw Invalid("it lists no feature columns");
        }

        if (Targets is null || Targets.Count == 0)
        {
            throw Invalid("it lists no target columns");
        }

        var columns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in Features)
        {
            if (feature is null || string.IsNullOrWhiteSpace(feature.Name))
            {
                throw Invalid("a feature column has no name");
            }

            if (!columns.Add(feature.Name))
            {
                throw Invalid($"column '{feature.Name}' is listed twice");
            }

            if (feature.Kind == FeatureKind.Categorical)
            {
                if (feature.Categories is null || feature.Categories.Count == 0)
                {
                    throw Invalid($"categorical column '{feature.Name}' lists no categories");
                }

                if (feature.Categories.Distinct(StringComparer.Ordinal).Count() != feature.Categories.Count)
                {
                    throw Invalid($"categorical column '{feature.Name}' lists a category twice");
                }
            }
            else if (feature.Kind != FeatureKind.Numeric || feature.Categories is { Count: > 0 })
            {
                throw Invalid($"column '{feature.Name}' is neither numeric nor categorical with categories");
            }
        }

        foreach (var target in Targets)
        {
            if (string.IsNullOrWhiteSpace(target) || !columns.Add(target))
            {
                throw Invalid($"target column '{target}' is unnamed or also listed as a feature or target");
            }
        }

        var encoded = EncodedFeatureNames;
        if (encoded.Distinct(StringComparer.Ordinal).Count() != encoded.Count)
        {
            throw Invalid("two features encode to the same name");
        }

        try
        {
            ToTask();
        }
        catch (ArgumentException e)
        {
            throw Invalid(e.Message);
        }
    }

    /// <summary>
    /// Reads a delimited file with a header and encodes its rows with this schema: columns matched by name, extra
    /// columns ignored, targets read when every target column is present.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="delimiter">The delimiter, or <see langword="null"/> to sniff it from the header.</param>
    /// <param name="maxRowLength">The longest row, in characters, read before the file is rejected.</param>
    /// <exception cref="DataFormatException">A needed column is missing, a cell is missing or not a number, a category or class is unknown; the message names file, line and column.</exception>
    public EncodedRows ReadFile(string path, char? delimiter = null, int maxRowLength = DelimitedFile.DefaultMaxRowLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The file '{path}' does not exist.", path);
        }

        return Read(() => DelimitedReader.OpenText(path), path, delimiter, maxRowLength);
    }

    /// <summary>As <see cref="ReadFile"/>, from text that <paramref name="open"/> supplies; <paramref name="source"/> names it in messages.</summary>
    public EncodedRows Read(Func<TextReader> open, string source, char? delimiter = null, int maxRowLength = DelimitedFile.DefaultMaxRowLength)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRowLength);
        Validate();
        using var reader = DelimitedReader.Open(open, source, delimiter, maxRowLength);
        var header = reader.Header;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            index[header[i]] = i;
        }

        var missing = Features.Select(f => f.Name).Where(n => !index.ContainsKey(n)).ToArray();
        if (missing.Length > 0)
        {
            throw new DataFormatException(
                source,
                reader.HeaderLine,
                $"the header lacks the feature column(s) {Quote(missing)}. The header has {Quote(header)}.");
        }

        var presentTargets = Targets.Where(index.ContainsKey).ToArray();
        if (presentTargets.Length > 0 && presentTargets.Length < Targets.Count)
        {
            throw new DataFormatException(
                source,
                reader.HeaderLine,
                $"the header has target column(s) {Quote(presentTargets)} but not {Quote(Targets.Except(presentTargets))}; give all target columns or none.");
        }

        var encoders = Features.Select(f => ColumnEncoder.For(f, index[f.Name], source)).ToArray();
        var labels = presentTargets.Length > 0 ? TargetDecoder.For(this, Targets.Select(t => index[t]).ToArray(), source) : null;
        var used = new HashSet<string>(Features.Select(f => f.Name).Concat(presentTargets), StringComparer.Ordinal);
        var ignored = header.Where(h => !used.Contains(h)).ToArray();

        var width = EncodedWidth;
        var features = new List<float>();
        var targets = labels is null ? null : new List<float>();
        var lines = new List<int>();
        var row = new float[width];
        while (reader.MoveNext())
        {
            Array.Clear(row);
            var offset = 0;
            foreach (var encoder in encoders)
            {
                encoder.Encode(reader, row.AsSpan(offset, encoder.Width));
                offset += encoder.Width;
            }

            features.AddRange(row);
            labels?.Decode(reader, targets!);
            lines.Add(reader.Line);
        }

        if (lines.Count == 0)
        {
            throw new DataFormatException(source, reader.HeaderLine, "the file has a header but no rows of data.");
        }

        return new EncodedRows(this, [.. features], targets is null ? null : [.. targets], RowOrigins.FromLines(source, [.. lines]), reader.Delimiter, ignored);
    }

    /// <summary>Whether <paramref name="other"/> describes the same columns, encodings, targets and classes.</summary>
    public bool Equals(TabularSchema? other) =>
        other is not null
        && Task == other.Task
        && LabelsAreClassIndices == other.LabelsAreClassIndices
        && Features.SequenceEqual(other.Features)
        && Targets.SequenceEqual(other.Targets)
        && ClassNames.SequenceEqual(other.ClassNames);

    public override int GetHashCode() => HashCode.Combine(Task, Features.Count, Targets.Count, ClassNames.Count);

    /// <summary>Checks that <paramref name="data"/>'s features and task are what this schema encodes.</summary>
    internal void CheckDescribes(Dataset data, string parameter)
    {
        if (!EncodedFeatureNames.SequenceEqual(data.FeatureNames) || !ToTask().Equals(data.Task))
        {
            throw new ArgumentException(
                $"Data set '{data.Name}': the schema encodes features ({string.Join(", ", EncodedFeatureNames)}) for a {ToTask()}, "
                + $"but the data set has features ({string.Join(", ", data.FeatureNames)}) for a {data.Task}.",
                parameter);
        }
    }

    internal static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static InvalidDataException Invalid(string problem) => new($"The table schema is not valid: {problem}.");
}
