using System.Buffers.Binary;
using System.IO.Compression;

namespace DynPmnn.Data;

/// <summary>
/// Decompresses whole gzip files and checks them against their trailer: <see cref="GZipStream"/> ends quietly where a
/// cut file ends, so a download that stopped early would otherwise read as a shorter, valid-looking file.
/// </summary>
/// <remarks>
/// A gzip member ends with the CRC-32 and the length (mod 2^32) of its decompressed content (RFC 1952, section 2.3.1);
/// a cut file's last eight bytes are compressed data instead, which match both only by a one in 2^64 chance. The data
/// files are single-member and small (the largest, cal_housing.tgz, decompresses to 2 MB), so they are held in memory.
/// </remarks>
internal static class GzipContent
{
    private static readonly uint[] Crc32Table = MakeCrc32Table();

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
        if ((uint)data.Length != expectedLength || Crc32(data) != expectedCrc)
        {
            throw new InvalidDataException(
                $"the gzip data is cut short or damaged: its trailer does not match the {data.Length:N0} bytes it decompresses to");
        }

        return data;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Crc32Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] MakeCrc32Table()
    {
        // The reflected polynomial of the CRC-32 gzip uses (RFC 1952, section 8).
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
