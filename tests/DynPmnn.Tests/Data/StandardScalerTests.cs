using DynPmnn.Data;

namespace DynPmnn.Tests.Data;

public class StandardScalerTests
{
    [Fact]
    public void Fit_UsesMeanAndUnbiasedDeviation()
    {
        // Column a: 1, 2, 3, 4 -> mean 2.5, unbiased variance 5/3. Column b is constant.
        var data = new Dataset([1f, 7f, 2f, 7f, 3f, 7f, 4f, 7f], [10f, 20f, 30f, 40f], ["a", "b"], "y");
        var scaler = StandardScaler.Fit(data);

        Assert.Equal([2.5, 7.0], scaler.Means);
        Assert.Equal(Math.Sqrt(5.0 / 3.0), scaler.StandardDeviations[0], 15);
        Assert.Equal(0.0, scaler.StandardDeviations[1]);

        var scaled = scaler.Transform(data);
        var s = Math.Sqrt(5.0 / 3.0) + 1e-12;
        Assert.Equal([(float)(-1.5 / s), 0f, (float)(-0.5 / s), 0f, (float)(0.5 / s), 0f, (float)(1.5 / s), 0f], scaled.Features);
        Assert.Equal(data.Targets, scaled.Targets);
        Assert.NotSame(data.Targets, scaled.Targets);
        Assert.Equal([1f, 7f, 2f, 7f, 3f, 7f, 4f, 7f], data.Features);
    }

    [Fact]
    public void Fit_NeedsTwoRows_AndTransformNeedsSameColumns()
    {
        Assert.Throws<ArgumentException>(() => StandardScaler.Fit(new Dataset([1f], [1f], ["a"], "y")));
        var scaler = StandardScaler.Fit(new Dataset([1f, 2f], [1f, 2f], ["a"], "y"));
        Assert.Throws<ArgumentException>(() => scaler.Transform(new Dataset([1f, 2f], [1f], ["a", "b"], "y")));
    }
}
