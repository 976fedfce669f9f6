using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace DynPmnn.Tests.Data;

/// <summary>Finds the shared data files and hands out scratch directories.</summary>
internal static class TestData
{
    private const string RelativeDataFolder = "shared/data";

    /// <summary>The shared raw California Housing file.</summary>
    public static string CalHousingPath => SharedFile("cal_housing.data");

    /// <summary>
    /// A file of the shared data folder, found by walking up from the test binaries. Its absence is a failure, not a
    /// skip: a silently skipped data test would let the loader rot unnoticed.
    /// </summary>
    public static string SharedFile(string name)
    {
        var relative = $"{RelativeDataFolder}/{name}";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail(
            $"{name} not found: no folder above {AppContext.BaseDirectory} contains {relative}. "
            + $"Put the file at ../{relative} relative to the repository root (see the data folder's README.md).");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>The shared data folder.</summary>
    public static string SharedDataDirectory => Path.GetDirectoryName(CalHousingPath)!;

    /// <summary>A gzip-compressed tar archive holding one text file, shaped like scikit-learn's cal_housing.tgz.</summary>
    public static byte[] MakeTgz(string entryName, string content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, entryName)
            {
                DataStream = new MemoryStream(Encoding.ASCII.GetBytes(content)),
            };
            tar.WriteEntry(entry);
        }

        return output.ToArray();
    }
}

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("dynpmnn-test-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test that made it.
        }
    }
}
