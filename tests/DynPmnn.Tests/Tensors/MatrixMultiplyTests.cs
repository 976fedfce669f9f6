using DynPmnn.Tensors;

namespace DynPmnn.Tests.Tensors;

public class MatrixMultiplyTests
{
    public static TheoryData<int, int, int> Sizes => new()
    {
        { 1, 1, 1 },
        { 3, 5, 2 },
        { 7, 17, 9 },
        { 20, 33, 70 },
        { 40, 8, 37 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void MatchesTheDefinitionInDouble(int m, int k, int n)
    {
        var random = new Random(m * 1000 + k * 10 + n);
        var a = Uniform(random, m * k);
        var bt = Uniform(random, n * k);
        var bias = Uniform(random, n);
        var c = new double[m * n];
        MatrixMultiply.MultiplyTransposedB<double>(a, bt, bias, c, m, k, n);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var expected = bias[j];
                for (var p = 0; p < k; p++)
                {
                    expected += a[i * k + p] * bt[j * k + p];
                }

                Assert.Equal(expected, c[i * n + j], 1e-12);
            }
        }

        // C += Aᵀ·B with A [m, k], B [m, n]
        var b2 = Uniform(random, m * n);
        var initial = Uniform(random, k * n);
        var accumulated = (double[])initial.Clone();
        MatrixMultiply.MultiplyAccumulateTransposedA<double>(a, b2, accumulated, m, k, n);
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var expected = initial[i * n + j];
                for (var r = 0; r < m; r++)
                {
                    expected += a[r * k + i] * b2[r * n + j];
                }

                Assert.Equal(expected, accumulated[i * n + j], 1e-12);
            }
        }

        // C = A·B with A [m, k], B [k, n]
        var b3 = Uniform(random, k * n);
        var product = new double[m * n];
        Array.Fill(product, double.NaN);
        MatrixMultiply.Multiply<double>(a, b3, product, m, k, n);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var expected = 0.0;
                for (var p = 0; p < k; p++)
                {
                    expected += a[i * k + p] * b3[p * n + j];
                }

                Assert.Equal(expected, product[i * n + j], 1e-12);
            }
        }
    }

    public static TheoryData<int, int, int> SingleSizes => new()
    {
        { 1, 1, 1 },
        { 3, 5, 2 },
        { 7, 17, 9 },
        { 9, 8, 1 },
        { 13, 33, 70 },
        { 6, 72, 64 },
        { 5, 129, 130 },
        { 37, 16, 200 },
    };

    /// <summary>The single-precision kernels (tiles, edge rows, masked edge columns, packed panels) against the definition.</summary>
    [Theory]
    [MemberData(nameof(SingleSizes))]
    public void MatchesTheDefinitionInSingle(int m, int k, int n)
    {
        var random = new Random(m * 7919 + k * 31 + n);
        var a = UniformFloat(random, m * k);
        var bt = UniformFloat(random, n * k);
        var bias = UniformFloat(random, n);
        var tolerance = 1e-5 * Math.Max(k, m);
        foreach (var parallel in new[] { false, true })
        {
            var c = new float[m * n];
            MatrixMultiply.MultiplyTransposedB<float>(a, bt, bias, c, m, k, n, parallel);
            var unbiased = new float[m * n];
            MatrixMultiply.MultiplyTransposedB<float>(a, bt, default, unbiased, m, k, n, parallel);
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var expected = 0.0;
                    for (var p = 0; p < k; p++)
                    {
                        expected += (double)a[i * k + p] * bt[j * k + p];
                    }

                    Assert.Equal(expected + bias[j], c[i * n + j], tolerance);
                    Assert.Equal(expected, unbiased[i * n + j], tolerance);
                }
            }

            var b2 = UniformFloat(random, m * n);
            var initial = UniformFloat(random, k * n);
            var accumulated = (float[])initial.Clone();
            MatrixMultiply.MultiplyAccumulateTransposedA<float>(a, b2, accumulated, m, k, n, parallel);
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var expected = (double)initial[i * n + j];
                    for (var r = 0; r < m; r++)
                    {
                        expected += (double)a[r * k + i] * b2[r * n + j];
                    }

                    Assert.Equal(expected, accumulated[i * n + j], tolerance);
                }
            }

            var b3 = UniformFloat(random, k * n);
            var product = new float[m * n];
            Array.Fill(product, float.NaN);
            MatrixMultiply.Multiply<float>(a, b3, product, m, k, n, parallel);
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var expected = 0.0;
                    for (var p = 0; p < k; p++)
                    {
                        expected += (double)a[i * k + p] * b3[p * n + j];
                    }

                    Assert.Equal(expected, product[i * n + j], tolerance);
                }
            }
        }
    }

    [Fact]
    public void ParallelAndSerialResultsAreBitIdentical()
    {
        const int m = 203, k = 45, n = 67;
        var random = new Random(9);
        var a = UniformFloat(random, m * k);
        var b = UniformFloat(random, n * k);
        var bias = UniformFloat(random, n);
        var serial = new float[m * n];
        var parallel = new float[m * n];
        MatrixMultiply.MultiplyTransposedB<float>(a, b, bias, serial, m, k, n, parallel: false);
        MatrixMultiply.MultiplyTransposedB<float>(a, b, bias, parallel, m, k, n, parallel: true);
        Assert.Equal(serial, parallel);

        var g = UniformFloat(random, m * n);
        var serialGradient = new float[k * n];
        var parallelGradient = new float[k * n];
        MatrixMultiply.MultiplyAccumulateTransposedA<float>(a, g, serialGradient, m, k, n, parallel: false);
        MatrixMultiply.MultiplyAccumulateTransposedA<float>(a, g, parallelGradient, m, k, n, parallel: true);
        Assert.Equal(serialGradient, parallelGradient);

        var w = UniformFloat(random, k * n);
        var serialProduct = new float[m * n];
        var parallelProduct = new float[m * n];
        MatrixMultiply.Multiply<float>(a, w, serialProduct, m, k, n, parallel: false);
        MatrixMultiply.Multiply<float>(a, w, parallelProduct, m, k, n, parallel: true);
        Assert.Equal(serialProduct, parallelProduct);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ASplitProductAllocatesNothingOnceWarm(bool single)
    {
        const int m = 96, k = 70, n = 130;
        var random = new Random(12);
        var a = Uniform(random, m * k);
        var b = Uniform(random, n * k);
        var g = Uniform(random, m * n);
        var af = Array.ConvertAll(a, x => (float)x);
        var bf = Array.ConvertAll(b, x => (float)x);
        var gf = Array.ConvertAll(g, x => (float)x);
        var c = new double[m * n];
        var cf = new float[m * n];
        var dw = new double[n * k];
        var dwf = new float[n * k];
        var dx = new double[m * k];
        var dxf = new float[m * k];

        void Run()
        {
            if (single)
            {
                MatrixMultiply.MultiplyTransposedB<float>(af, bf, default, cf, m, k, n, parallel: true);
                MatrixMultiply.MultiplyAccumulateTransposedA<float>(gf, af, dwf, m, n, k, parallel: true);
                MatrixMultiply.Multiply<float>(gf, bf, dxf, m, n, k, parallel: true);
            }
            else
            {
                MatrixMultiply.MultiplyTransposedB<double>(a, b, default, c, m, k, n, parallel: true);
                MatrixMultiply.MultiplyAccumulateTransposedA<double>(g, a, dw, m, n, k, parallel: true);
                MatrixMultiply.Multiply<double>(g, b, dx, m, n, k, parallel: true);
            }
        }

        Run();
        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void SplitProductsFromSeveralThreadsAtOnceMatchTheSerialOnes()
    {
        var failures = 0;
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            var random = new Random(20 + t);
            for (var round = 0; round < 60; round++)
            {
                int m = random.Next(1, 90), k = random.Next(1, 40), n = random.Next(1, 150);
                var a = UniformFloat(random, m * k);
                var b = UniformFloat(random, n * k);
                var bias = UniformFloat(random, n);
                var serial = new float[m * n];
                var parallel = new float[m * n];
                MatrixMultiply.MultiplyTransposedB<float>(a, b, bias, serial, m, k, n, parallel: false);
                MatrixMultiply.MultiplyTransposedB<float>(a, b, bias, parallel, m, k, n, parallel: true);
                var ad = Array.ConvertAll(a, x => (double)x);
                var bd = Array.ConvertAll(b, x => (double)x);
                var serialDouble = new double[k * k];
                var parallelDouble = new double[k * k];
                MatrixMultiply.MultiplyAccumulateTransposedA<double>(ad, ad, serialDouble, m, k, k, parallel: false);
                MatrixMultiply.MultiplyAccumulateTransposedA<double>(ad, ad, parallelDouble, m, k, k, parallel: true);
                if (!serial.AsSpan().SequenceEqual(parallel) || !serialDouble.AsSpan().SequenceEqual(parallelDouble))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        Assert.Equal(0, failures);
    }

    [Fact]
    public void ARowGivesTheSameBitsWhateverBatchItIsIn()
    {
        const int m = 50, k = 19, n = 23;
        var random = new Random(4);
        var a = UniformFloat(random, m * k);
        var b = UniformFloat(random, n * k);
        var all = new float[m * n];
        MatrixMultiply.MultiplyTransposedB<float>(a, b, default, all, m, k, n);
        var single = new float[n];
        MatrixMultiply.MultiplyTransposedB<float>(a.AsSpan(31 * k, k), b, default, single, 1, k, n);
        Assert.Equal(all.AsSpan(31 * n, n).ToArray(), single);
    }

    [Fact]
    public void ShortBuffersAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => MatrixMultiply.Multiply<float>(new float[5], new float[6], new float[4], 2, 3, 2));
        Assert.Contains("'a'", error.Message);
    }

    private static double[] Uniform(Random random, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = 2 * random.NextDouble() - 1;
        }

        return values;
    }

    private static float[] UniformFloat(Random random, int count) => [.. Uniform(random, count).Select(v => (float)v)];
}
