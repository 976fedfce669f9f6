using DynPmnn.IO;
using ScottPlot;

namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// A finished chart from <see cref="Figures"/>, ready to be written as PNG (for the README and quick looks) or SVG (for
/// a paper, where it scales without blurring), at <see cref="Width"/> × <see cref="Height"/> pixels.
/// </summary>
/// <remarks>
/// Files are written atomically: a reader, or a crash halfway, never sees half a figure, and a failed write leaves the
/// previous file as it was. Dispose the figure when done to free the rendering resources it holds.
/// </remarks>
public sealed class Figure : IDisposable
{
    // Larger than any screen or print figure needs; a typo such as 90000 fails here instead of allocating gigabytes.
    private const int MaxSide = 10_000;

    private int width;
    private int height;

    internal Figure(Plot plot, int width, int height)
    {
        Plot = plot;
        Width = width;
        Height = height;
    }

    /// <summary>The image width in pixels (the SVG's user units).</summary>
    public int Width
    {
        get => width;
        set => width = CheckSide(value);
    }

    /// <summary>The image height in pixels (the SVG's user units).</summary>
    public int Height
    {
        get => height;
        set => height = CheckSide(value);
    }

    /// <summary>The ScottPlot plot behind the figure, for tests that look at its axes and plottables.</summary>
    internal Plot Plot { get; }

    /// <summary>Renders the figure and encodes it as PNG.</summary>
    public byte[] ToPng() => Plot.GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>Renders the figure as an SVG document, its text as <c>&lt;text&gt;</c> elements.</summary>
    public string ToSvg() => Plot.GetSvgXml(Width, Height);

    /// <summary>Writes the figure to <paramref name="path"/> as PNG, creating its directory if needed.</summary>
    public void SavePng(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.WriteAllBytes(path, ToPng());
    }

    /// <summary>Writes the figure to <paramref name="path"/> as SVG, creating its directory if needed.</summary>
    public void SaveSvg(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.WriteAllText(path, ToSvg());
    }

    /// <inheritdoc/>
    public void Dispose() => Plot.Dispose();

    private static int CheckSide(int value, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        if (value is < 1 or > MaxSide)
        {
            throw new ArgumentOutOfRangeException(name, value, $"A figure's {name.ToLowerInvariant()} must be 1 to {MaxSide} pixels.");
        }

        return value;
    }
}
