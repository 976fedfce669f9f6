using System.Numerics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DynPmnn.SourceGenerators.Parsing;

/// <summary>
/// C#'s integer arithmetic on constants, exactly: two's-complement wrapping in the operator's type (or the exception a
/// checked context throws), division and remainder truncating toward zero, shift counts masked to the type's width.
/// Everything is computed exactly in <see cref="BigInteger"/> and then wrapped, so no host arithmetic can differ.
/// </summary>
internal static class IntegerArithmetic
{
    public static bool IsInteger(SpecialType type) => type is SpecialType.System_SByte or SpecialType.System_Byte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Char;

    public static int Bits(SpecialType type) => type switch
    {
        SpecialType.System_SByte or SpecialType.System_Byte => 8,
        SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Char => 16,
        SpecialType.System_Int32 or SpecialType.System_UInt32 => 32,
        _ => 64,
    };

    public static bool IsSigned(SpecialType type) => type is SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64;

    public static BigInteger MinValue(SpecialType type) => IsSigned(type) ? -(BigInteger.One << (Bits(type) - 1)) : BigInteger.Zero;

    public static BigInteger MaxValue(SpecialType type) => IsSigned(type) ? (BigInteger.One << (Bits(type) - 1)) - 1 : (BigInteger.One << Bits(type)) - 1;

    public static bool InRange(BigInteger value, SpecialType type) => value >= MinValue(type) && value <= MaxValue(type);

    /// <summary>The value modulo 2^bits, read back in <paramref name="type"/>: what an unchecked conversion or operation yields.</summary>
    public static BigInteger Wrap(BigInteger value, SpecialType type)
    {
        var modulus = BigInteger.One << Bits(type);
        var wrapped = BigInteger.Remainder(value, modulus);
        if (wrapped.Sign < 0)
        {
            wrapped += modulus;
        }

        return IsSigned(type) && wrapped > MaxValue(type) ? wrapped - modulus : wrapped;
    }

    /// <summary>
    /// The type C#'s binary numeric promotion gives two integer operands: <c>int</c>, <c>uint</c>, <c>long</c> or
    /// <c>ulong</c>; null for <c>ulong</c> with a signed operand, which C# rejects.
    /// </summary>
    public static SpecialType? Promote(SpecialType a, SpecialType b)
    {
        if (a == SpecialType.System_UInt64 || b == SpecialType.System_UInt64)
        {
            return IsSigned(a) || IsSigned(b) ? null : SpecialType.System_UInt64;
        }

        if (a == SpecialType.System_Int64 || b == SpecialType.System_Int64)
        {
            return SpecialType.System_Int64;
        }

        if (a == SpecialType.System_UInt32 || b == SpecialType.System_UInt32)
        {
            return IsSigned(a) || IsSigned(b) ? SpecialType.System_Int64 : SpecialType.System_UInt32;
        }

        return SpecialType.System_Int32;
    }

    /// <summary>The type a unary operator works in: <c>int</c> for the small types; <c>-</c> turns <c>uint</c> into <c>long</c>.</summary>
    public static SpecialType PromoteUnary(SpecialType type, SyntaxKind kind) => type switch
    {
        SpecialType.System_UInt32 when kind == SyntaxKind.UnaryMinusExpression => SpecialType.System_Int64,
        SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 => type,
        _ => SpecialType.System_Int32,
    };

