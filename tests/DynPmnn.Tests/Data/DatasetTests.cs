using DynPmnn.Data;

namespace DynPmnn.Tests.Data;

public class DatasetTests
{
    private static Dataset Sample(int rows)
    {
        var features = new float[rows * 2];
        var targets = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            features[2 * r] = r;
            features[2 * r + 1] = 100 + r;
            targets[r] = -r;
        }

        return new Dataset(features, targets, ["a", "b"], "y");
    }

    [Fact]
    public void Shape_AndRow()
    {
        var data = Sample(5);
        Assert.Equal(5, data.Rows);
        Assert.Equal(2, data.Columns);
        Assert.Equal([3f, 103f], data.Row(3).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Row(5).ToArray());
    }

    [Fact]
    public void Constructor_RejectsMismatchedLengths()
    {
        Assert.Throws<ArgumentException>(() => new Dataset(new float[5], new float[3], ["a", "b"], "y"));
        Assert.Throws<ArgumentException>(() => new Dataset([], [], [], "y"));
    }

    [Fact]
    public void Select_CopiesRowsInGivenOrder()
    {
        var data = Sample(5);
        var picked = data.Select([4, 0, 4]);
        Assert.Equal([4f, 104f, 0f, 100f, 4f, 104f], picked.Features);
        Assert.Equal([-4f, 0f, -4f], picked.Targets);
        Assert.Equal(data.FeatureNames, picked.FeatureNames);
        Assert.Equal("y", picked.TargetName);

        picked.Features[0] = 42;
        Assert.Equal(4f, data.Features[8]);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Select([5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Select([-1]));
    }

    [Fact]
    public void Slice_AndTrim_KeepFirstRows()
    {
        var data = Sample(10);
        var slice = data.Slice(2, 3);
        Assert.Equal([2f, 102f, 3f, 103f, 4f, 104f], slice.Features);

        var trimmed = data.TrimToMultipleOf(4);
        Assert.Equal(8, trimmed.Rows);
        Assert.Equal(data.Features.AsSpan(0, 16).ToArray(), trimmed.Features);
        Assert.Equal(data.Targets.AsSpan(0, 8).ToArray(), trimmed.Targets);

        Assert.Equal(0, Sample(3).TrimToMultipleOf(4).Rows);
        Assert.Equal(10, data.TrimToMultipleOf(1).Rows);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.TrimToMultipleOf(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Slice(8, 3));
    }

    private static Dataset Flowers(RowOrigins? origins = null) => new(
        "flowers",
        [1f, 10f, 2f, 20f, 3f, 30f, 4f, 40f],
        ["a", "b"],
        [0f, 2f, 1f, 2f],
        DatasetTask.Classification("species", ["x", "y", "z"]),
        origins ?? RowOrigins.FromLines("flowers.csv", [2, 3, 5, 6]));

    [Fact]
    public void Classification_LabelsAndOrigins()
    {
        var data = Flowers();
        Assert.Equal(4, data.Rows);
        Assert.Equal(2, data.Label(1));
        Assert.Equal([0, 2, 1, 2], data.Labels());
        Assert.Equal(new RowOrigin("flowers.csv", 5), data.Origin(2));
        Assert.Equal("flowers.csv, line 5", data.Origin(2).ToString());
        Assert.Equal([1, 1, 2], data.Summarize().ClassCounts);
        Assert.Equal("flowers: 4 rows, 2 features, classification of species into 3 classes (x 1, y 1, z 2)", data.Summarize().ToString());
    }

    [Fact]
    public void SelectSliceAndTrim_KeepOriginsTaskAndName()
    {
        var data = Flowers();
        var picked = data.Select([3, 0]);
        Assert.Equal([4f, 40f, 1f, 10f], picked.Features);
        Assert.Equal([2, 0], picked.Labels());
        Assert.Equal([6, 2], new[] { picked.Origin(0).Line, picked.Origin(1).Line });
        Assert.Equal(data.Task, picked.Task);
        Assert.Equal("flowers", picked.Name);

        var slice = data.Slice(1, 2);
        Assert.Equal([3, 5], new[] { slice.Origin(0).Line, slice.Origin(1).Line });
        Assert.Equal(3, data.TrimToMultipleOf(3).Rows);
        Assert.Equal(5, data.TrimToMultipleOf(3).Origin(2).Line);

        var consecutive = new Dataset("c", [1f, 2f, 3f], ["a"], [1f, 2f, 3f], DatasetTask.Regression("y"), RowOrigins.Consecutive("c.txt", 10, 3));
        Assert.Equal(12, consecutive.Slice(1, 2).Origin(1).Line);
    }

    [Fact]
    public void MultiOutputRegression_HasTwoTargetsPerRow()
    {
        var data = new Dataset("e", [1f, 2f, 3f], ["x"], [10f, 11f, 20f, 21f, 30f, 31f], DatasetTask.Regression("heat", "cool"));
        Assert.Equal(3, data.Rows);
        Assert.Equal([20f, 21f], data.Target(1).ToArray());
        Assert.Equal([30f, 31f, 10f, 11f], data.Select([2, 0]).Targets);
        Assert.Equal(2, data.ToTrainingData().TargetWidth);
        Assert.Equal(new RowOrigin("e", 2), data.Origin(1));
        Assert.Throws<InvalidOperationException>(() => data.Labels());
    }

    [Fact]
    public void Construction_RejectsNonFiniteValuesNamingTheRowsOrigin()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset(
            "f", [1f, float.NaN], ["a"], [0f, 1f], DatasetTask.Regression("y"), RowOrigins.FromLines("f.csv", [2, 7])));
        Assert.Contains("Data set 'f': feature 'a' of row 1 (f.csv, line 7) is NaN", e.Message);

        var target = Assert.Throws<ArgumentException>(() => new Dataset("f", [1f], ["a"], [float.PositiveInfinity], DatasetTask.Regression("y")));
        Assert.Contains("target 'y' of row 0 (f, line 1) is ∞", target.Message.Replace("Infinity", "∞", StringComparison.Ordinal));
    }

    [Fact]
    public void Construction_RejectsLabelsThatAreNotClassIndices()
    {
        var task = DatasetTask.Classification("c", ["p", "q"]);
        foreach (var bad in new[] { 2f, -1f, 0.5f })
        {
            var e = Assert.Throws<ArgumentException>(() => new Dataset("d", [1f], ["a"], [bad], task, RowOrigins.FromLines("d.csv", [4])));
            Assert.Contains("the label of row 0 (d.csv, line 4)", e.Message);
            Assert.Contains("not a class index in 0..1 (p, q)", e.Message);
        }
    }

    [Fact]
    public void Construction_RejectsInconsistentShapesAndNames()
    {
        var twoTargets = DatasetTask.Regression("u", "v");
        Assert.Throws<ArgumentException>(() => new Dataset("d", [1f, 2f], ["a"], [1f, 2f, 3f], twoTargets));
        Assert.Throws<ArgumentException>(() => new Dataset("d", [1f, 2f], ["a", "a"], [1f], DatasetTask.Regression("y")));
        Assert.Throws<ArgumentException>(() => new Dataset("d", [1f], ["a"], [1f], DatasetTask.Regression("y"), RowOrigins.FromLines("d", [1, 2])));
        var schema = TabularSchema.ForNumericFeatures(["other"], DatasetTask.Regression("y"));
        Assert.Throws<ArgumentException>(() => new Dataset("d", [1f], ["a"], [1f], DatasetTask.Regression("y"), schema: schema));
    }

    [Fact]
    public void WithFeatures_KeepsEverythingElse_AndChecksTheNewValues()
    {
        var data = Flowers();
        var scaled = data.WithFeatures([0f, 0f, 1f, 1f, 2f, 2f, 3f, 3f]);
        Assert.Equal(data.Targets, scaled.Targets);
        Assert.NotSame(data.Targets, scaled.Targets);
        Assert.Equal(data.Origin(3), scaled.Origin(3));
        Assert.Throws<ArgumentException>(() => data.WithFeatures([0f, 0f, 1f, 1f, 2f, 2f, 3f, float.NaN]));
    }

    [Fact]
    public void DatasetTask_Validates()
    {
        Assert.Throws<ArgumentException>(() => DatasetTask.Regression());
        Assert.Throws<ArgumentException>(() => DatasetTask.Regression("y", "y"));
        Assert.Throws<ArgumentException>(() => DatasetTask.Regression(" "));
        var one = Assert.Throws<ArgumentException>(() => DatasetTask.Classification("c", ["only"]));
        Assert.Contains("at least two classes; 'c' has 1 (only)", one.Message);
        Assert.Throws<ArgumentException>(() => DatasetTask.Classification("c", ["a", "a"]));
        Assert.Throws<ArgumentException>(() => DatasetTask.Classification("", ["a", "b"]));

        var binary = DatasetTask.Classification("c", ["a", "b"]);
        Assert.True(binary.IsBinary);
        Assert.Equal(1, binary.TargetWidth);
        Assert.Equal(3, DatasetTask.Regression("a", "b", "c").TargetWidth);
        Assert.False(DatasetTask.Regression("a").IsBinary);
        Assert.Equal(DatasetTask.Classification("c", ["a", "b"]), binary);
        Assert.NotEqual(DatasetTask.Classification("c", ["b", "a"]), binary);
    }
}
