using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DynPmnn.CompilerServices;

/// <summary>Eight <see cref="float"/> lanes in one <see cref="Vector256{T}"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F32x8 : ILaneStorage<F32x8, float>
{
    private readonly Vector256<float> value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public F32x8(Vector256<float> value) => this.value = value;

    public Vector256<float> Value => value;

    public static int Count => Vector256<float>.Count;

    /// <summary>Whether this width runs on hardware vectors on this machine.</summary>
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Constant(double value) => new(Vector256.Create((float)value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Broadcast(float value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Load(ref readonly float source) => new(Vector256.LoadUnsafe(in source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(F32x8 value, ref float destination) => value.value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(F32x8 value) => Vector256.Sum(value.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 operator +(F32x8 left, F32x8 right) => new(left.value + right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 operator -(F32x8 left, F32x8 right) => new(left.value - right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 operator *(F32x8 left, F32x8 right) => new(left.value * right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 operator /(F32x8 left, F32x8 right) => new(left.value / right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 operator -(F32x8 value) => new(-value.value);

    /// <summary>
    /// <c>a · b + c</c> rounded once, on every machine: the hardware instruction where there is one (x86 FMA, Arm64),
    /// a correctly rounded software fallback elsewhere. An unfused fallback would make a row's bits depend on whether
    /// it falls in a vector or in the scalar tail, which always fuses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 MultiplyAdd(F32x8 a, F32x8 b, F32x8 c) => new(Vector256.FusedMultiplyAdd(a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 NegatedMultiplyAdd(F32x8 a, F32x8 b, F32x8 c) => new(Vector256.FusedMultiplyAdd(-a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Exp(F32x8 x) => new(Vector256.Exp(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Log(F32x8 x) => new(Vector256.Log(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Sqrt(F32x8 x) => new(Vector256.Sqrt(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Sin(F32x8 x) => new(Vector256.Sin(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Cos(F32x8 x) => new(Vector256.Cos(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Floor(F32x8 x) => new(Vector256.Floor(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Abs(F32x8 x) => new(Vector256.Abs(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Max(F32x8 x, F32x8 y) => new(Vector256.Max(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Min(F32x8 x, F32x8 y) => new(Vector256.Min(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 LessThan(F32x8 x, F32x8 y) => new(Vector256.LessThan(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 LessThanOrEqual(F32x8 x, F32x8 y) => new(Vector256.LessThanOrEqual(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 GreaterThan(F32x8 x, F32x8 y) => new(Vector256.GreaterThan(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 GreaterThanOrEqual(F32x8 x, F32x8 y) => new(Vector256.GreaterThanOrEqual(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Equal(F32x8 x, F32x8 y) => new(Vector256.Equals(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 NotEqual(F32x8 x, F32x8 y) => new(~Vector256.Equals(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 And(F32x8 x, F32x8 y) => new(x.value & y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Or(F32x8 x, F32x8 y) => new(x.value | y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Not(F32x8 mask) => new(~mask.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x8 Select(F32x8 mask, F32x8 whenTrue, F32x8 whenFalse) => new(Vector256.ConditionalSelect(mask.value, whenTrue.value, whenFalse.value));
}