    /// <summary>
    /// <paramref name="a"/> op <paramref name="b"/> in <paramref name="type"/> (both already converted to it; for a shift,
    /// <paramref name="b"/> is the count). Null with <paramref name="error"/> set when C# would throw instead.
    /// </summary>
    public static BigInteger? Binary(SyntaxKind kind, SpecialType type, BigInteger a, BigInteger b, bool checkOverflow, out string? error)
    {
        error = null;
        BigInteger exact;
        switch (kind)
        {
            case SyntaxKind.AddExpression:
                exact = a + b;
                break;
            case SyntaxKind.SubtractExpression:
                exact = a - b;
                break;
            case SyntaxKind.MultiplyExpression:
                exact = a * b;
                break;
            case SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression:
                if (b.IsZero)
                {
                    error = "divides by zero, which throws DivideByZeroException in C#";
                    return null;
                }

                if (IsSigned(type) && a == MinValue(type) && b == BigInteger.MinusOne)
                {
                    // Both the quotient and the remainder of MinValue by −1 throw in C#, checked or not.
                    error = "divides the type's minimum value by -1, which throws OverflowException in C#";
                    return null;
                }

                // BigInteger division truncates toward zero and the remainder takes the dividend's sign, as in C#.
                exact = kind == SyntaxKind.DivideExpression ? BigInteger.Divide(a, b) : BigInteger.Remainder(a, b);
                break;
            case SyntaxKind.BitwiseAndExpression:
                return a & b;
            case SyntaxKind.BitwiseOrExpression:
                return a | b;
            case SyntaxKind.ExclusiveOrExpression:
                return a ^ b;
            case SyntaxKind.LeftShiftExpression:
                return Wrap(a << ShiftCount(type, b), type);
            case SyntaxKind.RightShiftExpression:
                // Arithmetic for signed types (BigInteger shifts keep the sign), logical for unsigned ones (never negative).
                return a >> ShiftCount(type, b);
            case SyntaxKind.UnsignedRightShiftExpression:
                return Wrap(Wrap(a, Unsigned(type)) >> ShiftCount(type, b), type);
            default:
                error = "uses an operator the generator does not model";
                return null;
        }

        if (!InRange(exact, type) && checkOverflow)
        {
            error = "overflows, which throws OverflowException in C# because overflow checking is on";
            return null;
        }

        return Wrap(exact, type);
    }

    public static bool Compare(SyntaxKind kind, BigInteger a, BigInteger b) => kind switch
    {
        SyntaxKind.LessThanExpression => a < b,
        SyntaxKind.LessThanOrEqualExpression => a <= b,
        SyntaxKind.GreaterThanExpression => a > b,
        SyntaxKind.GreaterThanOrEqualExpression => a >= b,
        SyntaxKind.EqualsExpression => a == b,
        _ => a != b,
    };

    /// <summary>A unary operator in the (promoted) <paramref name="type"/>.</summary>
    public static BigInteger? Unary(SyntaxKind kind, SpecialType type, BigInteger a, bool checkOverflow, out string? error)
    {
        error = null;
        switch (kind)
        {
            case SyntaxKind.UnaryPlusExpression:
                return a;
            case SyntaxKind.BitwiseNotExpression:
                return Wrap(-a - 1, type);
            default:
                var exact = -a;
                if (!InRange(exact, type) && checkOverflow)
                {
                    error = "overflows, which throws OverflowException in C# because overflow checking is on";
                    return null;
                }

                return Wrap(exact, type);
        }
    }

    /// <summary>A conversion between integer types: implicit ones never change the value; explicit ones wrap, or throw when checked.</summary>
    public static BigInteger? Convert(BigInteger value, SpecialType to, bool checkOverflow, out string? error)
    {
        error = null;
        if (InRange(value, to))
        {
            return value;
        }

        if (checkOverflow)
        {
            error = "is converted to a type that cannot hold it, which throws OverflowException in C# because overflow checking is on";
            return null;
        }

        return Wrap(value, to);
    }

    /// <summary>The value C# gives an integer converted to <c>float</c> (<paramref name="toSingle"/>) or <c>double</c>.</summary>
    public static double ToReal(BigInteger value, bool toSingle)
    {
        // Every integer C# has fits in a long or a ulong, whose conversions round once, to nearest even.
        if (value.Sign >= 0 && value > long.MaxValue)
        {
            var unsigned = (ulong)value;
            return toSingle ? (float)unsigned : (double)unsigned;
        }

        var signed = (long)value;
        return toSingle ? (float)signed : (double)signed;
    }

    private static int ShiftCount(SpecialType type, BigInteger count) => (int)(count & (Bits(type) == 64 ? 63 : 31));

    private static SpecialType Unsigned(SpecialType type) => Bits(type) == 64 ? SpecialType.System_UInt64 : SpecialType.System_UInt32;
}
