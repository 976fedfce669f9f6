using System.Buffers.Binary;
using System.Xml.Linq;
using SkiaSharp;

namespace DynPmnn.Tests.Reporting;

/// <summary>What the figure tests read back from PNG and SVG files.</summary>
internal static class FigureFiles
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The width and height in a PNG's header, after checking its signature and that IHDR comes first.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 33, $"{png.Length} bytes is too short for a PNG");
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8)));
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>The text of every <c>&lt;text&gt;</c> element, trimmed, after checking the document parses.</summary>
    public static List<string> SvgTexts(string svg) => SvgTextElements(svg).Select(t => t.Value.Trim()).ToList();

    /// <summary>The <c>&lt;text&gt;</c> elements of an SVG document.</summary>
    public static List<XElement> SvgTextElements(string svg)
    {
        var document = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        return document.Descendants(Svg + "text").ToList();
    }

    /// <summary>How many pixels in the rectangle satisfy <paramref name="match"/>.</summary>
    public static int CountPixels(byte[] png, Func<SKColor, bool> match, SKRectI? area = null)
    {
        using var bitmap = SKBitmap.Decode(png);
        var rect = area ?? new SKRectI(0, 0, bitmap.Width, bitmap.Height);
        var count = 0;
        for (var y = rect.Top; y < rect.Bottom; y++)
        {
            for (var x = rect.Left; x < rect.Right; x++)
            {
                count += match(bitmap.GetPixel(x, y)) ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>Nearly black: text, frames and whiskers, not the palette's colours or grid lines.</summary>
    public static bool IsInk(SKColor c) => c.Red < 100 && c.Green < 100 && c.Blue < 100;
}
