using DynPmnn.Experiments.Reporting;
using ScottPlot;

namespace DynPmnn.Tests.Reporting;

/// <summary>
/// Figures write their text in the bundled Liberation Sans, not in whatever the machine has: on one with no fonts
/// ScottPlot would otherwise draw no text at all.
/// </summary>
public sealed class FigureFontTests
{
    [Fact]
    public void TheBundledFontResolvesFirstInRegularAndBold()
    {
        FigureFont.EnsureRegistered();
        // First among ScottPlot's resolvers, so a system font of the same name never wins.
        var first = Fonts.FontResolvers[0];
        using var regular = first.CreateTypeface(FigureFont.Family, FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
        using var bold = first.CreateTypeface(FigureFont.Family, FontWeight.Bold, FontSlant.Upright, FontSpacing.Normal);
        Assert.NotNull(regular);
        Assert.NotNull(bold);
        Assert.Equal("Liberation Sans", regular.FamilyName);
        Assert.Equal(400, regular.FontWeight);
        Assert.Equal(700, bold.FontWeight);
        Assert.True(regular.GlyphCount > 2000, $"{regular.GlyphCount} glyphs");
        Assert.Null(first.CreateTypeface("Some Other Family", bold: false, italic: false));
    }

    [Theory]
    [MemberData(nameof(FiguresTests.Kinds), MemberType = typeof(FiguresTests))]
    public void EveryTextInAnSvgNamesTheBundledFamily(string kind)
    {
        using var figure = FiguresTests.Make(kind);
        var texts = FigureFiles.SvgTextElements(figure.ToSvg());
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.Equal(FigureFont.Family, t.Attribute("font-family")?.Value));
    }

    [Fact]
    public void ATitleDrawsInkAboveThePlot()
    {
        // If no typeface could be found a title would take its space but draw nothing; the same layout with a title of
        // one dot shows how much ink the frame and the dot leave in that band.
        static int TitleInk(string title)
        {
            using var figure = Figures.Comparison(title, "test RMSE", [new ComparisonBar("NODE", [0.5])], lowerIsBetter: true);
            return FigureFiles.CountPixels(figure.ToPng(), FigureFiles.IsInk, new SkiaSharp.SKRectI(0, 0, 800, 35));
        }

        var with = TitleInk("A title of some length");
        var dot = TitleInk(".");
        Assert.True(with > dot + 150, $"{with} dark pixels in the title band with a title, {dot} with a dot");
    }
}
