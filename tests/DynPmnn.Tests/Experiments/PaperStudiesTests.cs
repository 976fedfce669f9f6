using DynPmnn.Data;
using DynPmnn.Experiments;
using DynPmnn.Experiments.Paper;
using DynPmnn.Models;
using DynPmnn.Tests.Data;

namespace DynPmnn.Tests.Experiments;

/// <summary>
/// The authors' study as data: each network has the parameter count of the authors' state dicts on its data set, and
/// the tree row, run from the real files through the loaders and the authors' split, is the paper's decision-tree row.
/// </summary>
public sealed class PaperStudiesTests
{
    public static TheoryData<string> SmallDataSets() => new(PaperStudies.All.Where(s => s.CanRepeatSplits).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(SmallDataSets))]
    public async Task EveryNetworkHasTheAuthorsParameterCount(string name)
    {
        var study = PaperStudies.Find(name);
        var dataset = await DatasetSplitTests.Load(name);
        foreach (var entry in study.Entries.Where(e => e.IsAuthors && e.Preset is not null))
        {
            var spec = ExperimentRunner.ForData(entry.Preset!.Model, dataset.Task, dataset.Columns);
            var model = ModelFactory.Build<float>(spec, seed: 1);
            var parameters = model.Parameters.Sum(p => p.Length);
            Assert.True(int.Parse(entry.ReportedParameters!.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) == parameters, $"{name} {entry.Role}: {parameters} parameters, the authors' {entry.ReportedParameters}");
        }
    }

    [Theory]
    [MemberData(nameof(SmallDataSets))]
    public async Task TheTreeRowIsThePapersDecisionTreeRow(string name)
    {
        var study = PaperStudies.Find(name);
        var split = DatasetSplit.Create(await DatasetSplitTests.Load(name), study.Split);
        var (result, text) = PaperTreeRun.Run(split, "tree");
        var reported = study.Entries.Single(e => e.Role == PaperRole.Tree).Reported;
        foreach (var (metric, value) in reported)
        {
            // The paper's table rounds to five or six significant digits.
            Assert.True(Math.Abs(result.TestMetrics[metric] - value) <= 5e-5 * Math.Abs(value), $"{name} tree {metric}: {result.TestMetrics[metric]}, the paper {value}");
        }

        Assert.StartsWith("|--- ", text, StringComparison.Ordinal);
        Assert.Equal(study.Dataset.Task.Kind == TaskKind.Classification ? 2592 : 1944, result.Epochs);
    }

    [Fact]
    public void EveryDataSetHasTheAuthorsFiveModelsAndOneOfOurs()
    {
        Assert.Equal(6, PaperStudies.All.Count);
        foreach (var study in PaperStudies.All)
        {
            Assert.Equal(PaperRole.Authors, study.Entries.Where(e => e.IsAuthors).Select(e => e.Role));
            Assert.Contains(study.Entries, e => !e.IsAuthors);
            Assert.All(study.Entries.Where(e => e.IsAuthors), e => Assert.NotEmpty(e.Reported));
        }
    }

    [Fact]
    public void TheAuthorsPresetsAreListedAndFoundByName()
    {
        foreach (var preset in PaperPresets.All)
        {
            Assert.Same(preset, Presets.Find(preset.Name));
        }

        Assert.Equal(20, PaperPresets.All.Select(p => p.Name).Distinct().Count());
    }
}
