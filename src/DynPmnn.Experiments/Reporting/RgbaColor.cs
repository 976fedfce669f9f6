using System.Globalization;

namespace DynPmnn.Experiments.Reporting;

/// <summary>An 8-bit-per-channel colour as <see cref="Canvas"/> stores it; alpha 255 is opaque.</summary>
public readonly record struct RgbaColor(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Opaque white.</summary>
    public static RgbaColor White => new(255, 255, 255);

    /// <summary>Opaque black.</summary>
    public static RgbaColor Black => new(0, 0, 0);

    /// <summary>Parses <c>#RRGGBB</c> or <c>#RRGGBBAA</c> (the leading <c>#</c> is optional).</summary>
    /// <exception cref="FormatException">The text is not six or eight hexadecimal digits.</exception>
    public static RgbaColor FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.AsSpan().TrimStart('#');
        if ((digits.Length != 6 && digits.Length != 8)
            || !uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{hex}' is not a colour of the form #RRGGBB or #RRGGBBAA.");
        }

        if (digits.Length == 6)
        {
            value = (value << 8) | 0xFF;
        }

        return new RgbaColor((byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value);
    }

    /// <summary>The colour as <c>#RRGGBBAA</c>.</summary>
    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}{A:X2}";
}
