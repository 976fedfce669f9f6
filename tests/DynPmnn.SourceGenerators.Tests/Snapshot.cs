using System.Runtime.CompilerServices;
using System.Text;

namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// Golden-file checks of generated source, laid out as Verify.SourceGenerators lays them out so that moving to it
/// later needs no renaming: <c>Snapshots/{TestClass}.{TestMethod}#{HintName without .cs}.verified.cs</c>.
/// </summary>
/// <remarks>
/// On a mismatch (or when there is no verified file yet) the new output is written beside the golden file as
/// <c>...received.cs</c> and the test fails with the first differing lines. Review the received file, then either
/// rename it over the verified one or rerun the tests with <c>DYNPMNN_ACCEPT_SNAPSHOTS=1</c>, which overwrites the
/// verified files with what is generated now and passes. Line endings are normalised to <c>\n</c> on both sides.
/// </remarks>
internal static class Snapshot
{
    public const string AcceptVariable = "DYNPMNN_ACCEPT_SNAPSHOTS";

    private const int ContextLines = 3;
    private const int ShownLines = 12;

    private static readonly Lazy<string> ProjectDirectory = new(FindProjectDirectory);

    /// <summary>The directory holding the golden files, in the source tree (not the build output).</summary>
    public static string SnapshotDirectory => Path.Combine(ProjectDirectory.Value, "Snapshots");

    /// <summary>
    /// Compares every generated neuron source of <paramref name="run"/> with its golden file. The companion
    /// <c>*.Source.g.cs</c> files hold the same text as a string constant: instead of a second golden file each is
    /// checked to hold exactly its neuron's source.
    /// </summary>
    public static void Verify(GeneratorRun run, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        Assert.NotEmpty(run.GeneratedSources);
        foreach (var source in run.GeneratedSources.Where(s => !s.HintName.EndsWith(".Source.g.cs", StringComparison.Ordinal)))
        {
            var text = source.SourceText.ToString();
            Verify(text, source.HintName, testFile, testMethod);
            var companion = run.GeneratedSources.Single(s => s.HintName == source.HintName[..^".g.cs".Length] + ".Source.g.cs");
            Assert.Contains("public const string Text = @\"" + text.Replace("\"", "\"\"") + "\";", companion.SourceText.ToString());
        }
    }

    public static void Verify(string actual, string hintName, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var name = $"{Path.GetFileNameWithoutExtension(testFile)}.{testMethod}#{TrimCs(hintName)}";
        var verifiedPath = Path.Combine(SnapshotDirectory, name + ".verified.cs");
        var receivedPath = Path.Combine(SnapshotDirectory, name + ".received.cs");
        actual = Normalize(actual);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(SnapshotDirectory);
            File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }

        string? expected = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(SnapshotDirectory);
        File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
        var message = expected is null
            ? $"No snapshot {Path.GetFileName(verifiedPath)} yet; wrote {receivedPath}. Review it and rename it to .verified.cs, or rerun with {AcceptVariable}=1."
            : $"Generated source differs from {Path.GetFileName(verifiedPath)}; wrote {receivedPath}. Rerun with {AcceptVariable}=1 to accept.\n{Diff(expected, actual)}";
        throw new Xunit.Sdk.XunitException(message);
    }

    public static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    /// <summary>The first differing region as <c>-</c> (verified) and <c>+</c> (received) lines, with a little context.</summary>
    public static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var first = 0;
        while (first < a.Length && first < b.Length && a[first] == b[first])
        {
            first++;
        }

        var builder = new StringBuilder();
        builder.Append("@@ line ").Append(first + 1).Append(" @@\n");
        for (var i = Math.Max(0, first - ContextLines); i < first; i++)
        {
            builder.Append("  ").Append(a[i]).Append('\n');
        }

        for (var i = first; i < Math.Min(a.Length, first + ShownLines); i++)
        {
            builder.Append("- ").Append(a[i]).Append('\n');
        }

        for (var i = first; i < Math.Min(b.Length, first + ShownLines); i++)
        {
            builder.Append("+ ").Append(b[i]).Append('\n');
        }

        return builder.ToString();
    }

    private static string TrimCs(string hintName) =>
        hintName.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? hintName[..^3] : hintName;

    private static string FindProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (directory.EnumerateFiles("DynPmnn.SourceGenerators.Tests.csproj").Any())
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No DynPmnn.SourceGenerators.Tests.csproj above {AppContext.BaseDirectory}.");
    }
}
