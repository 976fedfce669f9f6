using System;
using System.Collections.Generic;

namespace DynPmnn.SourceGenerators.Symbolic;

/// <summary>
/// A node of the generator's own expression tree for right-hand sides. Immutable, compared structurally, and with its
/// hash computed once, so equal subtrees can be found in constant time (for caching and common subexpressions).
/// Build nodes through <see cref="E"/>, which simplifies as it goes.
/// </summary>
internal abstract class Expr : IEquatable<Expr>
{
    private readonly int hash;

    protected Expr(int hash) => this.hash = hash;

    /// <summary>Number of nodes below and including this one; used to order emitted temporaries and to bound work.</summary>
    public abstract int Size { get; }

    public abstract IReadOnlyList<Expr> Children { get; }

    public bool Equals(Expr? other) => other is not null && (ReferenceEquals(this, other) || (hash == other.hash && EqualsCore(other)));

    public override bool Equals(object? obj) => obj is Expr other && Equals(other);

    public override int GetHashCode() => hash;

    public override string ToString() => MathPrinter.Print(this);

    protected abstract bool EqualsCore(Expr other);

    protected static int Combine(int a, int b) => unchecked((a * 31) + b);

    protected static int Combine(int a, int b, int c) => Combine(Combine(a, b), c);

    protected static int Combine(int a, int b, int c, int d) => Combine(Combine(a, b, c), d);
}

internal sealed class Constant : Expr
{
    public Constant(double value)
        : base(Combine(1, value.GetHashCode())) => Value = value;

    public double Value { get; }

    public override int Size => 1;

    public override IReadOnlyList<Expr> Children => Array.Empty<Expr>();

    protected override bool EqualsCore(Expr other) => other is Constant c && c.Value.Equals(Value);
}

internal enum VariableKind
{
    State,
    Parameter,
    Input,

    /// <summary>The cotangent (upstream gradient) of one state's derivative, used when building vector–Jacobian products.</summary>
    Cotangent,

    /// <summary>The integrator's time step, constant over an integration like the parameters.</summary>
    StepSize,

    /// <summary>A gradient sum of the reverse pass (see <see cref="GradientSumPlan"/>): Σ over steps of a cotangent times a varying factor.</summary>
    GradientSum,

    /// <summary>A value that does not change during an integration, computed once per chunk instead of once per step.</summary>
    StepConstant,
}

internal sealed class Variable : Expr
{
    public Variable(VariableKind kind, int index, string name)
        : base(Combine(2, (int)kind, index, StringComparer.Ordinal.GetHashCode(name)))
    {
        Kind = kind;
        Index = index;
        Name = name;
    }

    public VariableKind Kind { get; }

    public int Index { get; }

    public string Name { get; }

    public override int Size => 1;

    public override IReadOnlyList<Expr> Children => Array.Empty<Expr>();

    protected override bool EqualsCore(Expr other) => other is Variable v && v.Kind == Kind && v.Index == Index && v.Name == Name;
}

internal enum Operator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,

    /// <summary>x^y.</summary>
    Power,
    Exp,
    Log,
    Sqrt,
    Tanh,
    Sinh,
    Cosh,
    Sin,
    Cos,
    Abs,

    /// <summary>−1, 0 or 1; the derivative of <see cref="Abs"/>.</summary>
    Sign,
    Max,
    Min,

    /// <summary>B(x) = x / (eˣ − 1), continuous at 0; what removable 0/0 rate expressions are rewritten into.</summary>
    Bernoulli,
    BernoulliDerivative,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
    Not,

    /// <summary>condition ? whenTrue : whenFalse.</summary>
    Conditional,
}

/// <summary>An operation applied to one, two or three operands.</summary>
internal sealed class Operation : Expr
{
    private readonly Expr[] operands;
    private readonly int size;

    public Operation(Operator op, params Expr[] operands)
        : base(HashOf(op, operands))
    {
        Op = op;
        this.operands = operands;
        var total = 1;
        foreach (var operand in operands)
        {
            total += operand.Size;
        }

        size = total;
    }

    public Operator Op { get; }

    public override int Size => size;

    public override IReadOnlyList<Expr> Children => operands;

    public Expr this[int index] => operands[index];

    /// <summary>Whether the node yields a mask (comparison or logic) rather than a number.</summary>
    public bool IsCondition => Op is >= Operator.LessThan and <= Operator.Not;

    protected override bool EqualsCore(Expr other)
    {
        if (other is not Operation o || o.Op != Op || o.operands.Length != operands.Length)
        {
            return false;
        }

        for (var i = 0; i < operands.Length; i++)
        {
            if (!operands[i].Equals(o.operands[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int HashOf(Operator op, Expr[] operands)
    {
        var h = Combine(3, (int)op);
        foreach (var operand in operands)
        {
            h = Combine(h, operand.GetHashCode());
        }

        return h;
    }
}
