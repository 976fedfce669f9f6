using System.Numerics;

namespace DynPmnn.Stability;

/// <summary>
/// Eigenvalues of a small dense real matrix: balancing, Householder reduction to upper Hessenberg form, then the
/// Francis double-shift QR iteration (the EISPACK <c>balanc</c>/<c>orthes</c>/<c>hqr</c> sequence, without vectors).
/// </summary>
/// <remarks>
/// A real matrix's complex eigenvalues come in conjugate pairs, and both members are returned. The QR iteration works
/// in real arithmetic throughout, so a pair's members are exact conjugates of each other. Hand-written rather than a
/// library's eigensolver (MathNet.Numerics' Evd would do) to keep the core package free of a second numerics dependency
/// for Jacobians of a few rows.
/// </remarks>
public static class Eigenvalues
{
    private const int MaxIterationsPerEigenvalue = 60;

    /// <summary>The <paramref name="n"/> eigenvalues of the row-major <paramref name="n"/> × <paramref name="n"/> matrix, by decreasing real part.</summary>
    /// <exception cref="ArgumentException">The matrix has the wrong length or a non-finite entry.</exception>
    /// <exception cref="ArithmeticException">The QR iteration did not converge (not seen in practice for finite matrices).</exception>
    public static Complex[] Of(ReadOnlySpan<double> matrix, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (matrix.Length != n * n)
        {
            throw new ArgumentException($"A {n} × {n} matrix has {n * n} entries, not {matrix.Length}.", nameof(matrix));
        }

        foreach (var value in matrix)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("The matrix has a non-finite entry.", nameof(matrix));
            }
        }

        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = matrix[(i * n) + j];
            }
        }

        Balance(a, n);
        ReduceToHessenberg(a, n);
        var result = new Complex[n];
        QrIterate(a, n, result);
        Array.Sort(result, static (x, y) => x.Real != y.Real ? y.Real.CompareTo(x.Real) : y.Imaginary.CompareTo(x.Imaginary));
        return result;
    }

    /// <summary>Scales rows and columns by powers of two (exact in floating point) so their norms match; this leaves the eigenvalues unchanged and makes them more accurate.</summary>
    private static void Balance(double[,] a, int n)
    {
        const double radix = 2;
        var done = false;
        while (!done)
        {
            done = true;
            for (var i = 0; i < n; i++)
            {
                double c = 0, r = 0;
                for (var j = 0; j < n; j++)
                {
                    if (j != i)
                    {
                        c += Math.Abs(a[j, i]);
                        r += Math.Abs(a[i, j]);
                    }
                }

                if (c == 0 || r == 0)
                {
                    continue;
                }

                var s = c + r;
                var f = 1.0;
                var g = r / radix;
                while (c < g)
                {
                    f *= radix;
                    c *= radix * radix;
                }

                g = r * radix;
                while (c > g)
                {
                    f /= radix;
                    c /= radix * radix;
                }

                if ((c + r) / f < 0.95 * s)
                {
                    done = false;
                    for (var j = 0; j < n; j++)
                    {
                        a[i, j] /= f;
                        a[j, i] *= f;
                    }
                }
            }
        }
    }

    /// <summary>Householder similarity transforms that zero everything below the first subdiagonal.</summary>
    private static void ReduceToHessenberg(double[,] a, int n)
    {
        var v = new double[n];
        for (var k = 0; k < n - 2; k++)
        {
            var norm = 0.0;
            for (var i = k + 1; i < n; i++)
            {
                norm = double.Hypot(norm, a[i, k]);
            }

            if (norm == 0)
            {
                continue;
            }

            var alpha = a[k + 1, k] > 0 ? -norm : norm;
            var vv = 0.0;
            for (var i = k + 1; i < n; i++)
            {
                v[i] = a[i, k];
                if (i == k + 1)
                {
                    v[i] -= alpha;
                }

                vv += v[i] * v[i];
            }

            // H = I - 2 v vᵀ / (vᵀ v), applied as A ← H A H.
            for (var j = 0; j < n; j++)
            {
                var dot = 0.0;
                for (var i = k + 1; i < n; i++)
                {
                    dot += v[i] * a[i, j];
                }

                var scale = 2 * dot / vv;
                for (var i = k + 1; i < n; i++)
                {
                    a[i, j] -= scale * v[i];
                }
            }

            for (var i = 0; i < n; i++)
            {
                var dot = 0.0;
                for (var j = k + 1; j < n; j++)
                {
                    dot += a[i, j] * v[j];
                }

                var scale = 2 * dot / vv;
                for (var j = k + 1; j < n; j++)
                {
                    a[i, j] -= scale * v[j];
                }
            }

            a[k + 1, k] = alpha;
            for (var i = k + 2; i < n; i++)
            {
                a[i, k] = 0;
            }
        }
    }

    /// <summary>
    /// Francis double-shift QR on the upper Hessenberg <paramref name="a"/> (destroyed), deflating one real eigenvalue
    /// or one 2 × 2 block at a time from the bottom; ad hoc shifts after 10 and 20 stalled iterations break cycles.
    /// </summary>
    private static void QrIterate(double[,] a, int n, Complex[] eigenvalues)
    {
        var norm = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = Math.Max(i - 1, 0); j < n; j++)
            {
                norm += Math.Abs(a[i, j]);
            }
        }

        var nn = n - 1;
        var shift = 0.0;
        while (nn >= 0)
        {
            var iterations = 0;
            int l;
            do
            {
                // Look for a negligible subdiagonal element that splits the matrix.
                for (l = nn; l >= 1; l--)
                {
                    var s = Math.Abs(a[l - 1, l - 1]) + Math.Abs(a[l, l]);
                    if (s == 0)
                    {
                        s = norm;
                    }

                    if (Math.Abs(a[l, l - 1]) <= double.Epsilon + (1.1102230246251565e-16 * s))
                    {
                        a[l, l - 1] = 0;
                        break;
                    }
                }

                var x = a[nn, nn];
                if (l == nn)
                {
                    // One real root found.
                    eigenvalues[nn] = new Complex(x + shift, 0);
                    nn--;
                    break;
                }

                var y = a[nn - 1, nn - 1];
                var w = a[nn, nn - 1] * a[nn - 1, nn];
                if (l == nn - 1)
                {
                    // A 2 × 2 block: two real roots or a conjugate pair.
                    var p = 0.5 * (y - x);
                    var q = (p * p) + w;
                    var z = Math.Sqrt(Math.Abs(q));
                    x += shift;
                    if (q >= 0)
                    {
                        z = p + (p >= 0 ? z : -z);
                        var first = x + z;
                        var second = z != 0 ? x - (w / z) : first;
                        eigenvalues[nn - 1] = new Complex(first, 0);
                        eigenvalues[nn] = new Complex(second, 0);
                    }
                    else
                    {
                        eigenvalues[nn - 1] = new Complex(x + p, z);
                        eigenvalues[nn] = new Complex(x + p, -z);
                    }

                    nn -= 2;
                    break;
                }

                if (iterations == MaxIterationsPerEigenvalue)
                {
                    throw new ArithmeticException($"The QR iteration did not converge within {MaxIterationsPerEigenvalue} iterations.");
                }

                if (iterations % 10 == 0 && iterations > 0)
                {
                    // Exceptional shift.
                    shift += x;
                    for (var i = 0; i <= nn; i++)
                    {
                        a[i, i] -= x;
                    }

                    var s = Math.Abs(a[nn, nn - 1]) + Math.Abs(a[nn - 1, nn - 2]);
                    x = y = 0.75 * s;
                    w = -0.4375 * s * s;
                }

                iterations++;
                DoubleShiftSweep(a, l, nn, x, y, w);
            }
            while (l < nn - 1);
        }
    }

    private static void DoubleShiftSweep(double[,] a, int l, int nn, double x, double y, double w)
    {
        // Find two consecutive small subdiagonal elements, so the sweep can start at m.
        int m;
        double p = 0, q = 0, r = 0, z;
        for (m = nn - 2; m >= l; m--)
        {
            z = a[m, m];
            r = x - z;
            var s = y - z;
            p = (((r * s) - w) / a[m + 1, m]) + a[m, m + 1];
            q = a[m + 1, m + 1] - z - r - s;
            r = a[m + 2, m + 1];
            s = Math.Abs(p) + Math.Abs(q) + Math.Abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m == l)
            {
                break;
            }

            var u = Math.Abs(a[m, m - 1]) * (Math.Abs(q) + Math.Abs(r));
            var v = Math.Abs(p) * (Math.Abs(a[m - 1, m - 1]) + Math.Abs(z) + Math.Abs(a[m + 1, m + 1]));
            if (u <= 1.1102230246251565e-16 * v)
            {
                break;
            }
        }

        for (var i = m + 2; i <= nn; i++)
        {
            a[i, i - 2] = 0;
            if (i != m + 2)
            {
                a[i, i - 3] = 0;
            }
        }

        // Chase the bulge down with 3 × 3 Householder reflections.
        for (var k = m; k <= nn - 1; k++)
        {
            if (k != m)
            {
                p = a[k, k - 1];
                q = a[k + 1, k - 1];
                r = k != nn - 1 ? a[k + 2, k - 1] : 0;
                x = Math.Abs(p) + Math.Abs(q) + Math.Abs(r);
                if (x != 0)
                {
                    p /= x;
                    q /= x;
                    r /= x;
                }
            }

            var s = Math.Sqrt((p * p) + (q * q) + (r * r));
            if (p < 0)
            {
                s = -s;
            }

            if (s == 0)
            {
                continue;
            }

            if (k == m)
            {
                if (l != m)
                {
                    a[k, k - 1] = -a[k, k - 1];
                }
            }
            else
            {
                a[k, k - 1] = -s * x;
            }

            p += s;
            x = p / s;
            y = q / s;
            z = r / s;
            q /= p;
            r /= p;
            for (var j = k; j <= nn; j++)
            {
                p = a[k, j] + (q * a[k + 1, j]);
                if (k != nn - 1)
                {
                    p += r * a[k + 2, j];
                    a[k + 2, j] -= p * z;
                }

                a[k + 1, j] -= p * y;
                a[k, j] -= p * x;
            }

            var last = Math.Min(nn, k + 3);
            for (var i = l; i <= last; i++)
            {
                p = (x * a[i, k]) + (y * a[i, k + 1]);
                if (k != nn - 1)
                {
                    p += z * a[i, k + 2];
                    a[i, k + 2] -= p * r;
                }

                a[i, k + 1] -= p * q;
                a[i, k] -= p;
            }
        }
    }
}
