using System.Text.Json;
using DynPmnn.Data;

namespace DynPmnn.Tests.Data;

/// <summary>
/// The port of <c>train_test_split</c> and the authors' three-way split against scikit-learn 1.2.1's own row orders
/// (tests/reference/splits.py).
/// </summary>
public class SklearnSplitTests
{
    private const string Fixture = "sklearn_splits.json";

    public static TheoryData<string> AcceptedCases()
    {
        var data = new TheoryData<string>();
        foreach (var item in ReferenceFixture.Load(Fixture).GetProperty("singleStage").EnumerateArray())
        {
            if (!item.TryGetProperty("error", out _))
            {
                data.Add(item.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    public static TheoryData<string> DataSets() => ReferenceFixture.CaseNames(Fixture, "datasets");

    [Theory]
    [MemberData(nameof(AcceptedCases))]
    public void TrainTestSplit_ReturnsScikitLearnsRowsInItsOrder(string name)
    {
        var item = ReferenceFixture.Case(Fixture, "singleStage", name);
        var split = SklearnSplit.TrainTestSplit(
            item.GetProperty("rows").GetInt32(),
            item.IntsOrNull("labels"),
            item.GetProperty("seed").GetInt32(),
            Size(item.GetProperty("testSize")),
            Size(item.GetProperty("trainSize")));

        Assert.Equal(item.GetProperty("train").Ints(), split.Train);
        Assert.Equal(item.GetProperty("test").Ints(), split.Test);
    }

    [Theory]
    [InlineData("test fraction zero", "testSize = 0 is a fraction of the rows and must be strictly between 0 and 1")]
    [InlineData("test fraction one", "testSize = 1 is a fraction of the rows and must be strictly between 0 and 1")]
    [InlineData("test count zero", "testSize = 0 rows must be at least 1 and fewer than the 10 rows")]
    [InlineData("test count all rows", "testSize = 10 rows must be at least 1 and fewer than the 10 rows")]
    [InlineData("train fraction one", "trainSize = 1 is a fraction")]
    [InlineData("train count too many", "trainSize = 11 rows must be at least 1")]
    [InlineData("fractions over one", "testSize = 0.6 and trainSize = 0.5 add up to 1.1, more than 1")]
    [InlineData("counts over the rows", "ask for 5 train and 6 test rows, 11 in all, but there are only 10 rows")]
    [InlineData("empty train", "With 2 rows, testSize = 0.6 and trainSize = none, the train side would be empty")]
    [InlineData("class of one", "Class 2 has only 1 row")]
    [InlineData("test smaller than the classes", "The test side has 3 rows but there are 4 classes")]
    [InlineData("train smaller than the classes", "The train side has 3 rows but there are 4 classes")]
    public void TrainTestSplit_RejectsWhatScikitLearnRejects(string name, string message)
    {
        var item = ReferenceFixture.Case(Fixture, "singleStage", name);
        Assert.True(item.TryGetProperty("error", out _), $"scikit-learn accepted '{name}'.");

        var error = Assert.ThrowsAny<ArgumentException>(() => SklearnSplit.TrainTestSplit(
            item.GetProperty("rows").GetInt32(),
            item.IntsOrNull("labels"),
            item.GetProperty("seed").GetInt32(),
            Size(item.GetProperty("testSize")),
            Size(item.GetProperty("trainSize"))));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRejectedFixtureCaseHasAnExpectedMessage()
    {
        var covered = typeof(SklearnSplitTests).GetMethod(nameof(TrainTestSplit_RejectsWhatScikitLearnRejects))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false)
            .Select(a => (string)((InlineDataAttribute)a).GetData(null!).First()[0])
            .ToHashSet();
        foreach (var item in ReferenceFixture.Load(Fixture).GetProperty("singleStage").EnumerateArray())
        {
            if (item.TryGetProperty("error", out _))
            {
                Assert.Contains(item.GetProperty("name").GetString()!, covered);
            }
        }
    }

    [Theory]
    [InlineData(10, 0.25, 7, 3)] // ceil(2.5) = 3
    [InlineData(150, 0.10000000000000002, 134, 16)] // ceil(15.000000000000002) = 16
    [InlineData(134, 0.22222222222222224, 104, 30)] // ceil(29.77…) = 30
    public void Sizes_RoundTheTestFractionUp(int rows, double test, int expectedTrain, int expectedTest)
    {
        Assert.Equal((expectedTrain, expectedTest), SklearnSplit.Sizes(rows, SplitSize.Fraction(test), null));
    }

    [Fact]
    public void Sizes_RoundTheTrainFractionDownAndDefaultToAQuarterTest()
    {
        Assert.Equal((5, 5), SklearnSplit.Sizes(10, null, SplitSize.Fraction(0.55)));
        Assert.Equal((7, 3), SklearnSplit.Sizes(10, null, null));
        Assert.Equal((5, 3), SklearnSplit.Sizes(10, SplitSize.Fraction(0.3), SplitSize.Fraction(0.5)));
    }

    [Fact]
    public void Sizes_RejectNaN()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SklearnSplit.Sizes(10, SplitSize.Fraction(double.NaN), null));
        Assert.Contains("testSize = NaN", error.Message);
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void ThreeWay_ReproducesTheAuthorsSplitWithSeed42(string name)
    {
        var item = ReferenceFixture.Case(Fixture, "datasets", name);
        var expected = item.GetProperty("paper");
        var split = SklearnSplit.ThreeWay(item.GetProperty("rows").GetInt32(), item.IntsOrNull("labels"));
        AssertSplit(expected, split);
    }

    [Theory]
    [InlineData("Banknote", 959, 275, 138)]
    [InlineData("BreastCancer", 398, 114, 57)]
    [InlineData("Diabetes", 308, 89, 45)]
    [InlineData("Energy", 537, 154, 77)]
    [InlineData("Iris", 104, 30, 16)]
    public void ThreeWay_HasThePublishedSizesAndCoversEveryRowOnce(string name, int train, int validation, int test)
    {
        var item = ReferenceFixture.Case(Fixture, "datasets", name);
        var rows = item.GetProperty("rows").GetInt32();
        var split = SklearnSplit.ThreeWay(rows, item.IntsOrNull("labels"));

        Assert.Equal(train, split.Train.Length);
        Assert.Equal(validation, split.Validation.Length);
        Assert.Equal(test, split.Test.Length);
        Assert.Equal(Enumerable.Range(0, rows), split.Train.Concat(split.Validation).Concat(split.Test).Order());
    }

    [Fact]
    public void ThreeWay_StratifiesIris()
    {
        var labels = ReferenceFixture.Case(Fixture, "datasets", "Iris").IntsOrNull("labels")!;
        var split = SklearnSplit.ThreeWay(150, labels);

        Assert.Equal([35, 35, 34], CountClasses(labels, split.Train, 3));
        Assert.Equal([10, 10, 10], CountClasses(labels, split.Validation, 3));
        Assert.Equal([5, 5, 6], CountClasses(labels, split.Test, 3));
    }

    [Fact]
    public void ThreeWay_WithTheRatiosRecordEqualsTheDefaults()
    {
        var labels = ReferenceFixture.Case(Fixture, "datasets", "Iris").IntsOrNull("labels")!;
        var viaDefaults = SklearnSplit.ThreeWay(150, labels);
        var viaRecord = SklearnSplit.ThreeWay(150, labels, SplitRatios.Paper, 42);
        Assert.Equal(viaDefaults.Train, viaRecord.Train);
        Assert.Equal(viaDefaults.Validation, viaRecord.Validation);
        Assert.Equal(viaDefaults.Test, viaRecord.Test);
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void RepeatedSplits_MatchScikitLearnForSeeds0To9(string name)
    {
        var item = ReferenceFixture.Case(Fixture, "datasets", name);
        var splits = RepeatedSplits.Create(item.GetProperty("rows").GetInt32(), item.IntsOrNull("labels"), count: 10, firstSeed: 0);

        var expected = item.GetProperty("repeats");
        Assert.Equal(10, splits.Length);
        for (var i = 0; i < splits.Length; i++)
        {
            Assert.Equal(i, expected[i].GetProperty("seed").GetInt32());
            AssertSplit(expected[i], splits[i]);
        }
    }

    [Fact]
    public void RepeatedSplits_StartAtTheFirstSeed()
    {
        var splits = RepeatedSplits.Create(442, null, count: 2, firstSeed: 41);
        Assert.Equal(SklearnSplit.ThreeWay(442, null, seed: 42).Test, splits[1].Test);
    }

    [Theory]
    [InlineData(0.7, 0.0, 0.1, "validation share is 0")]
    [InlineData(0.7, 0.2, -0.1, "test share is -0.1")]
    [InlineData(double.NaN, 0.2, 0.1, "train share is NaN")]
    public void ThreeWay_RejectsSharesThatAreNotPositive(double train, double validation, double test, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SklearnSplit.ThreeWay(100, null, train, validation, test));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void TrainTestSplit_RejectsLabelsOfTheWrongLengthAndNegativeSeeds()
    {
        var labels = Assert.Throws<ArgumentException>(() => SklearnSplit.TrainTestSplit(5, [0, 1, 0, 1], 0));
        Assert.Contains("5 rows but 4 labels", labels.Message);
        Assert.Equal("stratifyLabels", labels.ParamName);

        var seed = Assert.Throws<ArgumentOutOfRangeException>(() => SklearnSplit.TrainTestSplit(5, null, -1));
        Assert.Equal("seed", seed.ParamName);
    }

    private static void AssertSplit(JsonElement expected, SplitIndices actual)
    {
        Assert.Equal(expected.GetProperty("train").Ints(), actual.Train);
        Assert.Equal(expected.GetProperty("validation").Ints(), actual.Validation);
        Assert.Equal(expected.GetProperty("test").Ints(), actual.Test);
    }

    private static int[] CountClasses(int[] labels, int[] rows, int classes)
    {
        var counts = new int[classes];
        foreach (var row in rows)
        {
            counts[labels[row]]++;
        }

        return counts;
    }

    private static SplitSize? Size(JsonElement size)
    {
        if (size.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return size.TryGetProperty("fraction", out var fraction)
            ? SplitSize.Fraction(fraction.GetDouble())
            : SplitSize.Rows(size.GetProperty("rows").GetInt32());
    }
}
