using DynPmnn.Data;

namespace DynPmnn.Tests.Data;

/// <summary>The real files, loaded by the built-in loaders and split by <see cref="DatasetSplit"/>, give scikit-learn's rows.</summary>
public sealed class DatasetSplitTests
{
    public static TheoryData<string, string> FiveDataSets() => new()
    {
        { "Banknote", "banknote" },
        { "BreastCancer", "breast-cancer" },
        { "Diabetes", "diabetes" },
        { "Energy", "energy" },
        { "Iris", "iris" },
    };

    [Theory]
    [MemberData(nameof(FiveDataSets))]
    public async Task TheLoadedDataSetSplitsIntoScikitLearnsRows(string fixtureName, string builtIn)
    {
        var expected = ReferenceFixture.Load("sklearn_splits.json").GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("name").GetString() == fixtureName);
        var data = await Load(builtIn);
        var split = DatasetSplit.Create(data);
        var paper = expected.GetProperty("paper");
        Assert.Equal(paper.GetProperty("train").Ints(), split.Indices.Train);
        Assert.Equal(paper.GetProperty("validation").Ints(), split.Indices.Validation);
        Assert.Equal(paper.GetProperty("test").Ints(), split.Indices.Test);
        Assert.Equal(split.Indices.Test.Length, split.Test.Rows);
        Assert.Equal(data.Row(split.Indices.Test[0]).Length, split.Test.Row(0).Length);
        // The rows keep where they came from.
        Assert.Equal(data.Origin(split.Indices.Test[3]), split.Test.Origin(3));
    }

    [Fact]
    public async Task FeaturesAreStandardisedWithTheTrainingRowsOnly()
    {
        var data = await Load("iris");
        var split = DatasetSplit.Create(data);
        var train = data.Select(split.Indices.Train);
        for (var c = 0; c < data.Columns; c++)
        {
            var column = Enumerable.Range(0, train.Rows).Select(r => (double)train.Row(r)[c]).ToArray();
            var mean = column.Average();
            var sd = Math.Sqrt(column.Sum(x => (x - mean) * (x - mean)) / (column.Length - 1));
            Assert.Equal(mean, split.FeatureScaler.Center[c], 12);
            Assert.Equal(sd + 1e-12, split.FeatureScaler.Scale[c], 12);
            Assert.Equal((float)((data.Row(split.Indices.Test[0])[c] - mean) / (sd + 1e-12)), split.Test.Row(0)[c], 5);
        }

        // The paper's reference statistics for Iris, which torch accumulated in float32 (5.8144236 against the exact
        // 5.81442307): equal to float32 accuracy.
        Assert.Equal(5.8144236, split.FeatureScaler.Center[0], 5);
        Assert.Equal(0.81876284, split.FeatureScaler.Scale[0], 6);
    }

    [Fact]
    public async Task RegressionTargetsCanBeStandardisedAndClassesCannot()
    {
        var energy = DatasetSplit.Create(await Load("energy"), new SplitOptions { StandardizeTargets = true });
        Assert.NotNull(energy.TargetScaler);
        Assert.Equal(2, energy.TargetScaler!.Columns);
        var mean = Enumerable.Range(0, energy.Train.Rows).Average(r => (double)energy.Train.Target(r)[0]);
        Assert.Equal(0, mean, 6);

        var iris = await Load("iris");
        var error = Assert.Throws<ArgumentException>(() => DatasetSplit.Create(iris, new SplitOptions { StandardizeTargets = true }));
        Assert.Contains("'iris' is a classification", error.Message);
    }

    [Fact]
    public void ThePaperSplitIsCaliforniasSplitCutToWholeBatches()
    {
        var split = DatasetSplit.Create(CaliforniaHousing.Load(TestData.CalHousingPath), SplitOptions.PaperCalifornia);
        Assert.Equal((14_464, 4_096, 2_048), (split.Train.Rows, split.Validation.Rows, split.Test.Rows));
        Assert.Equal(14_489, split.Indices.Train.Length);
        var reference = PaperSplit.Create(CaliforniaHousing.Load(TestData.CalHousingPath));
        Assert.Equal(reference.Test.Features, split.Test.Features);
        Assert.Equal(reference.Train.Targets, split.Train.Targets);
    }

    internal static Task<Dataset> Load(string name)
    {
        var folder = Path.GetDirectoryName(TestData.CalHousingPath)!;
        return new DataLocator { DataDirectory = folder, AllowDownload = false, CacheDirectory = Path.Combine(Path.GetTempPath(), "dynpmnn-no-cache-" + Guid.NewGuid().ToString("N")) }
            .LoadAsync(BuiltInDatasets.Find(name));
    }
}
