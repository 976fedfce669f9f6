namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// Every neuron the library ships, generated from its source file in <c>src/DynPmnn/Neurons/Zoo</c> and checked
/// against a golden file, so a change to any shipped neuron's generated code shows in review.
/// </summary>
public sealed class ZooSnapshotTests
{
    public static TheoryData<string> ZooNeurons() => new(ZooSources.Names);

    [Theory]
    [MemberData(nameof(ZooNeurons))]
    public void ShippedNeuron(string name)
    {
        var run = GeneratorHarness.Run(ZooSources.Read(name, "Zoo"));

        run.AssertCleanBuild();
        Assert.Equal(2, run.GeneratedSources.Length);
        Assert.Contains("// Equations", run.Source($"Zoo.{name}.g.cs").SourceText.ToString());
        Snapshot.Verify(run);
    }

    [Fact]
    public void PaperFitzHughNagumoShowsItsEquations()
    {
        var run = GeneratorHarness.Run(NeuronSources.PaperFitzHughNagumo);
        var source = run.Source("TestNeurons.Paper.FitzHughNagumo.g.cs").SourceText.ToString();
        Assert.Contains("//   dV/dt = I - V * (V - A) * (V - 1) - W", source);
        Assert.Contains("//   d(dW/dt)/dG = -(B * W)", source);
    }

    [Fact]
    public void HodgkinHuxleyRatesAreRewrittenAtTheirZeroOverZeroPoints()
    {
        var run = GeneratorHarness.Run(NeuronSources.HodgkinHuxley);
        run.AssertCleanBuild();
        var source = run.Source("TestNeurons.Conductance.HodgkinHuxley.g.cs").SourceText.ToString();

        // αₘ and αₙ are 0/0 at V = −40 and −55 as written; the rewrite must have replaced both quotients.
        Assert.Contains("Bernoulli", source);
        Assert.DoesNotContain("/ (1 - exp", source);
    }
}
