using System.Numerics;
using DynPmnn.Stability;

namespace DynPmnn.Tests.Stability;

public sealed class EigenvaluesTests
{
    [Fact]
    public void RotationHasEigenvaluesPlusMinusI()
    {
        var lambda = Eigenvalues.Of([0, -1, 1, 0], 2);
        AssertClose(new Complex(0, 1), lambda[0], 1e-15);
        AssertClose(new Complex(0, -1), lambda[1], 1e-15);
    }

    [Fact]
    public void TriangularMatrixHasItsDiagonal()
    {
        double[] a =
        [
            3, 7, -2, 5,
            0, -1, 4, 1,
            0, 0, 2, -8,
            0, 0, 0, 0.5,
        ];
        var lambda = Eigenvalues.Of(a, 4);
        Assert.Equal([3, 2, 0.5, -1], lambda.Select(z => Math.Round(z.Real, 12)));
        Assert.All(lambda, z => Assert.Equal(0, z.Imaginary));
    }

    [Fact]
    public void SmallAndDegenerateMatrices()
    {
        Assert.Empty(Eigenvalues.Of([], 0));
        Assert.Equal(new Complex(-4.5, 0), Eigenvalues.Of([-4.5], 1)[0]);
        Assert.All(Eigenvalues.Of(new double[9], 3), z => Assert.Equal(Complex.Zero, z));

        // A Jordan block: one defective eigenvalue 1, twice.
        Assert.All(Eigenvalues.Of([1, 1, 0, 1], 2), z => AssertClose(Complex.One, z, 1e-12));

        // Identity, repeated eigenvalue with a full set of vectors.
        Assert.All(Eigenvalues.Of([1, 0, 0, 0, 1, 0, 0, 0, 1], 3), z => AssertClose(Complex.One, z, 1e-15));
    }

    [Fact]
    public void DampedOscillatorJacobian()
    {
        // x'' + 2ζω x' + ω² x = 0 with ω = 3, ζ = 0.1: λ = −ζω ± iω√(1 − ζ²) = −0.3 ± 2.98496i.
        var lambda = Eigenvalues.Of([0, 1, -9, -0.6], 2);
        AssertClose(new Complex(-0.3, 3 * Math.Sqrt(0.99)), lambda[0], 1e-14);
        AssertClose(new Complex(-0.3, -3 * Math.Sqrt(0.99)), lambda[1], 1e-14);
    }

    [Fact]
    public void KnownRootsSurviveARandomSimilarityTransform()
    {
        Complex[] roots = [3, new(-0.5, 1.5), new(-0.5, -1.5), 2, new(0.1, 0.25), new(0.1, -0.25), -1, -7];
        var n = roots.Length;

        // The companion matrix of ∏(x − rᵢ), then S C S⁻¹ with a random S, so the matrix is dense and unstructured.
        var coefficients = new Complex[n + 1];
        coefficients[0] = 1;
        foreach (var r in roots)
        {
            for (var k = n; k >= 1; k--)
            {
                coefficients[k] -= r * coefficients[k - 1];
            }
        }

        var companion = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            companion[j] = -coefficients[j + 1].Real;
        }

        for (var i = 1; i < n; i++)
        {
            companion[(i * n) + i - 1] = 1;
        }

