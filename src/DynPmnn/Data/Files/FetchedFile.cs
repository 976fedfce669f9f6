namespace DynPmnn.Data;

/// <summary>A data file placed in a folder by <see cref="DataLocator.FetchAllAsync"/>.</summary>
/// <param name="Dataset">The data set it belongs to.</param>
/// <param name="File">Which file.</param>
/// <param name="Destination">Its verified copy in the folder.</param>
/// <param name="CopiedFrom">The verified copy it was copied from now, or <see langword="null"/> when a verified copy was already in the folder.</param>
public sealed record FetchedFile(BuiltInDataset Dataset, DataFile File, string Destination, LocatedFile? CopiedFrom)
{
    public override string ToString() => CopiedFrom is { } origin
        ? $"{Dataset.Name}: {Destination} (from {origin})"
        : $"{Dataset.Name}: {Destination} (already there, verified)";
}
