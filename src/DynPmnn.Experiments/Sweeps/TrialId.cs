using System.Security.Cryptography;
using System.Text;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// A trial's name in the store: the first 16 bytes of the SHA-256 of its canonical JSON (configuration and seed), a
/// line feed and the program version, as 32 lower-case hex digits. The same trial under the same program always has
/// the same id, on any machine; a different program version never reuses an old result.
/// </summary>
public static class TrialId
{
    /// <summary>Hex digits in an id.</summary>
    public const int Length = 32;

    /// <summary>The id of the trial whose canonical JSON is <paramref name="canonicalJson"/>, run by <paramref name="programVersion"/>.</summary>
    public static string Compute(string canonicalJson, string programVersion)
    {
        ArgumentNullException.ThrowIfNull(canonicalJson);
        ArgumentException.ThrowIfNullOrEmpty(programVersion);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson + "\n" + programVersion));
        return Convert.ToHexStringLower(hash.AsSpan(0, Length / 2));
    }

    /// <summary>Whether <paramref name="text"/> has the form of an id (32 lower-case hex digits).</summary>
    public static bool IsValid(string text) =>
        text.Length == Length && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
