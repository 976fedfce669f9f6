using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DynPmnn.CompilerServices;

/// <summary>Four <see cref="float"/> lanes in one <see cref="Vector128{T}"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F32x4 : ILaneStorage<F32x4, float>
{
    private readonly Vector128<float> value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public F32x4(Vector128<float> value) => this.value = value;

    public Vector128<float> Value => value;

    public static int Count => Vector128<float>.Count;

    /// <summary>Whether this width runs on hardware vectors on this machine.</summary>
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Constant(double value) => new(Vector128.Create((float)value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Broadcast(float value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Load(ref readonly float source) => new(Vector128.LoadUnsafe(in source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(F32x4 value, ref float destination) => value.value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(F32x4 value) => Vector128.Sum(value.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 operator +(F32x4 left, F32x4 right) => new(left.value + right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 operator -(F32x4 left, F32x4 right) => new(left.value - right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 operator *(F32x4 left, F32x4 right) => new(left.value * right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 operator /(F32x4 left, F32x4 right) => new(left.value / right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 operator -(F32x4 value) => new(-value.value);

    /// <summary>
    /// <c>a · b + c</c> rounded once, on every machine: the hardware instruction where there is one (x86 FMA, Arm64),
    /// a correctly rounded software fallback elsewhere. An unfused fallback would make a row's bits depend on whether
    /// it falls in a vector or in the scalar tail, which always fuses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 MultiplyAdd(F32x4 a, F32x4 b, F32x4 c) => new(Vector128.FusedMultiplyAdd(a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 NegatedMultiplyAdd(F32x4 a, F32x4 b, F32x4 c) => new(Vector128.FusedMultiplyAdd(-a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Exp(F32x4 x) => new(Vector128.Exp(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Log(F32x4 x) => new(Vector128.Log(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Sqrt(F32x4 x) => new(Vector128.Sqrt(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Sin(F32x4 x) => new(Vector128.Sin(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Cos(F32x4 x) => new(Vector128.Cos(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Floor(F32x4 x) => new(Vector128.Floor(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Abs(F32x4 x) => new(Vector128.Abs(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Max(F32x4 x, F32x4 y) => new(Vector128.Max(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Min(F32x4 x, F32x4 y) => new(Vector128.Min(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 LessThan(F32x4 x, F32x4 y) => new(Vector128.LessThan(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 LessThanOrEqual(F32x4 x, F32x4 y) => new(Vector128.LessThanOrEqual(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 GreaterThan(F32x4 x, F32x4 y) => new(Vector128.GreaterThan(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 GreaterThanOrEqual(F32x4 x, F32x4 y) => new(Vector128.GreaterThanOrEqual(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Equal(F32x4 x, F32x4 y) => new(Vector128.Equals(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 NotEqual(F32x4 x, F32x4 y) => new(~Vector128.Equals(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 And(F32x4 x, F32x4 y) => new(x.value & y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Or(F32x4 x, F32x4 y) => new(x.value | y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Not(F32x4 mask) => new(~mask.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x4 Select(F32x4 mask, F32x4 whenTrue, F32x4 whenFalse) => new(Vector128.ConditionalSelect(mask.value, whenTrue.value, whenFalse.value));
}
