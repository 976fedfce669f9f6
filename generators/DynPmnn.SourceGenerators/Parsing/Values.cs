using System.Numerics;
using DynPmnn.SourceGenerators.Symbolic;
using Microsoft.CodeAnalysis;

namespace DynPmnn.SourceGenerators.Parsing;

/// <summary>
/// A value of the right-hand side as C# types it. Only floating-point values become <see cref="Expr"/> trees; integers
/// and booleans keep C#'s own semantics here (integer division truncates, integer arithmetic wraps, a comparison of two
/// comparisons compares truth values), so the kernels compute what the user's method computes.
/// </summary>
internal abstract class Value
{
}

/// <summary>
/// A <c>float</c> (<paramref name="single"/>) or <c>double</c> value: an expression of the neuron's variables. The
/// kernels compute every expression in one precision, theirs; the C# type matters where the generator folds known
/// values, which it rounds as C# does.
/// </summary>
internal sealed class RealValue(Expr expression, bool single) : Value
{
    public Expr Expression { get; } = expression;

    public bool Single { get; } = single;
}

/// <summary>A <c>bool</c> known when the generator runs.</summary>
internal sealed class TruthValue(bool value) : Value
{
    public static readonly TruthValue True = new(true);
    public static readonly TruthValue False = new(false);

    public bool Value { get; } = value;

    public static TruthValue Of(bool value) => value ? True : False;
}

/// <summary>A <c>bool</c> that varies: a comparison or a logical combination of them, a lane mask in the kernels.</summary>
internal sealed class MaskValue(Expr mask) : Value
{
    public Expr Mask { get; } = mask;
}

/// <summary>
/// An integer value, exact: either a constant, or piecewise constant (<c>V &gt; 0 ? 1 : 2</c>). Integer arithmetic on a
/// piecewise value is carried out on each piece, so it keeps C#'s semantics wherever the condition leads. No other
/// integer can vary, because the only way from a floating-point value to an integer is a cast, which is not accepted.
/// </summary>
internal sealed class IntegerValue : Value
{
    /// <summary>Most constants one piecewise integer may take; more would make the generated code grow without need.</summary>
    public const int MaxPieces = 64;

    private IntegerValue(SpecialType type, BigInteger constant, Expr? condition, IntegerValue? whenTrue, IntegerValue? whenFalse)
    {
        Type = type;
        Constant = constant;
        Condition = condition;
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
        Pieces = condition is null ? 1 : whenTrue!.Pieces + whenFalse!.Pieces;
    }

    /// <summary>The C# type: <c>int</c>, <c>long</c>, <c>byte</c>, ...</summary>
    public SpecialType Type { get; }

    /// <summary>The value when <see cref="IsConstant"/>, always within the range of <see cref="Type"/>.</summary>
    public BigInteger Constant { get; }

    public bool IsConstant => Condition is null;

    /// <summary>The mask that chooses between <see cref="WhenTrue"/> and <see cref="WhenFalse"/>, when piecewise.</summary>
    public Expr? Condition { get; }

    public IntegerValue? WhenTrue { get; }

    public IntegerValue? WhenFalse { get; }

    public int Pieces { get; }

    public static IntegerValue Of(SpecialType type, BigInteger value) => new(type, value, null, null, null);

    /// <summary><paramref name="condition"/> ? <paramref name="whenTrue"/> : <paramref name="whenFalse"/>, one piece when both are the same constant.</summary>
    public static IntegerValue Choose(Expr condition, IntegerValue whenTrue, IntegerValue whenFalse) =>
        whenTrue.IsConstant && whenFalse.IsConstant && whenTrue.Constant == whenFalse.Constant && whenTrue.Type == whenFalse.Type
            ? whenTrue
            : new IntegerValue(whenTrue.Type, BigInteger.Zero, condition, whenTrue, whenFalse);
}
