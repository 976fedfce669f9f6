using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DynPmnn.Tests.Reporting;

/// <summary>What <see cref="PngReader"/> found in a PNG: the header fields, the chunk order and the unfiltered pixels.</summary>
internal sealed record PngImage(
    int Width, int Height, int BitDepth, int ColorType, int Compression, int Filter, int Interlace,
    IReadOnlyList<string> ChunkTypes, byte[] Pixels)
{
    public int Channels => ColorType switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException($"colour type {ColorType}") };
}

/// <summary>
/// A deliberately separate, minimal PNG reader for checking what the writer produces: it verifies every chunk's CRC
/// with a bitwise loop (not the writer's table) and undoes only filter type 0, failing on anything else.
/// </summary>
internal static class PngReader
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static PngImage Decode(byte[] png)
    {
        Assert.True(png.AsSpan().StartsWith(Signature), "PNG signature");
        var types = new List<string>();
        var idat = new MemoryStream();
        byte[]? header = null;
        var offset = Signature.Length;
        while (offset < png.Length)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset)));
            var type = png.AsSpan(offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            var stored = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            var typeName = Encoding.ASCII.GetString(type);
            Assert.Equal(BitwiseCrc(png.AsSpan(offset + 4, 4 + length)), stored);
            types.Add(typeName);
            switch (typeName)
            {
                case "IHDR":
                    header = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            offset += 12 + length;
        }

        Assert.Equal(png.Length, offset);
        Assert.NotNull(header);
        Assert.Equal(13, header.Length);
        var width = (int)BinaryPrimitives.ReadUInt32BigEndian(header);
        var height = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        var image = new PngImage(width, height, header[8], header[9], header[10], header[11], header[12], types, []);

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var filtered = raw.ToArray();
        var rowBytes = width * image.Channels;
        Assert.Equal((rowBytes + 1) * height, filtered.Length);
        var pixels = new byte[rowBytes * height];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, filtered[y * (rowBytes + 1)]);
            filtered.AsSpan((y * (rowBytes + 1)) + 1, rowBytes).CopyTo(pixels.AsSpan(y * rowBytes));
        }

        return image with { Pixels = pixels };
    }

    /// <summary>CRC-32 one bit at a time, straight from the definition in the PNG specification's annex.</summary>
    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
