using DynPmnn.Data;

namespace DynPmnn.Tests.Data.BuiltIn;

/// <summary>Each loader on the real file, against the values scikit-learn and pandas load from it.</summary>
public class BuiltInLoaderTests
{
    private const int Edge = 5;

    /// <summary>Shape, names and the first and last rows equal the reference exactly (as float32).</summary>
    private static void AssertMatchesReference(Dataset data, string name)
    {
        var reference = ReferenceDataset.Get(name);
        Assert.Equal(name, data.Name);
        Assert.Equal(reference.Rows, data.Rows);
        Assert.Equal(reference.Columns, data.Columns);
        Assert.Equal(reference.FeatureNames, data.FeatureNames);
        Assert.Equal(reference.TargetNames, data.Task.TargetNames);

        var firstFeatures = reference.Matrix("first_features");
        var lastFeatures = reference.Matrix("last_features");
        var firstTargets = reference.Matrix("first_targets");
        var lastTargets = reference.Matrix("last_targets");
        for (var i = 0; i < Edge; i++)
        {
            var last = data.Rows - Edge + i;
            Assert.Equal(firstFeatures[i], data.Row(i).ToArray());
            Assert.Equal(lastFeatures[i], data.Row(last).ToArray());
            Assert.Equal(firstTargets[i], data.Target(i).ToArray());
            Assert.Equal(lastTargets[i], data.Target(last).ToArray());
        }

        if (data.Task.Kind == TaskKind.Classification)
        {
            Assert.Equal(reference.ClassNames, data.Task.ClassNames);
            Assert.Equal(reference.ClassCounts, data.Summarize().ClassCounts);
        }
    }

    [Fact]
    public void California_MatchesScikitLearn()
    {
        var data = CaliforniaHousing.Load(TestData.SharedFile("cal_housing.data"));
        AssertMatchesReference(data, "california");
        Assert.Equal(DatasetTask.Regression("MedHouseVal"), data.Task);
        Assert.Equal(new RowOrigin(TestData.SharedFile("cal_housing.data"), 20640), data.Origin(20639));
    }

    [Fact]
    public void Iris_MatchesScikitLearn()
    {
        var path = TestData.SharedFile("iris.csv");
        var data = Iris.Load(path);
        AssertMatchesReference(data, "iris");
        Assert.Equal(["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"], data.FeatureNames);
        Assert.Equal(DatasetTask.Classification("target", ["setosa", "versicolor", "virginica"]), data.Task);
        Assert.Equal([50, 50, 50], data.Summarize().ClassCounts);
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], data.Row(0).ToArray());
        Assert.Equal(2, data.Label(149));
        // The header is line 1, so sample i is on line i + 2.
        Assert.Equal(new RowOrigin(path, 2), data.Origin(0));
        Assert.Equal(new RowOrigin(path, 151), data.Origin(149));
    }

    [Fact]
    public void BreastCancer_MatchesScikitLearn()
    {
        var data = BreastCancer.Load(TestData.SharedFile("breast_cancer.csv"));
        AssertMatchesReference(data, "breast-cancer");
        Assert.Equal(30, data.Columns);
        Assert.Equal("mean radius", data.FeatureNames[0]);
        Assert.Equal("radius error", data.FeatureNames[10]);
        Assert.Equal("worst fractal dimension", data.FeatureNames[29]);
        Assert.Equal(DatasetTask.Classification("target", ["malignant", "benign"]), data.Task);
        Assert.True(data.Task.IsBinary);
        Assert.Equal([212, 357], data.Summarize().ClassCounts);
        Assert.Equal(17.99f, data.Row(0)[0]);
        Assert.Equal(0, data.Label(0));
    }

    [Fact]
    public void Diabetes_ScaledFeaturesAreBitEqualToScikitLearns()
    {
        var data = Diabetes.Load(TestData.SharedFile("diabetes_data_raw.csv.gz"), TestData.SharedFile("diabetes_target.csv.gz"));
        AssertMatchesReference(data, "diabetes");
        Assert.Equal(DatasetTask.Regression("disease progression"), data.Task);

        var expected = ReferenceDataset.Get("diabetes").Matrix("all_scaled_features");
        Assert.Equal(442, expected.Length);
        var mismatches = new List<string>();
        for (var r = 0; r < data.Rows; r++)
        {
            for (var c = 0; c < data.Columns; c++)
            {
                var actual = data.Row(r)[c];
                if (BitConverter.SingleToInt32Bits(actual) != BitConverter.SingleToInt32Bits(expected[r][c]))
                {
                    mismatches.Add($"row {r}, {data.FeatureNames[c]}: {actual:R} vs numpy {expected[r][c]:R}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} scaled values differ from numpy's: {string.Join("; ", mismatches.Take(10))}");
        Assert.Equal(151f, data.Targets[0]);
    }

    [Fact]
    public void Diabetes_Unscaled_IsTheRawFile()
    {
        var data = Diabetes.Load(TestData.SharedFile("diabetes_data_raw.csv.gz"), TestData.SharedFile("diabetes_target.csv.gz"), scaled: false);
        var expected = ReferenceDataset.Get("diabetes").Matrix("first_raw_features");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], data.Row(i).ToArray());
        }

        Assert.Equal([59f, 2f, 32.1f, 101f, 157f, 93.2f, 38f, 4f, 4.8598f, 87f], data.Row(0).ToArray());
    }

    [Fact]
    public void Banknote_MatchesPandas()
    {
        var data = Banknote.Load(TestData.SharedFile("data_banknote_authentication.txt"));
        AssertMatchesReference(data, "banknote");
        Assert.Equal(DatasetTask.Classification("class", ["0", "1"]), data.Task);
        Assert.Equal([762, 610], data.Summarize().ClassCounts);
        Assert.Equal([3.6216f, 8.6661f, -2.8073f, -0.44699f], data.Row(0).ToArray());
        Assert.Equal(1372, data.Origin(1371).Line);
    }

    [Fact]
    public void Energy_MatchesPandasReadExcel()
    {
        var path = TestData.SharedFile("ENB2012_data.xlsx");
        var data = EnergyEfficiency.Load(path);
        AssertMatchesReference(data, "energy");
        Assert.Equal(DatasetTask.Regression("heating load", "cooling load"), data.Task);
        Assert.Equal(2, data.Task.TargetWidth);
        Assert.Equal([0.98f, 514.5f, 294f, 110.25f, 7f, 2f, 0f, 0f], data.Row(0).ToArray());
        Assert.Equal([15.55f, 21.33f], data.Target(0).ToArray());
        Assert.Equal([0.98f, 514.5f, 294f, 110.25f, 7f, 3f, 0f, 0f], data.Row(1).ToArray());
        // The header is sheet row 1; the last building is on row 769 of the first sheet, whose name is Greek.
        Assert.Equal(new RowOrigin($"{path}[Φύλλο1]", 769), data.Origin(767));
    }
}
