using System;
using System.Collections.Generic;

namespace DynPmnn.SourceGenerators.Symbolic;

/// <summary>
/// A node of the generator's own expression graph for right-hand sides. Immutable, compared structurally, and with its
/// hash computed once. A right-hand side is a DAG, not a tree: a local used twice is one node with two parents, and
/// every pass over the graph (differentiation, rewriting, emission, printing) visits a node once, so work and output
/// grow with the number of distinct nodes, never with the number of paths through them. Build nodes through
/// <see cref="E"/>, which simplifies as it goes and, inside an <see cref="ExprTable"/> scope, returns the existing
/// node for a structure it has seen, so equal subgraphs are one object.
/// </summary>
internal abstract class Expr : IEquatable<Expr>
{
    private readonly int hash;

    protected Expr(int hash, bool isInvariant)
    {
        this.hash = hash;
        IsInvariant = isInvariant;
    }

    /// <summary>
    /// Number of nodes of the expression written out as a tree (shared nodes counted once per use), saturating at
    /// <see cref="int.MaxValue"/>; a measure of how much work a right-hand side is, used to size the drivers.
    /// </summary>
    public abstract int Size { get; }

    public abstract IReadOnlyList<Expr> Children { get; }

    /// <summary>Whether the value depends only on parameters, the step size and constants (see <see cref="InvariantFactors"/>).</summary>
    public bool IsInvariant { get; }

    public bool Equals(Expr? other) => other is not null && (ReferenceEquals(this, other) || (hash == other.hash && StructurallyEqual(this, other)));

    public override bool Equals(object? obj) => obj is Expr other && Equals(other);

    public override int GetHashCode() => hash;

    public override string ToString() => MathPrinter.Print(this);

    /// <summary>Equal apart from the children: the same kind of node, operator, value or variable, and arity.</summary>
    protected abstract bool ShallowEquals(Expr other);

    protected static int Combine(int a, int b) => unchecked((a * 31) + b);

    protected static int Combine(int a, int b, int c) => Combine(Combine(a, b), c);

    protected static int Combine(int a, int b, int c, int d) => Combine(Combine(a, b, c), d);

    /// <summary>
    /// Compares two graphs node by node, each pair of nodes once: comparing recursively would follow every path, which
    /// for a chain of locals each used twice is exponential. Equal graphs built separately (the model of the previous
    /// run against this one's) meet here.
    /// </summary>
    private static bool StructurallyEqual(Expr a, Expr b)
    {
        var pending = new Stack<(Expr, Expr)>();
        HashSet<(Expr, Expr)>? compared = null;
        pending.Push((a, b));
        while (pending.Count > 0)
        {
            var (x, y) = pending.Pop();
            if (ReferenceEquals(x, y))
            {
                continue;
            }

            if (x.hash != y.hash || !x.ShallowEquals(y))
            {
                return false;
            }

            var children = x.Children;
            if (children.Count == 0)
            {
                continue;
            }

            compared ??= new HashSet<(Expr, Expr)>(ReferencePairComparer.Instance);
            if (!compared.Add((x, y)))
            {
                continue;
            }

            var others = y.Children;
            for (var i = 0; i < children.Count; i++)
            {
                pending.Push((children[i], others[i]));
            }
        }

        return true;
    }

    private sealed class ReferencePairComparer : IEqualityComparer<(Expr, Expr)>
    {
        public static readonly ReferencePairComparer Instance = new();

        public bool Equals((Expr, Expr) x, (Expr, Expr) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((Expr, Expr) pair) =>
            Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Item2));
    }
}

internal sealed class Constant : Expr
{
    public Constant(double value)
        : base(Combine(1, value.GetHashCode()), isInvariant: true) => Value = value;

    public double Value { get; }

    public override int Size => 1;

    public override IReadOnlyList<Expr> Children => Array.Empty<Expr>();

    protected override bool ShallowEquals(Expr other) => other is Constant c && c.Value.Equals(Value);
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
        : base(Combine(2, (int)kind, index, StringComparer.Ordinal.GetHashCode(name)), kind is VariableKind.Parameter or VariableKind.StepSize)
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

    protected override bool ShallowEquals(Expr other) => other is Variable v && v.Kind == Kind && v.Index == Index && v.Name == Name;
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

/// <summary>An operation applied to one, two or three operands. Made by <see cref="E"/>, never directly.</summary>
internal sealed class Operation : Expr
{
    private readonly Expr[] operands;
    private readonly int size;

    public Operation(Operator op, params Expr[] operands)
        : base(HashOf(op, operands), InvariantOf(op, operands))
    {
        Op = op;
        this.operands = operands;
        long total = 1;
        foreach (var operand in operands)
        {
            total += operand.Size;
        }

        size = (int)Math.Min(total, int.MaxValue);
    }

    public Operator Op { get; }

    public override int Size => size;

    public override IReadOnlyList<Expr> Children => operands;

    public Expr this[int index] => operands[index];

    /// <summary>Whether the node yields a mask (comparison or logic) rather than a number.</summary>
    public bool IsCondition => IsConditionOperator(Op);

    protected override bool ShallowEquals(Expr other) => other is Operation o && o.Op == Op && o.operands.Length == operands.Length;

    private static bool IsConditionOperator(Operator op) => op is >= Operator.LessThan and <= Operator.Not;

    /// <summary>Masks and choices vary from point to point even between invariant operands; everything else is invariant when its operands are.</summary>
    private static bool InvariantOf(Operator op, Expr[] operands)
    {
        if (IsConditionOperator(op) || op == Operator.Conditional)
        {
            return false;
        }

        foreach (var operand in operands)
        {
            if (!operand.IsInvariant)
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

/// <summary>
/// Hash-consing: inside a scope, <see cref="E"/> returns one node per structure, so equal subgraphs are the same
/// object and every dictionary keyed by a node finds it by reference. The table lives as long as the scope (one
/// neuron's parsing or emission) and belongs to its thread, so nothing is kept between runs or shared between them.
/// Outside a scope nodes are simply new (structural equality still holds).
/// </summary>
internal static class ExprTable
{
    [ThreadStatic]
    private static Dictionary<Expr, Expr>? current;

    /// <summary>Starts a scope in which the nodes of <paramref name="existing"/> (a model parsed earlier) are the ones reused.</summary>
    public static IDisposable Begin(IEnumerable<Expr>? existing = null)
    {
        var scope = new Scope(current);
        current = new Dictionary<Expr, Expr>();
        if (existing is not null)
        {
            var pending = new Stack<Expr>(existing);
            while (pending.Count > 0)
            {
                var node = pending.Pop();
                if (node is Operation && !current.ContainsKey(node))
                {
                    current[node] = node;
                    foreach (var child in node.Children)
                    {
                        pending.Push(child);
                    }
                }
            }
        }

        return scope;
    }

    /// <summary>The node equal to <paramref name="node"/> made earlier in this scope, or <paramref name="node"/> itself.</summary>
    public static Expr Intern(Operation node)
    {
        if (current is null)
        {
            return node;
        }

        if (current.TryGetValue(node, out var existing))
        {
            return existing;
        }

        current[node] = node;
        return node;
    }

    private sealed class Scope(Dictionary<Expr, Expr>? previous) : IDisposable
    {
        public void Dispose() => current = previous;
    }
}
