namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// The library's shipped neurons (<c>src/DynPmnn/Neurons/Zoo</c>) as source text, moved into a namespace of the test's
/// choosing: the runtime the tests compile against already contains the originals. One source of truth for every test
/// that feeds a real neuron to the generator.
/// </summary>
internal static class ZooSources
{
    public static string Directory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "DynPmnn", "Neurons", "Zoo");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException($"src/DynPmnn/Neurons/Zoo not found above {AppContext.BaseDirectory}.");
        }
    }

    public static IReadOnlyList<string> Names =>
        [.. System.IO.Directory.GetFiles(Directory, "*.cs").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    /// <summary>The neuron's file, in <paramref name="targetNamespace"/>, with the usings its original namespace and the library's implicit usings give it.</summary>
    public static string Read(string neuron, string targetNamespace)
    {
        var text = File.ReadAllText(Path.Combine(Directory, neuron + ".cs"));
        const string original = "namespace DynPmnn.Neurons.Zoo;";
        if (!text.Contains(original, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{neuron}.cs is not in namespace DynPmnn.Neurons.Zoo.");
        }

        return "using System;\nusing DynPmnn;\n" + text.Replace(original, $"namespace {targetNamespace};", StringComparison.Ordinal);
    }
}
