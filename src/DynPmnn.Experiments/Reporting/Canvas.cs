namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// An RGBA raster with the few drawing operations a report needs: pixels, thick lines, filled rectangles and text in
/// the built-in <see cref="BitmapFont"/>. Drawing overwrites pixels (no blending, no anti-aliasing) and is clipped to
/// <see cref="ClipBounds"/>.
/// </summary>
/// <remarks>
/// Coordinates have the origin at the top-left pixel, x to the right and y downwards, as in the PNG it becomes.
/// Opaque overwriting keeps every drawn colour exact, which is what lets tests find a series by its colour.
/// </remarks>
public sealed class Canvas
{
    private readonly byte[] pixels;
    private (int Left, int Top, int Right, int Bottom) clip;

    /// <summary>A <paramref name="width"/> × <paramref name="height"/> canvas, transparent black until cleared.</summary>
    public Canvas(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height * 4 > Array.MaxLength)
        {
            throw new ArgumentException($"A {width}×{height} canvas is too large to hold in memory.");
        }

        Width = width;
        Height = height;
        pixels = new byte[width * height * 4];
        ResetClip();
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels, row-major from the top, four bytes (R, G, B, A) each.</summary>
    public ReadOnlySpan<byte> Pixels => pixels;

    /// <summary>The rectangle drawing is confined to, as inclusive left/top and exclusive right/bottom.</summary>
    public (int Left, int Top, int Right, int Bottom) ClipBounds => clip;

    /// <summary>
    /// Confines later drawing to the rectangle at (<paramref name="x"/>, <paramref name="y"/>) of the given size,
    /// intersected with the canvas.
    /// </summary>
    public void SetClip(int x, int y, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        var left = Math.Clamp(x, 0, Width);
        var top = Math.Clamp(y, 0, Height);
        var right = (int)Math.Clamp((long)x + width, left, Width);
        var bottom = (int)Math.Clamp((long)y + height, top, Height);
        clip = (left, top, right, bottom);
    }

    /// <summary>Lets drawing reach the whole canvas again.</summary>
    public void ResetClip() => clip = (0, 0, Width, Height);

    /// <summary>Sets every pixel, ignoring the clip rectangle, to <paramref name="color"/>.</summary>
    public void Clear(RgbaColor color)
    {
        for (var i = 0; i < pixels.Length; i += 4)
        {
            Store(i, color);
        }
    }

