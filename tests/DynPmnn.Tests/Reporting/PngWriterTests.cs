using System.Text;
using DynPmnn.Experiments.Reporting;

namespace DynPmnn.Tests.Reporting;

public sealed class PngWriterTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "dynpmnn-tests-" + Guid.NewGuid().ToString("N"));

    public PngWriterTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Crc32MatchesTheStandardCheckValues()
    {
        // The catalogued check value of CRC-32/ISO-HDLC, and the CRC every PNG's empty IEND chunk carries.
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
        var random = new Random(7);
        var bytes = new byte[1000];
        random.NextBytes(bytes);
        Assert.Equal(PngReader.BitwiseCrc(bytes), Crc32.Compute(bytes));
    }

    [Fact]
    public void RgbaImageHasSignatureHeaderAndExactPixels()
    {
        var pixels = RandomPixels(37, 23, 4, seed: 1);
        var png = PngWriter.Encode(pixels, 37, 23);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // IHDR comes first with length 13, so its type sits at bytes 12..15.
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        var image = PngReader.Decode(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], image.ChunkTypes);
        Assert.Equal((37, 23, 8, 6, 0, 0, 0), (image.Width, image.Height, image.BitDepth, image.ColorType, image.Compression, image.Filter, image.Interlace));
        Assert.Equal(pixels, image.Pixels);
        Assert.Equal(new byte[] { 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82 }, png[^12..]);
    }

    [Fact]
    public void RgbImageRoundTrips()
    {
        var pixels = RandomPixels(1, 5, 3, seed: 2);
        var image = PngReader.Decode(PngWriter.Encode(pixels, 1, 5, PngColorType.Rgb));
        Assert.Equal((1, 5, 8, 2), (image.Width, image.Height, image.BitDepth, image.ColorType));
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void PixelBufferOfTheWrongSizeIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => PngWriter.Encode(new byte[4 * 6 - 1], 3, 2));
        Assert.Contains("needs 24 bytes", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PngWriter.Encode([], 0, 2));
    }

    [Fact]
    public void SaveReplacesTheFileAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(directory, "image.png");
        File.WriteAllText(path, "an older file");
        var pixels = RandomPixels(4, 3, 4, seed: 3);
        PngWriter.Save(path, pixels, 4, 3);

        Assert.Equal(pixels, PngReader.Decode(File.ReadAllBytes(path)).Pixels);
        Assert.Equal(["image.png"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    private static byte[] RandomPixels(int width, int height, int channels, int seed)
    {
        var pixels = new byte[width * height * channels];
        new Random(seed).NextBytes(pixels);
        return pixels;
    }
}
