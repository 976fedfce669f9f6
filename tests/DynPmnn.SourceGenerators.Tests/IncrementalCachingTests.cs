using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// The generator must do no work again for edits that cannot change its output: a rerun on a clone of the
/// compilation, a new unrelated file, a comment-only edit of the neuron's own file. Its tracked steps must then report
/// only cached or unchanged outputs, and nothing new may reach the source output.
/// </summary>
public sealed class IncrementalCachingTests
{
    private const string NeuronPath = "Neuron.cs";

    private static readonly string[] TrackedSteps = [NeuronGenerator.Steps.Parse, NeuronGenerator.Steps.Models];

    [Fact]
    public void RerunOnAClonedCompilationIsCached()
    {
        var (first, compilation) = RunOnce();

        var second = GeneratorHarness.Run(first.Driver, compilation.Clone());

        AssertNothingRecomputed(first, second);
    }

    [Fact]
    public void AddingAnUnrelatedFileIsCached()
    {
        var (first, compilation) = RunOnce();
        var unrelated = GeneratorHarness.ParseSource("namespace Elsewhere;\n\npublic static class Helpers\n{\n    public static float Twice(float x) => 2f * x;\n}\n", "Unrelated.cs");

        var second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(unrelated));

        AssertNothingRecomputed(first, second);
    }

    [Fact]
    public void CommentOnlyEditOfTheNeuronIsCached()
    {
        var (first, compilation) = RunOnce();
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == NeuronPath);
        var text = tree.GetText();
        var at = text.ToString().IndexOf("[State] public float W;", StringComparison.Ordinal);
        var edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, 0), "// The recovery variable.\n    ")));

        var second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(tree, edited));

        // The edit shifted the neuron, so its file was parsed again; the model it gave must still equal the old one.
        Assert.Contains(second.Result.TrackedSteps[NeuronGenerator.Steps.Parse], s => s.Outputs.Any(o => o.Reason == IncrementalStepRunReason.Unchanged));
        AssertNothingRecomputed(first, second);
    }

    [Fact]
    public void EditingTheEquationsIsNotCached()
    {
        // The counterpart of the tests above, so they cannot pass because nothing is tracked at all.
        var (first, compilation) = RunOnce();
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == NeuronPath);
        var edited = GeneratorHarness.ParseSource(tree.GetText().ToString().Replace("V * V * V / 3f", "V * V * V / 4f", StringComparison.Ordinal), NeuronPath);

        var second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(tree, edited));

        Assert.Contains(second.Result.TrackedSteps[NeuronGenerator.Steps.Models], s => s.Outputs.Any(o => o.Reason == IncrementalStepRunReason.Modified));
        const string hintName = "TestNeurons.Classic.FitzHughNagumoClassic.g.cs";
        Assert.NotEqual(first.Source(hintName).SourceText.ToString(), second.Source(hintName).SourceText.ToString());
        Assert.Contains("V * V * V / 4", second.Source(hintName).SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PipelineValuesHoldNoSymbolSyntaxOrCompilation()
    {
        var (run, _) = RunOnce();

        var steps = run.Result.TrackedSteps;
        Assert.Contains(NeuronGenerator.Steps.Diagnostics, steps.Keys);
        foreach (var (name, runs) in steps.Where(s => s.Key is NeuronGenerator.Steps.Parse or NeuronGenerator.Steps.Diagnostics or NeuronGenerator.Steps.Models))
        {
            foreach (var (value, index) in runs.SelectMany(r => r.Outputs).Select((o, i) => (o.Value, i)))
            {
                Assert.Null(PipelineValueWalker.FindForbidden(value, $"{name}[{index}]"));
            }
        }
    }

    [Fact]
    public void DiagnosticStepValuesHoldNoSymbolSyntaxOrCompilation()
    {
        // Diagnostics carry locations; they must be plain values too.
        var run = GeneratorHarness.Run(NeuronSources.ClassicFitzHughNagumo.Replace("Epsilon * (V + A - B * W)", "Epsilon * (V + A - B * W) + MathF.Tan(V)", StringComparison.Ordinal));

        var outputs = run.Result.TrackedSteps[NeuronGenerator.Steps.Diagnostics].SelectMany(r => r.Outputs).ToList();
        Assert.NotEmpty(run.GeneratorDiagnostics);
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Null(PipelineValueWalker.FindForbidden(o.Value)));
    }

    [Fact]
    public void WalkerFindsASymbolHiddenInACollection()
    {
        var compilation = GeneratorHarness.CreateCompilation("public class Hidden { }");
        var symbol = compilation.GetTypeByMetadataName("Hidden")!;

        var path = PipelineValueWalker.FindForbidden(new Holder([1, 2], new List<object> { "x", symbol }));

        Assert.NotNull(path);
        Assert.Contains("ISymbol", path);
    }

    private static (GeneratorRun Run, CSharpCompilation Compilation) RunOnce()
    {
        var compilation = GeneratorHarness.CreateCompilation((NeuronPath, NeuronSources.ClassicFitzHughNagumo), ("Paper.cs", NeuronSources.PaperFitzHughNagumo));
        var run = GeneratorHarness.Run(compilation);
        run.AssertCleanBuild();
        Assert.Equal(4, run.GeneratedSources.Length);
        foreach (var step in TrackedSteps)
        {
            Assert.NotEmpty(run.Result.TrackedSteps[step].SelectMany(s => s.Outputs));
        }

        return (run, compilation);
    }

    private static void AssertNothingRecomputed(GeneratorRun first, GeneratorRun second)
    {
        Assert.Null(second.Result.Exception);
        foreach (var name in TrackedSteps)
        {
            var outputs = second.Result.TrackedSteps[name].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {name} reported {o.Reason}"));
        }

        // No new source: every source output is cached, and the sources are those of the first run.
        var sourceOutputs = second.Result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.All(sourceOutputs, o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"Source output reported {o.Reason}"));
        Assert.Equal(
            first.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
            second.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    private sealed record Holder(int[] Numbers, List<object> Items);
}
