using System.Diagnostics;
using DynPmnn.Experiments.Reporting;

namespace DynPmnn.Tests.Reporting;

public sealed class CanvasTests
{
    private static readonly RgbaColor Red = new(255, 0, 0);

    [Fact]
    public void SetPixelOutsideTheCanvasOrClipIsIgnored()
    {
        var canvas = new Canvas(4, 3);
        canvas.Clear(RgbaColor.White);
        canvas.SetPixel(-1, 0, Red);
        canvas.SetPixel(4, 0, Red);
        canvas.SetPixel(0, 3, Red);
        canvas.SetPixel(2, 1, Red);
        canvas.SetClip(0, 0, 2, 2);
        canvas.SetPixel(3, 2, Red);

        Assert.Equal([(2, 1)], Painted(canvas, Red));
        Assert.Equal(RgbaColor.White, canvas.GetPixel(0, 0));
        Assert.Equal(new byte[] { 255, 0, 0, 255 }, canvas.Pixels.Slice(((1 * 4) + 2) * 4, 4).ToArray());
    }

    [Fact]
    public void LinesHaveTheirWidthAndBothEndpoints()
    {
        var thin = new Canvas(10, 10);
        thin.DrawLine(1, 2, 6, 2, Red);
        Assert.Equal(Enumerable.Range(1, 6).Select(x => (x, 2)), Painted(thin, Red));

        var diagonal = new Canvas(10, 10);
        diagonal.DrawLine(0, 0, 4, 4, Red);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (i, i)), Painted(diagonal, Red));

        // Radius 1 makes a horizontal line three pixels tall and overhang each end by one.
        var thick = new Canvas(10, 10);
        thick.DrawLine(2, 5, 6, 5, Red, radius: 1);
        var painted = Painted(thick, Red);
        Assert.Equal(7 * 3, painted.Count);
        Assert.Equal((1, 7, 4, 6), (painted.Min(p => p.X), painted.Max(p => p.X), painted.Min(p => p.Y), painted.Max(p => p.Y)));
    }

    [Fact]
    public void LinesFarOffTheCanvasAreClippedNotWalked()
    {
        var canvas = new Canvas(50, 20);
        var clock = Stopwatch.StartNew();
        canvas.DrawLine(-1e12, 7, 1e12, 7, Red);
        canvas.DrawLine(double.NaN, 1, 10, 1, Red);
        canvas.DrawLine(0, 1, double.PositiveInfinity, 1, Red);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
        Assert.Equal(Enumerable.Range(0, 50).Select(x => (x, 7)), Painted(canvas, Red));
    }

    [Fact]
    public void FillRectangleIsClippedToTheCanvas()
    {
        var canvas = new Canvas(5, 5);
        canvas.FillRectangle(3, -2, 10, 4, Red);
        Assert.Equal([(3, 0), (4, 0), (3, 1), (4, 1)], Painted(canvas, Red));
    }

    [Fact]
    public void TextDrawsGlyphPixelsScaledAndRotated()
    {
        // '-' is the middle row (row 3) of the 5×7 cell.
        var flat = new Canvas(20, 20);
        flat.DrawText(2, 1, "-", Red);
        Assert.Equal(Enumerable.Range(2, 5).Select(x => (x, 4)), Painted(flat, Red));

        var scaled = new Canvas(20, 20);
        scaled.DrawText(0, 0, "-", Red, scale: 2);
        Assert.Equal(10 * 2, Painted(scaled, Red).Count);

        // Rotated a quarter turn anticlockwise the dash becomes a vertical bar in column 3.
        var upright = new Canvas(20, 20);
        upright.DrawTextVertical(0, 0, "-", Red);
        Assert.Equal(Enumerable.Range(0, 5).Select(y => (3, y)), Painted(upright, Red));

        // Reading bottom to top: the first character ends up lowest.
        var word = new Canvas(20, 20);
        word.DrawTextVertical(0, 0, "1 ", Red);
        Assert.True(Painted(word, Red).All(p => p.Y >= BitmapFont.Advance));
    }

    [Fact]
    public void FontHasADistinctGlyphForEveryLabelCharacter()
    {
        const string Needed = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-+:,()/=%_×±";
        Assert.All(Needed, c => Assert.True(BitmapFont.HasGlyph(c), $"no glyph for '{c}'"));
        Assert.True(BitmapFont.HasGlyph(' '));
        var shapes = Needed.Select(c => Convert.ToHexString(BitmapFont.Glyph(c))).ToList();
        Assert.Equal(shapes.Count, shapes.Distinct().Count());
        Assert.All(Needed, c => Assert.All(BitmapFont.Glyph(c).ToArray(), row => Assert.True(row < 0x20)));
        Assert.Equal((3 * 6 * 2) - 2, BitmapFont.Measure("abc", scale: 2).Width);
        Assert.Equal(14, BitmapFont.Measure("abc", scale: 2).Height);
    }

    private static List<(int X, int Y)> Painted(Canvas canvas, RgbaColor color)
    {
        var points = new List<(int, int)>();
        for (var y = 0; y < canvas.Height; y++)
        {
            for (var x = 0; x < canvas.Width; x++)
            {
                if (canvas.GetPixel(x, y) == color)
                {
                    points.Add((x, y));
                }
            }
        }

        return points;
    }
}
