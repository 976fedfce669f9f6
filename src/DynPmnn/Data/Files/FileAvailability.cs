namespace DynPmnn.Data;

/// <summary>Whether a data file is at hand, found by a search that downloads nothing.</summary>
/// <param name="File">Which file.</param>
/// <param name="Located">The verified copy found, or <see langword="null"/>.</param>
/// <param name="Problem">Why a copy found cannot be used (a wrong checksum, a missing folder), or <see langword="null"/>.</param>
public sealed record FileAvailability(DataFile File, LocatedFile? Located, string? Problem)
{
    /// <summary>A verified copy is at hand.</summary>
    public bool IsAvailable => Located is not null;

    public override string ToString() =>
        Located?.ToString()
        ?? Problem
        ?? $"{File.FileName} not found; it would be downloaded from {string.Join(" or ", File.DownloadUrls)}";
}

/// <summary>Where each file of a built-in data set is, as a listing of data sets shows it.</summary>
/// <param name="Dataset">The data set.</param>
/// <param name="Files">One entry per file of the data set.</param>
public sealed record DatasetAvailability(BuiltInDataset Dataset, IReadOnlyList<FileAvailability> Files)
{
    /// <summary>Every file is at hand, verified.</summary>
    public bool IsAvailable => Files.All(f => f.IsAvailable);

    public override string ToString() => $"{Dataset.Name}: {string.Join("; ", Files)}";
}
