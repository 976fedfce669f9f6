using System.Security.Cryptography;
using System.Text.Json;
using DynPmnn.Data;

namespace DynPmnn.Tests.Data;

/// <summary>The legacy permutation, choice and shuffle draws against numpy 1.24 (tests/reference/splits.py).</summary>
public class NumpyRandomStatePermutationTests
{
    private const string Fixture = "numpy_permutations.json";

    [Fact]
    public void Permutation_MatchesNumpy_ForEveryFixtureCase()
    {
        var cases = ReferenceFixture.Load(Fixture).GetProperty("permutations");
        Assert.True(cases.GetArrayLength() >= 30);
        foreach (var item in cases.EnumerateArray())
        {
            var n = item.GetProperty("n").GetInt32();
            var seed = item.GetProperty("seed").GetUInt32();
            var random = new NumpyRandomState(seed);
            var actual = random.Permutation(n);
            var label = $"permutation({n}), seed {seed}";
            if (item.TryGetProperty("values", out var values))
            {
                Assert.True(values.Ints().AsSpan().SequenceEqual(actual), label);
            }
            else
            {
                Assert.True(item.GetProperty("head").Ints().AsSpan().SequenceEqual(actual.AsSpan(0, 16)), label);
                Assert.True(item.GetProperty("tail").Ints().AsSpan().SequenceEqual(actual.AsSpan(n - 16)), label);
                Assert.Equal(item.GetProperty("sha256").GetString(), Int64Sha256(actual));
            }

            // The generator must also stop where numpy's did.
            Assert.Equal(item.GetProperty("nextDouble").GetDouble(), random.NextDouble());
        }
    }

    [Fact]
    public void Permutation_KnownValues()
    {
        // numpy.random.RandomState(3).permutation(5) == [3, 4, 1, 0, 2], then rand() == 0.2909047389129443.
        var random = new NumpyRandomState(3);
        Assert.Equal([3, 4, 1, 0, 2], random.Permutation(5));
        Assert.Equal(0.2909047389129443, random.NextDouble());
    }

    [Fact]
    public void Permutation_OfOneAndZero_DrawsNothing()
    {
        var random = new NumpyRandomState(42);
        Assert.Equal([0], random.Permutation(1));
        Assert.Empty(random.Permutation(0));
        Assert.Equal(0.3745401188473625, random.NextDouble());
    }

    [Fact]
    public void Choice_MatchesNumpy()
    {
        foreach (var item in ReferenceFixture.Load(Fixture).GetProperty("choices").EnumerateArray())
        {
            var random = new NumpyRandomState(item.GetProperty("seed").GetUInt32());
            var actual = random.Choice(item.GetProperty("n").GetInt32(), item.GetProperty("size").GetInt32());
            Assert.Equal(item.GetProperty("values").Ints(), actual);
            Assert.Equal(item.GetProperty("nextDouble").GetDouble(), random.NextDouble());
        }
    }

    [Fact]
    public void Shuffle_MatchesNumpy()
    {
        foreach (var item in ReferenceFixture.Load(Fixture).GetProperty("shuffles").EnumerateArray())
        {
            var random = new NumpyRandomState(item.GetProperty("seed").GetUInt32());
            var values = item.GetProperty("values").Ints();
            random.Shuffle<int>(values);
            Assert.Equal(item.GetProperty("shuffled").Ints(), values);
            Assert.Equal(item.GetProperty("nextDouble").GetDouble(), random.NextDouble());
        }
    }

    [Theory]
    [InlineData(3, 4, "size")]
    [InlineData(3, -1, "size")]
    [InlineData(0, 1, "n")]
    public void Choice_RejectsImpossibleDraws(int n, int size, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandomState(0).Choice(n, size));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(size.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void Permutation_RejectsNegativeLength()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandomState(0).Permutation(-2));
        Assert.Contains("-2", error.Message);
    }

    private static string Int64Sha256(int[] values)
    {
        var bytes = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * sizeof(long)), (long)values[i]);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