    /// <summary>The colour of the pixel at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The pixel is outside the canvas.</exception>
    public RgbaColor GetPixel(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        var i = ((y * Width) + x) * 4;
        return new RgbaColor(pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]);
    }

    /// <summary>Sets one pixel; pixels outside the clip rectangle are silently skipped so shapes may overhang it.</summary>
    public void SetPixel(int x, int y, RgbaColor color)
    {
        if (x >= clip.Left && x < clip.Right && y >= clip.Top && y < clip.Bottom)
        {
            Store(((y * Width) + x) * 4, color);
        }
    }

    /// <summary>Fills the rectangle at (<paramref name="x"/>, <paramref name="y"/>) of the given size.</summary>
    public void FillRectangle(int x, int y, int width, int height, RgbaColor color)
    {
        var left = Math.Max(x, clip.Left);
        var top = Math.Max(y, clip.Top);
        var right = (int)Math.Min((long)x + width, clip.Right);
        var bottom = (int)Math.Min((long)y + height, clip.Bottom);
        for (var row = top; row < bottom; row++)
        {
            for (var column = left; column < right; column++)
            {
                Store(((row * Width) + column) * 4, color);
            }
        }
    }

    /// <summary>Draws the one-pixel outline of the rectangle at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void DrawRectangle(int x, int y, int width, int height, RgbaColor color)
    {
        if (width <= 0 || height <= 0)
        {
            return;
        }

        FillRectangle(x, y, width, 1, color);
        FillRectangle(x, y + height - 1, width, 1, color);
        FillRectangle(x, y, 1, height, color);
        FillRectangle(x + width - 1, y, 1, height, color);
    }

    /// <summary>
    /// Draws a line from (<paramref name="x0"/>, <paramref name="y0"/>) to (<paramref name="x1"/>,
    /// <paramref name="y1"/>) with Bresenham's algorithm, stamping a filled disc of <paramref name="radius"/> at every
    /// step (radius 0 is a one-pixel line, 1 is three pixels wide).
    /// </summary>
    /// <remarks>
    /// Endpoints are doubles and may lie far outside the canvas (a plotted value off the axis range): the segment is
    /// first clipped (Liang–Barsky) to the clip rectangle widened by the radius, so the rasteriser only walks pixels that
    /// can show. Segments with a non-finite endpoint are not drawn.
    /// </remarks>
    public void DrawLine(double x0, double y0, double x1, double y1, RgbaColor color, int radius = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        if (!ClipSegment(ref x0, ref y0, ref x1, ref y1, radius))
        {
            return;
        }

        var ax = (int)Math.Round(x0);
        var ay = (int)Math.Round(y0);
        var bx = (int)Math.Round(x1);
        var by = (int)Math.Round(y1);
        var dx = Math.Abs(bx - ax);
        var dy = -Math.Abs(by - ay);
        var sx = ax < bx ? 1 : -1;
        var sy = ay < by ? 1 : -1;
        var error = dx + dy;
        while (true)
        {
            Stamp(ax, ay, color, radius);
            if (ax == bx && ay == by)
            {
                return;
            }

            var doubled = 2 * error;
            if (doubled >= dy)
            {
                error += dy;
                ax += sx;
            }

            if (doubled <= dx)
            {
                error += dx;
                ay += sy;
            }
        }
    }

    /// <summary>Fills a disc of <paramref name="radius"/> centred on (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void FillCircle(int x, int y, int radius, RgbaColor color)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        Stamp(x, y, color, radius);
    }

    /// <summary>
    /// Draws <paramref name="text"/> on one line with its top-left corner at (<paramref name="x"/>,
    /// <paramref name="y"/>), each font pixel a <paramref name="scale"/> × <paramref name="scale"/> square.
    /// </summary>
    public void DrawText(int x, int y, string text, RgbaColor color, int scale = 1)
        => DrawText(x, y, text, color, scale, vertical: false);

    /// <summary>
    /// Draws <paramref name="text"/> rotated a quarter turn anticlockwise, reading from bottom to top as a y-axis label
    /// does, inside the box whose top-left corner is (<paramref name="x"/>, <paramref name="y"/>) and whose size is
    /// <see cref="BitmapFont.Measure"/> with width and height swapped.
    /// </summary>
    public void DrawTextVertical(int x, int y, string text, RgbaColor color, int scale = 1)
        => DrawText(x, y, text, color, scale, vertical: true);

    /// <summary>Encodes the canvas as RGBA PNG bytes.</summary>
    public byte[] ToPng() => PngWriter.Encode(pixels, Width, Height, PngColorType.Rgba);

    /// <summary>Writes the canvas to <paramref name="path"/> as an RGBA PNG, atomically.</summary>
    public void Save(string path) => PngWriter.Save(path, pixels, Width, Height, PngColorType.Rgba);

    private void DrawText(int x, int y, string text, RgbaColor color, int scale, bool vertical)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var (width, _) = BitmapFont.Measure(text, scale);
        for (var i = 0; i < text.Length; i++)
        {
            var rows = BitmapFont.Glyph(text[i]);
            for (var row = 0; row < BitmapFont.GlyphHeight; row++)
            {
                for (var column = 0; column < BitmapFont.GlyphWidth; column++)
                {
                    if ((rows[row] & (0x10 >> column)) == 0)
                    {
                        continue;
                    }

                    // (u, v): the font pixel's top-left in unrotated text coordinates.
                    var u = ((i * BitmapFont.Advance) + column) * scale;
                    var v = row * scale;
                    if (vertical)
                    {
                        // A quarter turn anticlockwise maps the text's x onto -y and its y onto x.
                        FillRectangle(x + v, y + width - u - scale, scale, scale, color);
                    }
                    else
                    {
                        FillRectangle(x + u, y + v, scale, scale, color);
                    }
                }
            }
        }
    }

    private void Stamp(int cx, int cy, RgbaColor color, int radius)
    {
        // r² + r rather than r² so small discs look round on a pixel grid: radius 1 is a full 3×3 square, not a plus sign.
        var squared = (radius * radius) + radius;
        for (var dy = -radius; dy <= radius; dy++)
        {
            for (var dx = -radius; dx <= radius; dx++)
            {
                if ((dx * dx) + (dy * dy) <= squared)
                {
                    SetPixel(cx + dx, cy + dy, color);
                }
            }
        }
    }

    private bool ClipSegment(ref double x0, ref double y0, ref double x1, ref double y1, int radius)
    {
        if (!double.IsFinite(x0) || !double.IsFinite(y0) || !double.IsFinite(x1) || !double.IsFinite(y1))
        {
            return false;
        }

        // Half a pixel beyond the outermost pixel centres, so rounding cannot move an endpoint inward.
        double left = clip.Left - radius - 0.5, right = clip.Right - 1 + radius + 0.5;
        double top = clip.Top - radius - 0.5, bottom = clip.Bottom - 1 + radius + 0.5;
        if (clip.Right <= clip.Left || clip.Bottom <= clip.Top)
        {
            return false;
        }

        var dx = x1 - x0;
        var dy = y1 - y0;
        double enter = 0, leave = 1;
        if (!Narrow(-dx, x0 - left, ref enter, ref leave)
            || !Narrow(dx, right - x0, ref enter, ref leave)
            || !Narrow(-dy, y0 - top, ref enter, ref leave)
            || !Narrow(dy, bottom - y0, ref enter, ref leave))
        {
            return false;
        }

        var startX = x0 + (enter * dx);
        var startY = y0 + (enter * dy);
        x1 = x0 + (leave * dx);
        y1 = y0 + (leave * dy);
        x0 = startX;
        y0 = startY;
        return true;
    }

    // One Liang–Barsky edge test: p is the direction's component towards the edge, q the distance inside it.
    private static bool Narrow(double p, double q, ref double enter, ref double leave)
    {
        if (p == 0)
        {
            return q >= 0;
        }

        var t = q / p;
        if (p < 0)
        {
            if (t > leave)
            {
                return false;
            }

            enter = Math.Max(enter, t);
        }
        else
        {
            if (t < enter)
            {
                return false;
            }

            leave = Math.Min(leave, t);
        }

        return true;
    }

    private void Store(int index, RgbaColor color)
    {
        pixels[index] = color.R;
        pixels[index + 1] = color.G;
        pixels[index + 2] = color.B;
        pixels[index + 3] = color.A;
    }
}
