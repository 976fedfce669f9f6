namespace DynPmnn.Tests.Metrics;

/// <summary>Comparison of a computed score with scikit-learn's, allowing only rounding from a different order of sums.</summary>
internal static class Close
{
    public static void Equal(double expected, double actual, string what, double relative = 1e-13)
    {
        var tolerance = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(
            Math.Abs(expected - actual) <= tolerance,
            $"{what}: expected {expected:R} (scikit-learn), got {actual:R}, difference {actual - expected:R} over the tolerance {tolerance:R}.");
    }
}
