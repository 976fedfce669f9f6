namespace DynPmnn.Data;

/// <summary>
/// A data set the library knows: what it is, where it comes from, under what licence, the files it is read from
/// (with their checksums) and how to read them.
/// </summary>
/// <remarks>Obtain one from <see cref="BuiltInDatasets"/>; find its files with <see cref="DataLocator.LocateAsync"/>.</remarks>
public sealed class BuiltInDataset
{
    private readonly Func<IReadOnlyList<string>, Dataset> _load;

    internal BuiltInDataset(
        string name,
        IReadOnlyList<string> aliases,
        string title,
        string description,
        DatasetTask task,
        IReadOnlyList<string> featureNames,
        int rowCount,
        Uri homepage,
        string license,
        string citation,
        IReadOnlyList<DataFile> files,
        Func<IReadOnlyList<string>, Dataset> load,
        bool labelsAreClassIndices = false)
    {
        Name = name;
        Aliases = aliases;
        Title = title;
        Description = description;
        Task = task;
        FeatureNames = featureNames;
        RowCount = rowCount;
        Homepage = homepage;
        License = license;
        Citation = citation;
        Files = files;
        _load = load;
        Schema = TabularSchema.ForNumericFeatures(featureNames, task, labelsAreClassIndices);
    }

    /// <summary>The name to ask for it by, e.g. <c>breast-cancer</c>.</summary>
    public string Name { get; }

    /// <summary>Other accepted names, e.g. <c>breast_cancer</c>.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>A one-line title.</summary>
    public string Title { get; }

    /// <summary>A few sentences: what the rows, features and targets are.</summary>
    public string Description { get; }

    /// <summary>What is predicted.</summary>
    public DatasetTask Task { get; }

    /// <summary>The features, in row order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The number of rows the published data has; a file with another count is refused.</summary>
    public int RowCount { get; }

    /// <summary>The data set's page.</summary>
    public Uri Homepage { get; }

    /// <summary>The licence the data is published under.</summary>
    public string License { get; }

    /// <summary>How to cite it.</summary>
    public string Citation { get; }

    /// <summary>The files it is read from.</summary>
    public IReadOnlyList<DataFile> Files { get; }

    /// <summary>The raw columns of a CSV of its rows (all numeric, under the feature names), for encoding new rows.</summary>
    public TabularSchema Schema { get; }

    /// <summary>Every URL its files are downloaded from.</summary>
    public IEnumerable<Uri> SourceUrls => Files.SelectMany(f => f.DownloadUrls);

    /// <summary>Reads the data set from its files, one path per entry of <see cref="Files"/>, in that order.</summary>
    /// <exception cref="DataFormatException">A file cannot be read, or the data does not have <see cref="RowCount"/> rows.</exception>
    public Dataset Load(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count != Files.Count)
        {
            throw new ArgumentException(
                $"{Name} is read from {Files.Count} file(s) ({string.Join(", ", Files.Select(f => f.FileName))}), got {paths.Count} path(s).", nameof(paths));
        }

        var data = _load(paths);
        if (data.Rows != RowCount)
        {
            throw new DataFormatException(
                paths[0], null, $"{data.Rows:N0} rows were read, but {Name} has {RowCount:N0}; the file is incomplete or not the published one.");
        }

        return data;
    }

    public override string ToString() => $"{Name}: {Title}";
}
