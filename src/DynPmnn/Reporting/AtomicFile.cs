using System.Text;

namespace DynPmnn.Reporting;

/// <summary>
/// Writes whole files so that a reader (or a crash) never sees half of one: the bytes go to a temporary file in the
/// same directory, are flushed to disk, and the temporary file is then renamed over the destination.
/// </summary>
/// <remarks>
/// The temporary file must sit in the destination's directory because a rename is only atomic within one file
/// system. Its name is unique per call so two processes writing the same report cannot interleave.
/// </remarks>
public static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> with exactly <paramref name="bytes"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? ".";
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            // Already moved on success (Delete of a missing file is a no-op); on failure this removes the partial file.
            File.Delete(temporary);
        }
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
    }
}
