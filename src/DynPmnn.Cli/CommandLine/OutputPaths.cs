namespace DynPmnn.Cli.CommandLine;

/// <summary>Checks, before any long work starts, that results can be written where the user asked.</summary>
internal static class OutputPaths
{
    /// <summary>Throws unless <paramref name="path"/> can be written as a file: not a directory, its folder creatable and writable.</summary>
    public static void CheckWritableFile(string path, string option)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{option} names {path}, which is a directory; give a file name.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        CheckWritableDirectory(folder, option);
    }

    /// <summary>Creates <paramref name="folder"/> if needed and proves it writable with a probe file.</summary>
    public static void CheckWritableDirectory(string folder, string option)
    {
        if (File.Exists(folder))
        {
            throw new UsageException($"{option} needs the folder {folder}, but that is a file.");
        }

        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".dynpmnn-write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option}: cannot write in {folder} ({e.Message}).");
        }
    }
}
