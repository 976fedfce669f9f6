namespace DynPmnn.Data;

/// <summary>
/// Orders strings by Unicode code point, as numpy sorts an array of <c>str</c> (and so as <c>numpy.unique</c> orders
/// class names and categories).
/// </summary>
/// <remarks>
/// Ordinal comparison of .NET strings compares UTF-16 code units, which puts characters beyond U+FFFF (stored as
/// surrogates, U+D800..U+DFFF) before U+E000..U+FFFF; comparing runes does not.
/// </remarks>
internal sealed class CodePointOrder : IComparer<string>
{
    public static CodePointOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var left = x.AsSpan().EnumerateRunes();
        var right = y.AsSpan().EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft ? 1 : hasRight ? -1 : 0;
            }

            var order = left.Current.Value.CompareTo(right.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }
}
