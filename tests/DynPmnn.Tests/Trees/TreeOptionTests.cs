using DynPmnn.Trees;

namespace DynPmnn.Tests.Trees;

/// <summary>Bad settings and bad data are refused with a message that names the parameter, row or column.</summary>
public class TreeOptionTests
{
    private static readonly ClassificationData Tiny = new([0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f], 2, [0, 1, 0, 1]);

    [Theory]
    [InlineData(30, 5, 4)]
    [InlineData(4, 2, 2)]
    [InlineData(8, 2, 3)]
    [InlineData(10, 3, 3)]
    [InlineData(1, 1, 1)]
    public void MaxFeatures_ResolvesAsScikitLearn(int features, int sqrt, int log2)
    {
        Assert.Equal(features, MaxFeatures.All.Resolve(features));
        Assert.Equal(sqrt, MaxFeatures.Sqrt.Resolve(features));
        Assert.Equal(log2, MaxFeatures.Log2.Resolve(features));
        Assert.Equal(1, MaxFeatures.Count(1).Resolve(features));
    }

    [Fact]
    public void MaxFeatures_CountAboveTheFeatures_NamesBoth()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DecisionTreeClassifier.Fit(Tiny, new() { MaxFeatures = MaxFeatures.Count(3) }));
        Assert.Contains("max_features = 3 exceeds the 2 features", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MaxFeatures.Count(0));
    }

    [Fact]
    public void Options_PrintAsScikitLearnParameters()
    {
        Assert.Equal(
            "criterion=entropy, max_depth=None, min_samples_split=2, min_samples_leaf=5, max_features=sqrt, class_weight=balanced, ccp_alpha=0.001, random_state=42",
            new DecisionTreeClassifierOptions
            {
                Criterion = ClassificationCriterion.Entropy, MinSamplesLeaf = 5, MaxFeatures = MaxFeatures.Sqrt,
                ClassWeight = ClassWeight.Balanced, CcpAlpha = 0.001, RandomState = 42,
            }.ToString());
        Assert.Equal(
            "criterion=absolute_error, max_depth=4, min_samples_split=10, min_samples_leaf=1, max_features=log2, ccp_alpha=0.0, random_state=0",
            new DecisionTreeRegressorOptions
            {
                Criterion = RegressionCriterion.AbsoluteError, MaxDepth = 4, MinSamplesSplit = 10, MaxFeatures = MaxFeatures.Log2,
            }.ToString());
    }

    [Theory]
    [InlineData("MaxDepth")]
    [InlineData("MinSamplesSplit")]
    [InlineData("MinSamplesLeaf")]
    [InlineData("CcpAlpha")]
    public void OutOfRangeOption_IsRefusedByName(string parameter)
    {
        DecisionTreeClassifierOptions options = parameter switch
        {
            "MaxDepth" => new() { MaxDepth = 0 },
            "MinSamplesSplit" => new() { MinSamplesSplit = 1 },
            "MinSamplesLeaf" => new() { MinSamplesLeaf = 0 },
            _ => new() { CcpAlpha = -0.1 },
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DecisionTreeClassifier.Fit(Tiny, options));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void NonFiniteFeature_NamesRowAndColumn()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClassificationData([0f, 1f, 2f, float.NaN], 2, [0, 1]));
        Assert.Contains("Feature 1 of row 1 is NaN", error.Message);
        var regression = Assert.Throws<ArgumentException>(() => new RegressionData([0f, 1f], 1, [1.0, double.PositiveInfinity]));
        Assert.Contains("Target 0 of row 1", regression.Message);
    }

    [Fact]
    public void SizesThatDisagree_AreRefusedWithBothSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClassificationData([0f, 1f, 2f], 2, [0, 1]));
        Assert.Contains("2 rows of 2 features need 4 values, got 3", error.Message);
        var outputs = Assert.Throws<ArgumentException>(() => new RegressionData([0f, 1f, 2f], 1, [1.0, 2.0, 3.0], outputs: 2));
        Assert.Contains("3 targets do not make whole rows of 2 outputs", outputs.Message);
        var label = Assert.Throws<ArgumentException>(() => new ClassificationData([0f, 1f], 1, [0, -2]));
        Assert.Contains("row 1 has label -2", label.Message);
    }

    [Fact]
    public void Predict_RowsOfTheWrongWidth_AreRefused()
    {
        var model = DecisionTreeClassifier.Fit(Tiny, new DecisionTreeClassifierOptions());
        var error = Assert.Throws<ArgumentException>(() => model.Predict([1f, 2f, 3f]));
        Assert.Contains("fitted to 2 features; 3 values are not whole rows of 2", error.Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => model.PredictProbability([1f, float.NaN])).Message);
    }

    [Fact]
    public void Export_WrongNumberOfFeatureNames_IsRefused()
    {
        var model = DecisionTreeClassifier.Fit(Tiny, new DecisionTreeClassifierOptions());
        var error = Assert.Throws<ArgumentException>(() => TreeText.Export(model, ["only one"]));
        Assert.Contains("feature names must contain 2 elements, got 1", error.Message);
    }
}
