using ScottPlot;
using SkiaSharp;

namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// The typeface every figure writes its text in: Liberation Sans, shipped inside this assembly (licence in
/// Fonts/OFL.txt), so a figure reads the same on any machine and has text at all on one with no fonts installed, where
/// ScottPlot would otherwise draw every label as nothing.
/// </summary>
internal static class FigureFont
{
    /// <summary>The family name figures ask for; also what an SVG names in its <c>font-family</c> attributes.</summary>
    public const string Family = "Liberation Sans";

    private const string RegularResource = "DynPmnn.Experiments.Fonts.LiberationSans-Regular.ttf";
    private const string BoldResource = "DynPmnn.Experiments.Fonts.LiberationSans-Bold.ttf";

    private static readonly Lazy<bool> Registration = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Makes ScottPlot resolve <see cref="Family"/> to the bundled font files; later calls do nothing. Runs before any
    /// figure is built, so ScottPlot's typeface cache never holds a system font under this name.
    /// </summary>
    public static void EnsureRegistered() => _ = Registration.Value;

    /// <summary>Sets the bundled font on the plot's title, axis labels, tick labels and legend.</summary>
    /// <remarks>
    /// ScottPlot's <c>Font.Set</c> also makes the family the process-wide default for text added later (panels, labels);
    /// every figure here wants that, and nothing else in these programs draws with ScottPlot.
    /// </remarks>
    public static void Apply(Plot plot)
    {
        EnsureRegistered();
        plot.Font.Set(Family);
        plot.Legend.FontName = Family;
    }

    private static bool Register()
    {
        var regular = SKData.CreateCopy(Read(RegularResource));
        var bold = SKData.CreateCopy(Read(BoldResource));
        // First in the list: on a machine that has its own (maybe older) Liberation Sans, figures still use this one.
        Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver(regular, bold));
        return true;
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(FigureFont).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The font resource {resource} is missing from {typeof(FigureFont).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Answers for <see cref="Family"/> only, leaving every other name to the resolvers after it.</summary>
    private sealed class EmbeddedFontResolver(SKData regular, SKData bold) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing)
        {
            if (!string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            // No italic or condensed faces are bundled; the upright face is closer than another family would be.
            return SKTypeface.FromData(weight >= FontWeight.SemiBold ? bold : regular);
        }

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic)
            => CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal, italic ? FontSlant.Italic : FontSlant.Upright, FontSpacing.Normal);
    }
}
