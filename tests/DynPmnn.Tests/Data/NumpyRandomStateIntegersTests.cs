using DynPmnn.Data;

namespace DynPmnn.Tests.Data;

public class NumpyRandomStateIntegersTests
{
    [Fact]
    public void Seed42_MatchesRandintBelowRandRMax()
    {
        // numpy.random.RandomState(42).randint(0, 2**31 - 1), three times: the first is the seed scikit-learn's
        // trees draw their features with for random_state=42.
        var random = new NumpyRandomState(42);
        Assert.Equal(1608637542L, random.RandomInteger(0, 0x7FFFFFFF));
        Assert.Equal(1273642419L, random.RandomInteger(0, 0x7FFFFFFF));
        Assert.Equal(1935803228L, random.RandomInteger(0, 0x7FFFFFFF));
    }

    [Fact]
    public void Seed7_MatchesRandintOverSmallFullAndWideRanges()
    {
        // rs = numpy.random.RandomState(7); [rs.randint(-5, 10) for _ in range(5)],
        // then [rs.randint(0, 2**40) ...] (64-bit words, masked) and [rs.randint(3, 2**32 + 3) ...] (a full 32-bit range).
        var random = new NumpyRandomState(7);
        Assert.Equal([-1L, 4, 1, -2, -2], Enumerable.Range(0, 5).Select(_ => random.RandomInteger(-5, 10)));
        Assert.Equal([650496783975L, 396459895993, 611018672663], Enumerable.Range(0, 3).Select(_ => random.RandomInteger(0, 1L << 40)));
        Assert.Equal([2152296011L, 372560220, 309457265], Enumerable.Range(0, 3).Select(_ => random.RandomInteger(3, (1L << 32) + 3)));
    }

    [Fact]
    public void SingleValueRange_DrawsNothing()
    {
        var random = new NumpyRandomState(42);
        Assert.Equal(5L, random.RandomInteger(5, 6));
        Assert.Equal(0.3745401188473625, random.NextDouble());
    }

    [Fact]
    public void EmptyRange_IsRefusedWithBothBounds()
    {
        var error = Assert.Throws<ArgumentException>(() => new NumpyRandomState(1).RandomInteger(3, 3));
        Assert.Contains("low = 3, high = 3", error.Message);
    }
}
