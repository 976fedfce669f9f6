namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// The CRC-32 that PNG chunks carry (ISO 3309 / ITU-T V.42: reflected polynomial 0xEDB88320, initial value and final
/// XOR 0xFFFFFFFF), computed a byte at a time from a 256-entry table.
/// </summary>
/// <remarks>
/// Written here rather than taken from <c>System.IO.Hashing</c> because that is a separate package and the library
/// depends on the base class library only.
/// </remarks>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The value a fresh computation starts from; pass it to the first <see cref="Update"/>.</summary>
    public const uint Initial = 0xFFFFFFFFu;

    /// <summary>The CRC of <paramref name="data"/> in one call.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(Initial, data));

    /// <summary>
    /// Feeds <paramref name="data"/> into a running register, so a chunk's type and data can be hashed without being
    /// copied into one buffer first.
    /// </summary>
    public static uint Update(uint register, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (var b in data)
        {
            register = table[(register ^ b) & 0xFF] ^ (register >> 8);
        }

        return register;
    }

    /// <summary>The final XOR that turns the running register into the CRC.</summary>
    public static uint Finish(uint register) => register ^ 0xFFFFFFFFu;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
