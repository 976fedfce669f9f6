namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// Every neuron the library ships, generated from its source file in <c>src/DynPmnn/Neurons/Zoo</c> and checked
/// against a golden file, so a change to any shipped neuron's generated code shows in review.
/// </summary>
public sealed class ZooSnapshotTests
{
    public static TheoryData<string> ZooNeurons() => new(Directory.GetFiles(ZooDirectory, "*.cs").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(ZooNeurons))]
    public void ShippedNeuron(string name)
    {
        // The runtime the test compiles against already contains these types: compile a copy in its own namespace,
        // with the usings that the library's namespace and implicit usings give the original.
        var source = "using System;\nusing DynPmnn;\n" + File.ReadAllText(Path.Combine(ZooDirectory, name + ".cs")).Replace("namespace DynPmnn.Neurons.Zoo;", "namespace Zoo;", StringComparison.Ordinal);
        Assert.Contains("namespace Zoo;", source);
        var run = GeneratorHarness.Run(source);

        run.AssertCleanBuild();
        Assert.Equal(2, run.GeneratedSources.Length);
        Assert.Contains("// Equations", run.Source($"Zoo.{name}.g.cs").SourceText.ToString());
        Snapshot.Verify(run);
    }

    private static string ZooDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "DynPmnn", "Neurons", "Zoo");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException($"src/DynPmnn/Neurons/Zoo not found above {AppContext.BaseDirectory}.");
        }
    }
}
