using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace DynPmnn.CompilerServices;

/// <summary>One <see cref="double"/> lane: the scalar tail of the vector loops and the double-precision path used to verify gradients.</summary>
/// <remarks>A comparison yields a mask whose bits are all ones (true) or all zeros (false), like a vector lane.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F64x1 : ILaneStorage<F64x1, double>
{
    private static readonly double TrueMask = BitConverter.Int64BitsToDouble(-1);

    private readonly double value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public F64x1(double value) => this.value = value;

    public double Value => value;

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Constant(double value) => new((double)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Broadcast(double value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Load(ref readonly double source) => new(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(F64x1 value, ref double destination) => destination = value.value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(F64x1 value) => value.value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 operator +(F64x1 left, F64x1 right) => new(left.value + right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 operator -(F64x1 left, F64x1 right) => new(left.value - right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 operator *(F64x1 left, F64x1 right) => new(left.value * right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 operator /(F64x1 left, F64x1 right) => new(left.value / right.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 operator -(F64x1 value) => new(-value.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 MultiplyAdd(F64x1 a, F64x1 b, F64x1 c) => new(Math.FusedMultiplyAdd(a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 NegatedMultiplyAdd(F64x1 a, F64x1 b, F64x1 c) => new(Math.FusedMultiplyAdd(-a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Exp(F64x1 x) => new(Math.Exp(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Log(F64x1 x) => new(Math.Log(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Sqrt(F64x1 x) => new(Math.Sqrt(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Sin(F64x1 x) => new(Math.Sin(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Cos(F64x1 x) => new(Math.Cos(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Floor(F64x1 x) => new(Math.Floor(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Abs(F64x1 x) => new(Math.Abs(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Max(F64x1 x, F64x1 y) => new(Math.Max(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Min(F64x1 x, F64x1 y) => new(Math.Min(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Tanh(F64x1 x) => new(Math.Tanh(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Sinh(F64x1 x) => new(Math.Sinh(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Cosh(F64x1 x) => new(Math.Cosh(x.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Pow(F64x1 x, F64x1 y) => new(Math.Pow(x.value, y.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Sign(F64x1 x) => new(x.value > 0 ? 1 : x.value < 0 ? -1 : 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 LessThan(F64x1 x, F64x1 y) => Mask(x.value < y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 LessThanOrEqual(F64x1 x, F64x1 y) => Mask(x.value <= y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 GreaterThan(F64x1 x, F64x1 y) => Mask(x.value > y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 GreaterThanOrEqual(F64x1 x, F64x1 y) => Mask(x.value >= y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Equal(F64x1 x, F64x1 y) => Mask(x.value == y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 NotEqual(F64x1 x, F64x1 y) => Mask(x.value != y.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 And(F64x1 x, F64x1 y) => Mask(IsTrue(x) && IsTrue(y));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Or(F64x1 x, F64x1 y) => Mask(IsTrue(x) || IsTrue(y));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Not(F64x1 mask) => Mask(!IsTrue(mask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F64x1 Select(F64x1 mask, F64x1 whenTrue, F64x1 whenFalse) => IsTrue(mask) ? whenTrue : whenFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static F64x1 Mask(bool condition) => new(condition ? TrueMask : 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsTrue(F64x1 mask) => BitConverter.DoubleToInt64Bits(mask.value) != 0;
}
