using System.Security.Cryptography;

namespace DynPmnn.Data;

/// <summary>SHA-256 of a data file, of its bytes or of its decompressed content.</summary>
internal static class FileChecksum
{
    /// <summary>
    /// The lower-case hex SHA-256 of the file's bytes or, when <paramref name="ofDecompressedContent"/> is set and the
    /// file starts with the gzip magic bytes, of the bytes it decompresses to (a file already decompressed is hashed
    /// as it is, which is the same content).
    /// </summary>
    /// <exception cref="InvalidDataException">The gzip data is damaged or cut short.</exception>
    public static string Compute(string path, bool ofDecompressedContent)
    {
        using var stream = File.OpenRead(path);
        return !ofDecompressedContent || !GzipContent.HasMagic(stream)
            ? Convert.ToHexStringLower(SHA256.HashData(stream))
            : Convert.ToHexStringLower(SHA256.HashData(GzipContent.Decompress(stream)));
    }
}
