using DynPmnn.Data;

namespace DynPmnn.Tests.Data;

public class PaperSplitTests
{
    [Fact]
    public void Assign_FollowsTheFirstDraws()
    {
        // RandomState(42).rand(3) = 0.3745..., 0.9507..., 0.7319...: train, test, validation.
        var split = PaperSplit.Assign(3);
        Assert.Equal([0], split.Train);
        Assert.Equal([2], split.Validation);
        Assert.Equal([1], split.Test);
    }

    [Fact]
    public void Assign_HasThePaperSizesAndPartitionsTheRows()
    {
        var split = PaperSplit.Assign(20640);
        Assert.Equal(14489, split.Train.Length);
        Assert.Equal(4102, split.Validation.Length);
        Assert.Equal(2049, split.Test.Length);

        var all = split.Train.Concat(split.Validation).Concat(split.Test).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 20640), all);
        Assert.Equal(split.Train.Order(), split.Train);
        Assert.Equal(split.Validation.Order(), split.Validation);
        Assert.Equal(split.Test.Order(), split.Test);
    }

    [Fact]
    public void Create_OnTheRealFile_ReproducesThePaperSplit()
    {
        var data = CaliforniaHousing.Load(TestData.CalHousingPath);
        var split = PaperSplit.Create(data);

        Assert.Equal(14489, split.Indices.Train.Length);
        Assert.Equal(4102, split.Indices.Validation.Length);
        Assert.Equal(2049, split.Indices.Test.Length);
        Assert.Equal(14464, split.Train.Rows);
        Assert.Equal(4096, split.Validation.Rows);
        Assert.Equal(2048, split.Test.Rows);
        Assert.Equal(data.FeatureNames, split.Train.FeatureNames);

        // The scaler saw every training row, including the 25 the cut dropped: on all of them the
        // standardised columns have mean ~0 and unbiased deviation ~1.
        var fullTrain = split.Scaler.Transform(data.Select(split.Indices.Train));
        var check = StandardScaler.Fit(fullTrain);
        for (var c = 0; c < data.Columns; c++)
        {
            Assert.InRange(check.Means[c], -1e-6, 1e-6);
            Assert.InRange(check.StandardDeviations[c], 1 - 1e-6, 1 + 1e-6);
        }

        // Scaler statistics are those of the untrimmed training rows, not of the trimmed ones.
        var trimmedStats = StandardScaler.Fit(data.Select(split.Indices.Train).TrimToMultipleOf(64));
        Assert.NotEqual(trimmedStats.Means[0], split.Scaler.Means[0]);

        // The kept rows are the first rows of each split, standardised, with targets untouched.
        AssertRowIs(data, split.Scaler, split.Train, 0, split.Indices.Train[0]);
        AssertRowIs(data, split.Scaler, split.Train, split.Train.Rows - 1, split.Indices.Train[split.Train.Rows - 1]);
        AssertRowIs(data, split.Scaler, split.Validation, 0, split.Indices.Validation[0]);
        AssertRowIs(data, split.Scaler, split.Test, split.Test.Rows - 1, split.Indices.Test[split.Test.Rows - 1]);
    }

    private static void AssertRowIs(Dataset data, StandardScaler scaler, Dataset split, int splitRow, int dataRow)
    {
        var raw = data.Row(dataRow);
        var scaled = split.Row(splitRow);
        for (var c = 0; c < data.Columns; c++)
        {
            var expected = (float)((raw[c] - scaler.Means[c]) / (scaler.StandardDeviations[c] + 1e-12));
            Assert.Equal(expected, scaled[c]);
        }

        Assert.Equal(data.Targets[dataRow], split.Targets[splitRow]);
    }
}
