namespace DynPmnn.Data;

/// <summary>A file a built-in data set is read from: its name, the SHA-256 it must have and where it can be downloaded.</summary>
public sealed record DataFile
{
    /// <summary>The name the file is looked for under, in every folder searched, and saved as in the cache.</summary>
    public required string FileName { get; init; }

    /// <summary>The SHA-256 (lower-case hex) of the file's bytes, or of its decompressed content when <see cref="ChecksumOfDecompressedContent"/>.</summary>
    public required string Sha256 { get; init; }

    /// <summary>
    /// The checksum is of the gzip file's decompressed content: gzip bytes depend on the compressor and its settings
    /// (scikit-learn's diabetes files and repackaged copies differ), the data does not.
    /// </summary>
    public bool ChecksumOfDecompressedContent { get; init; }

    /// <summary>Where the file can be downloaded, tried in order. Empty when only <see cref="Archive"/> can be.</summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [];

    /// <summary>An archive that holds this file and is accepted in its place, or <see langword="null"/>.</summary>
    public DataFileArchive? Archive { get; init; }

    /// <summary>Where the file (or its archive) can be downloaded.</summary>
    public IReadOnlyList<Uri> DownloadUrls => Urls.Count > 0 ? Urls : Archive?.Urls ?? [];

    /// <summary>The name of what a download saves: the file, or its archive when only the archive is published.</summary>
    public string DownloadFileName => Urls.Count > 0 || Archive is null ? FileName : Archive.FileName;

    /// <summary>The checksum and how it is taken, for messages.</summary>
    internal string DescribeChecksum() => ChecksumOfDecompressedContent ? $"SHA-256 {Sha256} of the decompressed content" : $"SHA-256 {Sha256}";
}

/// <summary>An archive accepted in place of a <see cref="DataFile"/>, as scikit-learn downloads <c>cal_housing.tgz</c> for <c>cal_housing.data</c>.</summary>
/// <param name="FileName">The archive's name.</param>
/// <param name="Sha256">The SHA-256 of the archive's bytes.</param>
/// <param name="EntryName">The path of the file inside the archive.</param>
/// <param name="Urls">Where the archive can be downloaded.</param>
public sealed record DataFileArchive(string FileName, string Sha256, string EntryName, IReadOnlyList<Uri> Urls);
