using System.Buffers.Binary;
using System.IO.Compression;

namespace DynPmnn.Data;

/// <summary>
/// Decompresses whole gzip files and checks them against their trailer: <see cref="GZipStream"/> ends quietly where a
/// cut file ends, so a download that stopped early would otherwise read as a shorter, valid-looking file.
/// </summary>
/// <remarks>
/// A gzip member ends with the CRC-32 and the length (mod 2^32) of its decompressed content (RFC 1952, section 2.3.1);
/// a cut file's last eight bytes are compressed data instead, which match both only by a one in 2^64 chance. The CRC is
/// System.IO.Hashing's CRC-32, gzip's polynomial. The data files are single-member and small (the largest, cal_housing.tgz, decompresses to 2 MB), so they are held in memory.
/// </remarks>
internal static class GzipContent
{
    /// <summary>Whether the stream starts with the gzip magic bytes; the position is left at the start.</summary>
    public static bool HasMagic(Stream stream)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>The decompressed content of a gzip stream read to its end.</summary>
    /// <exception cref="InvalidDataException">The data is damaged, or cut short (its trailer does not match the content).</exception>
    public static byte[] Decompress(Stream compressed)
    {
        using var whole = new MemoryStream();
        compressed.CopyTo(whole);
        var bytes = whole.GetBuffer().AsSpan(0, (int)whole.Length);
        if (bytes.Length < 18)
        {
            throw new InvalidDataException($"the gzip data is cut short: {bytes.Length} bytes is shorter than any gzip file (18 bytes of header and trailer)");
        }

        using var content = new MemoryStream();
        whole.Position = 0;
        try
        {
            using var gzip = new GZipStream(whole, CompressionMode.Decompress, leaveOpen: true);
            gzip.CopyTo(content);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"the gzip data is damaged ({e.Message})", e);
        }

        var expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^8..]);
        var expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]);
        var data = content.ToArray();
        if ((uint)data.Length != expectedLength || System.IO.Hashing.Crc32.HashToUInt32(data) != expectedCrc)
        {
            throw new InvalidDataException(
                $"the gzip data is cut short or damaged: its trailer does not match the {data.Length:N0} bytes it decompresses to");
        }

        return data;
    }
}
