using Microsoft.CodeAnalysis.Text;

namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// Source text with one span marked as <c>[|...|]</c> (Roslyn's test markup): the markers are removed before the
/// source is compiled, and the span they enclosed is where a diagnostic is expected.
/// </summary>
internal sealed record SourceMarkup(string Source, TextSpan Span)
{
    public const string Open = "[|";
    public const string Close = "|]";

    public LinePositionSpan LineSpan => SourceText.From(Source).Lines.GetLinePositionSpan(Span);

    public string MarkedText => Source.Substring(Span.Start, Span.Length);

    public static SourceMarkup Parse(string markup)
    {
        var start = markup.IndexOf(Open, StringComparison.Ordinal);
        var end = markup.IndexOf(Close, StringComparison.Ordinal);
        if (start < 0 || end < start || markup.IndexOf(Open, start + Open.Length, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("The source must mark exactly one span as [|...|].", nameof(markup));
        }

        var source = markup.Remove(end, Close.Length).Remove(start, Open.Length);
        return new SourceMarkup(source, TextSpan.FromBounds(start, end - Open.Length));
    }
}
