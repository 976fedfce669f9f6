namespace DynPmnn.Data;

/// <summary>A verified copy of a data file.</summary>
/// <param name="File">Which file.</param>
/// <param name="Path">Where it is.</param>
/// <param name="Source">How it was found.</param>
/// <param name="IsArchive">The copy is the file's archive (<see cref="DataFile.Archive"/>) rather than the file itself.</param>
public sealed record LocatedFile(DataFile File, string Path, DataFileSource Source, bool IsArchive = false)
{
    public override string ToString() => $"{Path} ({Describe(Source)})";

    internal static string Describe(DataFileSource source) => source switch
    {
        DataFileSource.ExplicitPath => "the path given",
        DataFileSource.DataDirectory => "the data folder given",
        DataFileSource.CaliforniaVariable => $"${DataLocator.EnvironmentVariable}",
        DataFileSource.DataDirectoryVariable => $"${DataLocator.DataDirectoryVariable}",
        DataFileSource.Cache => "cache",
        DataFileSource.Download => "downloaded",
        _ => source.ToString(),
    };
}
