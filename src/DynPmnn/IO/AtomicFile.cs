using System.Text;

namespace DynPmnn.IO;

/// <summary>
/// Writes whole files so that a reader (or a crash) never sees half of one: the bytes go to a temporary file in the
/// same directory, are flushed to disk, and the temporary file is then renamed over the destination.
/// </summary>
/// <remarks>
/// The temporary file must sit in the destination's directory because a rename is only atomic within one file
/// system. Its name is unique per call so two processes writing the same file cannot interleave.
/// </remarks>
public static class AtomicFile
{
    /// <summary>
    /// Starts replacing <paramref name="path"/>: write to <see cref="Writer.Stream"/>, then <see cref="Writer.Commit"/>.
    /// Disposing without committing (after an exception, say) deletes the temporary file and leaves the destination as
    /// it was. The destination's directory must exist.
    /// </summary>
    public static Writer Create(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        return new Writer(fullPath, temporary, new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None));
    }

    /// <summary>Replaces <paramref name="path"/> with exactly <paramref name="bytes"/>, creating its directory if needed.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        using var writer = Create(path);
        writer.Stream.Write(bytes);
        writer.Commit();
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
    }

    /// <summary>A file being replaced: its temporary stream until <see cref="Commit"/> renames it into place.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly string destination;
        private readonly string temporary;
        private readonly FileStream stream;
        private bool committed;

        internal Writer(string destination, string temporary, FileStream stream)
        {
            this.destination = destination;
            this.temporary = temporary;
            this.stream = stream;
        }

        /// <summary>Where the new contents go.</summary>
        public Stream Stream => stream;

        /// <summary>Flushes the temporary file to disk and renames it over the destination.</summary>
        public void Commit()
        {
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            File.Move(temporary, destination, overwrite: true);
            committed = true;
        }

        public void Dispose()
        {
            stream.Dispose();
            if (!committed)
            {
                // A failed write or rename leaves no partial file behind.
                File.Delete(temporary);
            }
        }
    }
}
