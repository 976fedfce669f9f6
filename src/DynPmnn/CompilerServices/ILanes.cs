using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace DynPmnn.CompilerServices;

/// <summary>
/// Arithmetic on a bundle of lanes (one scalar, or a SIMD register of them). Generated right-hand sides and their
/// derivatives are written once against this interface and specialised by the JIT for every width and precision.
/// </summary>
/// <remarks>
/// Comparisons return a mask of the same type (all bits set where true), consumed by <see cref="Select"/>,
/// <see cref="And"/>, <see cref="Or"/> and <see cref="Not"/>. Functions without a hardware or runtime vector
/// implementation have default implementations built from the primitives.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILanes<TSelf>
    where TSelf : struct, ILanes<TSelf>
{
    static abstract TSelf Constant(double value);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator /(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf value);

    /// <summary><c>a · b + c</c>, fused (one rounding) in every width and on every machine, so a row's bits never depend on its lane.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary><c>c − a · b</c>, fused (one rounding) in every width and on every machine.</summary>
    static abstract TSelf NegatedMultiplyAdd(TSelf a, TSelf b, TSelf c);

    static abstract TSelf Exp(TSelf x);

    static abstract TSelf Log(TSelf x);

    static abstract TSelf Sqrt(TSelf x);

    static abstract TSelf Sin(TSelf x);

    static abstract TSelf Cos(TSelf x);

    static abstract TSelf Abs(TSelf x);

    /// <summary>The largest integer not above <paramref name="x"/>.</summary>
    static abstract TSelf Floor(TSelf x);

    static abstract TSelf Max(TSelf x, TSelf y);

    static abstract TSelf Min(TSelf x, TSelf y);

    static abstract TSelf LessThan(TSelf x, TSelf y);

    static abstract TSelf LessThanOrEqual(TSelf x, TSelf y);

    static abstract TSelf GreaterThan(TSelf x, TSelf y);

    static abstract TSelf GreaterThanOrEqual(TSelf x, TSelf y);

    static abstract TSelf Equal(TSelf x, TSelf y);

    static abstract TSelf NotEqual(TSelf x, TSelf y);

    static abstract TSelf And(TSelf x, TSelf y);

    static abstract TSelf Or(TSelf x, TSelf y);

    static abstract TSelf Not(TSelf mask);

    /// <summary>Lane-wise <c>mask ? whenTrue : whenFalse</c>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    /// <summary>The sign of <paramref name="x"/> as −1, 0 or 1 (the derivative of <see cref="Abs"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf Sign(TSelf x)
    {
        var one = TSelf.Constant(1);
        var zero = TSelf.Constant(0);
        return TSelf.Select(TSelf.GreaterThan(x, zero), one, TSelf.Select(TSelf.LessThan(x, zero), -one, zero));
    }

    /// <summary>
    /// tanh to float accuracy: through one exponential of a non-positive argument (so it never overflows), and below
    /// |x| = 0.625, where 1 − e^(−2|x|) cancels to nothing (tanh 0 came out −6e−8, wrong in sign), by the odd
    /// polynomial of Cephes' tanhf, exact at 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf Tanh(TSelf x)
    {
        var magnitude = TSelf.Abs(x);
        var e = TSelf.Exp(TSelf.Constant(-2) * magnitude);
        var one = TSelf.Constant(1);
        var far = (one - e) / (one + e);
        far = TSelf.Select(TSelf.LessThan(x, TSelf.Constant(0)), -far, far);
        var s = x * x;
        var p = (((((TSelf.Constant(-5.70498872745E-3) * s) + TSelf.Constant(2.06390887954E-2)) * s) + TSelf.Constant(-5.37397155531E-2)) * s) + TSelf.Constant(1.33314422036E-1);
        var near = (((p * s) + TSelf.Constant(-3.33332819422E-1)) * s * x) + x;
        return TSelf.Select(TSelf.LessThan(magnitude, TSelf.Constant(0.625)), near, far);
    }

    /// <summary>sinh to float accuracy: (eˣ − e⁻ˣ) / 2, and for |x| ≤ 1, where that cancels, the odd polynomial of Cephes' sinhf.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf Sinh(TSelf x)
    {
        var e = TSelf.Exp(x);
        var far = TSelf.Constant(0.5) * (e - TSelf.Constant(1) / e);
        var s = x * x;
        var near = (((((TSelf.Constant(2.03721912945E-4) * s) + TSelf.Constant(8.33028376239E-3)) * s) + TSelf.Constant(1.66667160211E-1)) * s * x) + x;
        return TSelf.Select(TSelf.LessThanOrEqual(TSelf.Abs(x), TSelf.Constant(1)), near, far);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf Cosh(TSelf x)
    {
        var e = TSelf.Exp(x);
        return TSelf.Constant(0.5) * (e + TSelf.Constant(1) / e);
    }

    /// <summary>
    /// <c>x^y</c> as <see cref="MathF.Pow"/> defines it, from <c>exp(y · ln |x|)</c>: a negative base has a power for an
    /// integral exponent (negative when the exponent is odd) and none (NaN) otherwise, and <c>x^0 = 1^y = 1</c> even
    /// for NaN. The generator expands integer and half-integer constant exponents before it gets here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf Pow(TSelf x, TSelf y)
    {
        var zero = TSelf.Constant(0);
        var one = TSelf.Constant(1);
        var magnitude = TSelf.Exp(y * TSelf.Log(TSelf.Abs(x)));
        var integral = TSelf.Equal(TSelf.Floor(y), y);
        var half = TSelf.Constant(0.5) * y;
        var odd = TSelf.And(integral, TSelf.NotEqual(TSelf.Floor(half), half));
        var ofNegative = TSelf.Select(integral, TSelf.Select(odd, -magnitude, magnitude), TSelf.Constant(double.NaN));
        var result = TSelf.Select(TSelf.LessThan(x, zero), ofNegative, magnitude);
        return TSelf.Select(TSelf.Or(TSelf.Equal(y, zero), TSelf.Equal(x, one)), one, result);
    }

    /// <summary>
    /// The Bernoulli function <c>B(x) = x / (eˣ − 1)</c>, with its removable singularity <c>B(0) = 1</c> evaluated by
    /// its series. Rate expressions such as Hodgkin–Huxley's <c>0.01 (V + 55) / (1 − exp(−(V + 55) / 10))</c> are
    /// rewritten by the generator into multiples of it, so they are exact (and differentiable) at the 0/0 point.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf Bernoulli(TSelf x)
    {
        var x2 = x * x;
        var series = TSelf.Constant(1) - TSelf.Constant(0.5) * x + x2 * (TSelf.Constant(1.0 / 12) + x2 * (TSelf.Constant(-1.0 / 720) + x2 * (TSelf.Constant(1.0 / 30240) + x2 * TSelf.Constant(-1.0 / 1209600))));
        var small = TSelf.LessThan(TSelf.Abs(x), TSelf.Constant(0.5));
        var safe = TSelf.Select(small, TSelf.Constant(1), x);
        var direct = safe / (TSelf.Exp(safe) - TSelf.Constant(1));
        return TSelf.Select(small, series, direct);
    }

    /// <summary>B′(x) = (B(x) / x) (1 − B(x) − x), and its series near 0 where that form is 0/0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf BernoulliDerivative(TSelf x)
    {
        var x2 = x * x;
        var series = TSelf.Constant(-0.5) + x * (TSelf.Constant(1.0 / 6) + x2 * (TSelf.Constant(-1.0 / 180) + x2 * (TSelf.Constant(1.0 / 5040) + x2 * TSelf.Constant(-1.0 / 151200))));
        var small = TSelf.LessThan(TSelf.Abs(x), TSelf.Constant(0.5));
        var safe = TSelf.Select(small, TSelf.Constant(1), x);
        var b = TSelf.Bernoulli(safe);
        var direct = b / safe * (TSelf.Constant(1) - b - safe);
        return TSelf.Select(small, series, direct);
    }
}

/// <summary>Lanes that load from and store to contiguous <typeparamref name="TElement"/> memory.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILaneStorage<TSelf, TElement> : ILanes<TSelf>
    where TSelf : struct, ILaneStorage<TSelf, TElement>
    where TElement : unmanaged
{
    /// <summary>How many elements one value holds.</summary>
    static abstract int Count { get; }

    static abstract TSelf Load(ref readonly TElement source);

    static abstract void Store(TSelf value, ref TElement destination);

    static abstract TSelf Broadcast(TElement value);

    /// <summary>The sum of all lanes.</summary>
    static abstract TElement Sum(TSelf value);
}
