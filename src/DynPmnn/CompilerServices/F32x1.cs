using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace DynPmnn.CompilerServices;

/// <summary>One <see cref="float"/> lane: the scalar tail of the vector loops.</summary>
/// <remarks>A comparison yields a mask whose bits are all ones (true) or all zeros (false), like a vector lane.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F32x1 : ILaneStorage<F32x1, float>
{
    private static readonly float TrueMask = BitConverter.Int32BitsToSingle(-1);

    private readonly float value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public F32x1(float value) => this.value = value;

    public float Value => value;

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Constant(double value) => new((float)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Broadcast(float value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Load(ref readonly float source) => new(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(F32x1 value, ref float destination) => destination = value.value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(F32x1 value) => value.value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 operator +(F32x1 left, F32x1 right) => new(left.value + right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 operator -(F32x1 left, F32x1 right) => new(left.value - right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 operator *(F32x1 left, F32x1 right) => new(left.value * right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 operator /(F32x1 left, F32x1 right) => new(left.value / right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 operator -(F32x1 value) => new(-value.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 MultiplyAdd(F32x1 a, F32x1 b, F32x1 c) => new(MathF.FusedMultiplyAdd(a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 NegatedMultiplyAdd(F32x1 a, F32x1 b, F32x1 c) => new(MathF.FusedMultiplyAdd(-a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Exp(F32x1 x) => new(MathF.Exp(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Log(F32x1 x) => new(MathF.Log(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Sqrt(F32x1 x) => new(MathF.Sqrt(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Sin(F32x1 x) => new(MathF.Sin(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Cos(F32x1 x) => new(MathF.Cos(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Floor(F32x1 x) => new(MathF.Floor(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Abs(F32x1 x) => new(MathF.Abs(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Max(F32x1 x, F32x1 y) => new(MathF.Max(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Min(F32x1 x, F32x1 y) => new(MathF.Min(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Tanh(F32x1 x) => new(MathF.Tanh(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Sinh(F32x1 x) => new(MathF.Sinh(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Cosh(F32x1 x) => new(MathF.Cosh(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Pow(F32x1 x, F32x1 y) => new(MathF.Pow(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Sign(F32x1 x) => new(x.value > 0 ? 1 : x.value < 0 ? -1 : 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 LessThan(F32x1 x, F32x1 y) => Mask(x.value < y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 LessThanOrEqual(F32x1 x, F32x1 y) => Mask(x.value <= y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 GreaterThan(F32x1 x, F32x1 y) => Mask(x.value > y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 GreaterThanOrEqual(F32x1 x, F32x1 y) => Mask(x.value >= y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Equal(F32x1 x, F32x1 y) => Mask(x.value == y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 NotEqual(F32x1 x, F32x1 y) => Mask(x.value != y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 And(F32x1 x, F32x1 y) => Mask(IsTrue(x) && IsTrue(y));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Or(F32x1 x, F32x1 y) => Mask(IsTrue(x) || IsTrue(y));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Not(F32x1 mask) => Mask(!IsTrue(mask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F32x1 Select(F32x1 mask, F32x1 whenTrue, F32x1 whenFalse) => IsTrue(mask) ? whenTrue : whenFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static F32x1 Mask(bool condition) => new(condition ? TrueMask : 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsTrue(F32x1 mask) => BitConverter.SingleToInt32Bits(mask.value) != 0;
}
