using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DynPmnn.CompilerServices;

/// <summary>Sixteen <see cref="float"/> lanes in one <see cref="Vector512{T}"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F32x16 : ILaneStorage<F32x16, float>
{
    private readonly Vector512<float> value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public F32x16(Vector512<float> value) => this.value = value;

    public Vector512<float> Value => value;

    public static int Count => Vector512<float>.Count;

    /// <summary>Whether this width runs on hardware vectors on this machine.</summary>
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Constant(double value) => new(Vector512.Create((float)value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Broadcast(float value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Load(ref readonly float source) => new(Vector512.LoadUnsafe(in source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(F32x16 value, ref float destination) => value.value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(F32x16 value) => Vector512.Sum(value.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 operator +(F32x16 left, F32x16 right) => new(left.value + right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 operator -(F32x16 left, F32x16 right) => new(left.value - right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 operator *(F32x16 left, F32x16 right) => new(left.value * right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 operator /(F32x16 left, F32x16 right) => new(left.value / right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 operator -(F32x16 value) => new(-value.value);

    /// <summary>
    /// <c>a · b + c</c> rounded once, on every machine: the hardware instruction where there is one (x86 FMA, Arm64),
    /// a correctly rounded software fallback elsewhere. An unfused fallback would make a row's bits depend on whether
    /// it falls in a vector or in the scalar tail, which always fuses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 MultiplyAdd(F32x16 a, F32x16 b, F32x16 c) => new(Vector512.FusedMultiplyAdd(a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 NegatedMultiplyAdd(F32x16 a, F32x16 b, F32x16 c) => new(Vector512.FusedMultiplyAdd(-a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Exp(F32x16 x) => new(Vector512.Exp(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Log(F32x16 x) => new(Vector512.Log(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Sqrt(F32x16 x) => new(Vector512.Sqrt(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Sin(F32x16 x) => new(Vector512.Sin(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Cos(F32x16 x) => new(Vector512.Cos(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Floor(F32x16 x) => new(Vector512.Floor(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Abs(F32x16 x) => new(Vector512.Abs(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Max(F32x16 x, F32x16 y) => new(Vector512.Max(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Min(F32x16 x, F32x16 y) => new(Vector512.Min(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 LessThan(F32x16 x, F32x16 y) => new(Vector512.LessThan(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 LessThanOrEqual(F32x16 x, F32x16 y) => new(Vector512.LessThanOrEqual(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 GreaterThan(F32x16 x, F32x16 y) => new(Vector512.GreaterThan(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 GreaterThanOrEqual(F32x16 x, F32x16 y) => new(Vector512.GreaterThanOrEqual(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Equal(F32x16 x, F32x16 y) => new(Vector512.Equals(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 NotEqual(F32x16 x, F32x16 y) => new(~Vector512.Equals(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 And(F32x16 x, F32x16 y) => new(x.value & y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Or(F32x16 x, F32x16 y) => new(x.value | y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Not(F32x16 mask) => new(~mask.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x16 Select(F32x16 mask, F32x16 whenTrue, F32x16 whenFalse) => new(Vector512.ConditionalSelect(mask.value, whenTrue.value, whenFalse.value));
}
