using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DynPmnn.Tensors;

/// <summary>
/// Element-wise transcendental functions the layers apply to whole activations. Single precision on hardware with
/// 512-bit vectors uses a rational approximation of <c>tanh</c> (accurate to a few units in the last place); everything
/// else goes through <see cref="TensorPrimitives"/>. Either way each element's result depends only on its own input.
/// </summary>
internal static class Elementwise
{
    // tanh(x) ≈ x · P(x²) / Q(x²) on [−Clamp, Clamp], where tanh rounds to ±1 in single precision beyond; below
    // Tiny it is x itself. A [13/6] minimax approximation (the one Eigen uses).
    private const float Clamp = 7.90531110763549805f;
    private const float Tiny = 0.0004f;
    private const float Alpha1 = 4.89352455891786e-03f;
    private const float Alpha3 = 6.37261928875436e-04f;
    private const float Alpha5 = 1.48572235717979e-05f;
    private const float Alpha7 = 5.12229709037114e-08f;
    private const float Alpha9 = -8.60467152213735e-11f;
    private const float Alpha11 = 2.00018790482477e-13f;
    private const float Alpha13 = -2.76076847742355e-16f;
    private const float Beta0 = 4.89352518554385e-03f;
    private const float Beta2 = 2.26843463243900e-03f;
    private const float Beta4 = 1.18534705686654e-04f;
    private const float Beta6 = 1.19825839466702e-06f;

    /// <summary><c>y = tanh(x)</c>; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated)
        {
            TanhSingle(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y), 1f, 1f, 0f);
            return;
        }

        TensorPrimitives.Tanh(x, y);
    }

    /// <summary><c>y = scale · tanh(slope · x)</c>; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    public static void ScaledTanh<T>(ReadOnlySpan<T> x, T slope, T scale, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated)
        {
            TanhSingle(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y), Unsafe.As<T, float>(ref slope), Unsafe.As<T, float>(ref scale), 0f);
            return;
        }

        TensorPrimitives.Multiply(x, slope, y);
        TensorPrimitives.Tanh(y, y);
        TensorPrimitives.Multiply(y, scale, y);
    }

    /// <summary><c>y = 1 / (1 + e⁻ˣ)</c>, as <c>½ + ½ tanh(x / 2)</c> on the fast path; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated)
        {
            TanhSingle(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y), 0.5f, 0.5f, 0.5f);
            return;
        }

        TensorPrimitives.Sigmoid(x, y);
    }

    /// <summary>
    /// <c>gradient[i] *= 1 − y[i]²</c>: turns the gradient with respect to <c>y = tanh(x)</c> into the gradient with
    /// respect to <c>x</c>. Each element is computed the same way whatever its position.
    /// </summary>
    public static void MultiplyByTanhDerivative<T>(Span<T> gradient, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.Length < gradient.Length)
        {
            throw new ArgumentException("The activations are shorter than the gradient.", nameof(y));
        }

        ref var g = ref MemoryMarshal.GetReference(gradient);
        ref var v = ref MemoryMarshal.GetReference(y);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            for (; i + Vector<T>.Count <= gradient.Length; i += Vector<T>.Count)
            {
                var value = Vector.LoadUnsafe(ref v, (nuint)i);
                (Vector.LoadUnsafe(ref g, (nuint)i) * (one - value * value)).StoreUnsafe(ref g, (nuint)i);
            }
        }

        for (; i < gradient.Length; i++)
        {
            var value = Unsafe.Add(ref v, i);
            Unsafe.Add(ref g, i) *= T.One - value * value;
        }
    }

    /// <summary><c>y = offset + scale · tanh(slope · x)</c>, 16 lanes at a time, the tail through a padded vector.</summary>
    private static void TanhSingle(ReadOnlySpan<float> x, Span<float> y, float slope, float scale, float offset)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(y));
        }

        var slopes = Vector512.Create(slope);
        var scales = Vector512.Create(scale);
        var offsets = Vector512.Create(offset);
        ref var source = ref MemoryMarshal.GetReference(x);
        ref var target = ref MemoryMarshal.GetReference(y);
        var i = 0;
        for (; i + 16 <= x.Length; i += 16)
        {
            var t = TanhVector(Vector512.LoadUnsafe(ref source, (nuint)i) * slopes);
            (offsets + scales * t).StoreUnsafe(ref target, (nuint)i);
        }

        if (i < x.Length)
        {
            Span<float> tail = stackalloc float[16];
            tail.Clear();
            x[i..].CopyTo(tail);
            var t = TanhVector(Vector512.Create<float>(tail) * slopes);
            (offsets + scales * t).CopyTo(tail);
            tail[..(x.Length - i)].CopyTo(y[i..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TanhVector(Vector512<float> x)
    {
        var tiny = Vector512.LessThan(Vector512.Abs(x), Vector512.Create(Tiny));
        var clamped = Vector512.Clamp(x, Vector512.Create(-Clamp), Vector512.Create(Clamp));
        var x2 = clamped * clamped;
        var p = Vector512.FusedMultiplyAdd(x2, Vector512.Create(Alpha13), Vector512.Create(Alpha11));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(Alpha9));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(Alpha7));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(Alpha5));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(Alpha3));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(Alpha1));
        p *= clamped;
        var q = Vector512.FusedMultiplyAdd(x2, Vector512.Create(Beta6), Vector512.Create(Beta4));
        q = Vector512.FusedMultiplyAdd(x2, q, Vector512.Create(Beta2));
        q = Vector512.FusedMultiplyAdd(x2, q, Vector512.Create(Beta0));
        return Vector512.ConditionalSelect(tiny, x, p / q);
    }
}
