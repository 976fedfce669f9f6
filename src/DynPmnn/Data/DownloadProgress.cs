namespace DynPmnn.Data;

/// <summary>How far a download has got.</summary>
/// <param name="BytesReceived">Bytes written so far.</param>
/// <param name="TotalBytes">The size the server announced, or <see langword="null"/> when it announced none.</param>
public readonly record struct DownloadProgress(long BytesReceived, long? TotalBytes)
{
    /// <summary>The file being downloaded, when the download is one of several; <see langword="null"/> otherwise.</summary>
    public string? FileName { get; init; }

    /// <summary>The fraction done in [0, 1], or <see langword="null"/> when the total is unknown.</summary>
    public double? Fraction => TotalBytes is > 0 and var total ? Math.Min(1.0, (double)BytesReceived / total) : null;
}
