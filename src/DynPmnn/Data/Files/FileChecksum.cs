using System.IO.Compression;
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
    /// <exception cref="InvalidDataException">The gzip stream is damaged or cut short.</exception>
    public static string Compute(string path, bool ofDecompressedContent)
    {
        using var stream = File.OpenRead(path);
        if (!ofDecompressedContent || !StartsWithGzipMagic(stream))
        {
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return Convert.ToHexStringLower(SHA256.HashData(gzip));
    }

    private static bool StartsWithGzipMagic(Stream stream)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
