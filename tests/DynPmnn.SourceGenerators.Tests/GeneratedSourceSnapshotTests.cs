namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// The generated source of a neuron the zoo does not cover (nested types, <c>?:</c>, Tanh, Max, compound assignment),
/// checked against its golden file in <c>Snapshots/</c>; the shipped neurons have theirs in <see cref="ZooSnapshotTests"/>.
/// </summary>
public sealed class GeneratedSourceSnapshotTests
{
    [Fact]
    public void NestedRectifiedRate()
    {
        var run = GeneratorHarness.Run(NeuronSources.NestedRectifiedRate);

        run.AssertCleanBuild();
        var source = run.Source("TestNeurons.Shapes.Models+RectifiedRate.g.cs").SourceText.ToString();
        Assert.Contains("partial class Models", source);
        Assert.Contains("partial class RectifiedRate", source);
        Snapshot.Verify(run);
    }
}
