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
}
