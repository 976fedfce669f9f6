using DynPmnn.Experiments.Sweeps;

namespace DynPmnn.Tests.Sweeps;

/// <summary>The complete example in docs/sweep-spec.md reads, expands to the counts the text gives, and runs.</summary>
public sealed class SweepDocumentationTests
{
    [Fact]
    public void TheCompleteExampleExpandsAsDocumented()
    {
        var document = File.ReadAllText(Path.Combine(SlurmCluster.RepositoryRoot(), "docs", "sweep-spec.md"));
        var section = document[document.IndexOf("## Complete example", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var json = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];

        var plan = SweepPlan.Expand(SweepSpec.Parse(json, "docs/sweep-spec.md"));
        Assert.Equal(288, plan.Summary.Combinations);
        Assert.Equal(24, Assert.Single(plan.Summary.SkippedByConstraints).Skipped);
        Assert.Equal(264, plan.Summary.Configurations);
        Assert.Equal(792, plan.Trials.Count);
        Assert.Contains("This is 3 × 2 × 4 × 3 = 72 grid points, each combined with the same 4 random samples: 288 combinations", document, StringComparison.Ordinal);
        Assert.Equal(0.0, plan.Trials[0].Config.Protocol.EarlyStopping!.MinDelta);
        Assert.All(plan.Trials, t => Assert.InRange(t.Config.Model.Blocks[0].Units, 2, 8));
    }
}
