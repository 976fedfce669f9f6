namespace DynPmnn.Experiments.Reporting;

/// <summary>The pixel layouts <see cref="PngWriter"/> encodes; the values are PNG's own colour-type codes.</summary>
public enum PngColorType : byte
{
    /// <summary>Three 8-bit channels per pixel: red, green, blue.</summary>
    Rgb = 2,

    /// <summary>Four 8-bit channels per pixel: red, green, blue, alpha (not premultiplied).</summary>
    Rgba = 6,
}