        var random = new Random(11);
        var s = new double[n * n];
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = (random.NextDouble() * 2) - 1 + (i % (n + 1) == 0 ? 2 : 0);
        }

        var a = Multiply(Multiply(s, companion, n), Invert(s, n), n);
        var lambda = Eigenvalues.Of(a, n);
        var expected = roots.OrderByDescending(z => z.Real).ThenByDescending(z => z.Imaginary).ToArray();
        for (var i = 0; i < n; i++)
        {
            AssertClose(expected[i], lambda[i], 1e-8);
        }
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 6)]
    [InlineData(3, 9)]
    [InlineData(4, 4)]
    public void RandomMatricesAnnihilateTheirCharacteristicPolynomial(int seed, int n)
    {
        var random = new Random(seed);
        var a = new double[n * n];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (random.NextDouble() * 4) - 2;
        }

        var lambda = Eigenvalues.Of(a, n);
        Assert.Equal(n, lambda.Length);

        // Faddeev–LeVerrier: p(x) = Σ c_k x^(n−k) with c_0 = 1, M_k = A M_(k−1) + c_(k−1) I, c_k = −tr(A M_k) / k.
        var c = new double[n + 1];
        c[0] = 1;
        var m = new double[n * n];
        for (var k = 1; k <= n; k++)
        {
            for (var i = 0; i < n; i++)
            {
                m[(i * n) + i] += c[k - 1];
            }

            var am = Multiply(a, m, n);
            var trace = 0.0;
            for (var i = 0; i < n; i++)
            {
                trace += am[(i * n) + i];
            }

            c[k] = -trace / k;
            m = am;
        }

        var traceA = Enumerable.Range(0, n).Sum(i => a[(i * n) + i]);
        var sum = lambda.Aggregate(Complex.Zero, (x, y) => x + y);
        Assert.Equal(traceA, sum.Real, 1e-10);
        Assert.Equal(0, sum.Imaginary, 1e-10);
        foreach (var z in lambda)
        {
            Complex value = 0;
            var scale = 0.0;
            for (var k = 0; k <= n; k++)
            {
                value = (value * z) + c[k];
                scale = (scale * z.Magnitude) + Math.Abs(c[k]);
            }

            Assert.True(value.Magnitude <= 1e-11 * scale, $"p({z}) = {value} (scale {scale})");
        }

        // Complex eigenvalues come as exact conjugate pairs.
        foreach (var z in lambda.Where(z => z.Imaginary != 0))
        {
            Assert.Contains(Complex.Conjugate(z), lambda);
        }
    }

    [Fact]
    public void BadlyScaledMatrixIsBalanced()
    {
        // Diagonal similarity of diag(−1, −2, −3) by scales 1e-6 … 1e6 plus coupling: eigenvalues are unchanged.
        double[] d = [1e-6, 1, 1e6];
        double[] b = [-1, 0.5, 0.25, 0, -2, 0.125, 0, 0, -3];
        var a = new double[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                a[(i * 3) + j] = d[i] * b[(i * 3) + j] / d[j];
            }
        }

        var lambda = Eigenvalues.Of(a, 3);
        AssertClose(-1, lambda[0], 1e-9);
        AssertClose(-2, lambda[1], 1e-9);
        AssertClose(-3, lambda[2], 1e-9);
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => Eigenvalues.Of([1, 2, 3], 2));
        Assert.Throws<ArgumentException>(() => Eigenvalues.Of([1, double.NaN, 0, 1], 2));
    }

    private static void AssertClose(Complex expected, Complex actual, double tolerance) =>
        Assert.True((expected - actual).Magnitude <= tolerance * Math.Max(1, expected.Magnitude), $"expected {expected}, got {actual}");

    private static double[] Multiply(double[] a, double[] b, int n)
    {
        var c = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                for (var j = 0; j < n; j++)
                {
                    c[(i * n) + j] += a[(i * n) + k] * b[(k * n) + j];
                }
            }
        }

        return c;
    }

    private static double[] Invert(double[] a, int n)
    {
        var m = (double[])a.Clone();
        var inverse = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            inverse[(i * n) + i] = 1;
        }

        for (var k = 0; k < n; k++)
        {
            var pivot = k;
            for (var i = k + 1; i < n; i++)
            {
                if (Math.Abs(m[(i * n) + k]) > Math.Abs(m[(pivot * n) + k]))
                {
                    pivot = i;
                }
            }

            for (var j = 0; j < n; j++)
            {
                (m[(k * n) + j], m[(pivot * n) + j]) = (m[(pivot * n) + j], m[(k * n) + j]);
                (inverse[(k * n) + j], inverse[(pivot * n) + j]) = (inverse[(pivot * n) + j], inverse[(k * n) + j]);
            }

            var p = m[(k * n) + k];
            for (var j = 0; j < n; j++)
            {
                m[(k * n) + j] /= p;
                inverse[(k * n) + j] /= p;
            }

            for (var i = 0; i < n; i++)
            {
                if (i != k)
                {
                    var f = m[(i * n) + k];
                    for (var j = 0; j < n; j++)
                    {
                        m[(i * n) + j] -= f * m[(k * n) + j];
                        inverse[(i * n) + j] -= f * inverse[(k * n) + j];
                    }
                }
            }
        }

        return inverse;
    }
}
