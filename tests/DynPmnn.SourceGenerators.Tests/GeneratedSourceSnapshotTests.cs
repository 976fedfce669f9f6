namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// The generated source of representative neurons, checked against golden files in <c>Snapshots/</c>; each must also
/// compile against the runtime with no error and no warning.
/// </summary>
public sealed class GeneratedSourceSnapshotTests
{
    [Fact]
    public void PaperFitzHughNagumo()
    {
        var run = GeneratorHarness.Run(NeuronSources.PaperFitzHughNagumo);

        run.AssertCleanBuild();
        var source = run.Source("TestNeurons.Paper.FitzHughNagumo.g.cs").SourceText.ToString();
        Assert.Contains("//   dV/dt = I - V * (V - A) * (V - 1) - W", source);
        Snapshot.Verify(run);
    }

    [Fact]
    public void ClassicFitzHughNagumo()
    {
        var run = GeneratorHarness.Run(NeuronSources.ClassicFitzHughNagumo);

        run.AssertCleanBuild();
        Assert.Equal(2, run.GeneratedSources.Length);
        Snapshot.Verify(run);
    }

    [Fact]
    public void HodgkinHuxley()
    {
        var run = GeneratorHarness.Run(NeuronSources.HodgkinHuxley);

        run.AssertCleanBuild();
        var source = run.Source("TestNeurons.Conductance.HodgkinHuxley.g.cs").SourceText.ToString();

        // αₘ and αₙ are 0/0 at V = −40 and −55 as written; the rewrite must have replaced both quotients.
        Assert.Contains("Bernoulli", source);
        Assert.DoesNotContain("/ (1 - exp", source);
        Snapshot.Verify(run);
    }

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
