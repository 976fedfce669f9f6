using System.Buffers.Binary;
using System.IO.Compression;
using DynPmnn.IO;

namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// Encodes 8-bit RGB or RGBA images as PNG (ISO/IEC 15948): the signature, one <c>IHDR</c>, one <c>IDAT</c> holding
/// the zlib-compressed rows, and <c>IEND</c>, each chunk followed by its CRC-32.
/// </summary>
/// <remarks>
/// Every row uses filter type 0 (none). The adaptive filters would make files somewhat smaller, but plots are mostly
/// flat background that deflate already compresses well, and unfiltered rows keep the encoder short enough to check
/// by eye and the output trivially decodable in tests.
/// </remarks>
public static class PngWriter
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Encodes <paramref name="pixels"/> (row-major, top row first, <paramref name="width"/> ×
    /// <paramref name="height"/> pixels of 3 or 4 bytes each, as <paramref name="colorType"/> says) as PNG bytes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> is not exactly one image long.</exception>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType = PngColorType.Rgba)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var channels = colorType switch
        {
            PngColorType.Rgb => 3,
            PngColorType.Rgba => 4,
            _ => throw new ArgumentOutOfRangeException(nameof(colorType), colorType, "Only RGB and RGBA are supported."),
        };
        var rowBytes = (long)width * channels;
        var expected = rowBytes * height;
        // The filtered stream adds one byte per row and must fit in one array.
        if (expected + height > Array.MaxLength)
        {
            throw new ArgumentException($"A {width}×{height} image is too large to encode in memory.", nameof(pixels));
        }

        if (pixels.Length != expected)
        {
            throw new ArgumentException(
                $"A {width}×{height} {colorType} image needs {expected} bytes, but {pixels.Length} were given.",
                nameof(pixels));
        }

        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)height);
        header[8] = 8; // bit depth
        header[9] = (byte)colorType;
        header[10] = 0; // compression: deflate, the only one defined
        header[11] = 0; // filter method: the only one defined
        header[12] = 0; // no interlacing
        WriteChunk(output, "IHDR"u8, header);

        WriteChunk(output, "IDAT"u8, Compress(pixels, (int)rowBytes, height));
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    /// <summary>Encodes the image as <see cref="Encode"/> does and writes it to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType = PngColorType.Rgba)
        => AtomicFile.WriteAllBytes(path, Encode(pixels, width, height, colorType));

    private static byte[] Compress(ReadOnlySpan<byte> pixels, int rowBytes, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            ReadOnlySpan<byte> noFilter = [0];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(noFilter);
                zlib.Write(pixels.Slice(y * rowBytes, rowBytes));
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        // The CRC covers the type and the data but not the length.
        var crc = Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Initial, type), data));
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }
}
