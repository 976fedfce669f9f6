using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Emit;

/// <summary>
/// Writes expressions as the lines of a <c>DynPmnn.Neurons.RightHandSideGraph</c> exactly as the kernels compute them:
/// every distinct node once, operands before their users, and each product folded into a fused multiply-add where
/// <see cref="ExpressionEmitter"/> folds it (a product used once, added to or subtracted from something, that is not a
/// step constant). Each line is the operator's name and its operands' positions, or a leaf's index or value, so tools
/// reproduce the kernels' arithmetic without parsing C#.
/// </summary>
internal sealed class RightHandSideGraphWriter
{
    private readonly List<string> nodes = new();
    private readonly Dictionary<Variable, int> leaves = new();
    private readonly Dictionary<double, int> constants = new();
    private readonly Dictionary<Expr, int> bound = new();

    public IReadOnlyList<string> Nodes => nodes;

    /// <summary>The right-hand side as <c>RightHandSide</c> computes it: the lines, and each derivative's position.</summary>
    public static (IReadOnlyList<string> Nodes, int[] Roots) RightHandSide(IReadOnlyList<Expr> derivatives)
    {
        var writer = new RightHandSideGraphWriter();
        return (writer.nodes, writer.Group(derivatives));
    }

    /// <summary>
    /// One explicit Euler step as <c>StepConstants</c> and <c>EulerStep</c> compute it: the invariant step constants
    /// first (dt·B, 1 − dt·A, ...), then the updated states, whose position each root gives.
    /// </summary>
    public static (IReadOnlyList<string> Nodes, int[] Roots) EulerStep(IReadOnlyList<Expr> stepConstants, IReadOnlyList<Expr> updates)
    {
        var writer = new RightHandSideGraphWriter();
        var positions = writer.Group(stepConstants);
        for (var k = 0; k < stepConstants.Count; k++)
        {
            writer.bound[stepConstants[k]] = positions[k];
        }

        return (writer.nodes, writer.Group(updates));
    }

    /// <summary>Writes one group of expressions that the kernels emit together (so share and fuse over together).</summary>
    private int[] Group(IReadOnlyList<Expr> roots)
    {
        var uses = new Dictionary<Expr, int>();
        foreach (var root in roots)
        {
            Count(root, uses);
        }

        var positions = new Dictionary<Expr, int>();
        return roots.Select(r => Position(r, uses, positions)).ToArray();
    }

    /// <summary>As <see cref="ExpressionEmitter.Count"/>: every occurrence below a root, each node's children once.</summary>
    private static void Count(Expr root, Dictionary<Expr, int> uses)
    {
        var pending = new Stack<Expr>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (e is Constant or Variable)
            {
                continue;
            }

            if (uses.TryGetValue(e, out var n))
            {
                uses[e] = n + 1;
                continue;
            }

            uses[e] = 1;
            foreach (var child in e.Children)
            {
                pending.Push(child);
            }
        }
    }

    private bool IsFusable(Expr e, Dictionary<Expr, int> uses) =>
        e is Operation { Op: Operator.Multiply } && !bound.ContainsKey(e) && !(uses.TryGetValue(e, out var n) && n > 1);

    /// <summary>The position of <paramref name="root"/>'s node, writing what it needs first (post-order, without recursion).</summary>
    private int Position(Expr root, Dictionary<Expr, int> uses, Dictionary<Expr, int> positions)
    {
        var pending = new Stack<(Expr Node, bool Expanded)>();
        pending.Push((root, false));
        while (pending.Count > 0)
        {
            var (e, expanded) = pending.Pop();
            if (Known(e, positions) is not null)
            {
                continue;
            }

            var o = (Operation)e;
            var operands = Operands(o, uses, out _);
            if (!expanded)
            {
                pending.Push((e, true));
                foreach (var operand in operands.Reverse())
                {
                    pending.Push((operand, false));
                }

                continue;
            }

            Operands(o, uses, out var op);
            positions[e] = nodes.Count;
            nodes.Add(op + string.Concat(operands.Select(x => " " + Known(x, positions)!.Value.ToString(CultureInfo.InvariantCulture))));
        }

        return Known(root, positions)!.Value;
    }

    /// <summary>The node's operator as the kernels compute it and the expressions it takes: a fused multiply-add takes the product's factors.</summary>
    private Expr[] Operands(Operation o, Dictionary<Expr, int> uses, out string op)
    {
        switch (o.Op)
        {
            case Operator.Add when IsFusable(o[0], uses):
                op = "MultiplyAdd";
                return new[] { ((Operation)o[0])[0], ((Operation)o[0])[1], o[1] };
            case Operator.Add when IsFusable(o[1], uses):
                op = "MultiplyAdd";
                return new[] { ((Operation)o[1])[0], ((Operation)o[1])[1], o[0] };
            case Operator.Subtract when IsFusable(o[1], uses):
                op = "NegatedMultiplyAdd";
                return new[] { ((Operation)o[1])[0], ((Operation)o[1])[1], o[0] };
            default:
                op = o.Op.ToString();
                return o.Children.ToArray();
        }
    }

    /// <summary>The position of a leaf, a step constant or a node already written; null for an operation still to write.</summary>
    private int? Known(Expr e, Dictionary<Expr, int> positions)
    {
        switch (e)
        {
            case Constant c:
                if (!constants.TryGetValue(c.Value, out var constant))
                {
                    constant = nodes.Count;
                    nodes.Add("Constant " + c.Value.ToString("R", CultureInfo.InvariantCulture));
                    constants[c.Value] = constant;
                }

                return constant;
            case Variable v:
                if (!leaves.TryGetValue(v, out var leaf))
                {
                    leaf = nodes.Count;
                    nodes.Add($"{v.Kind} {v.Index.ToString(CultureInfo.InvariantCulture)}");
                    leaves[v] = leaf;
                }

                return leaf;
        }

        if (bound.TryGetValue(e, out var boundPosition))
        {
            return boundPosition;
        }

        return positions.TryGetValue(e, out var position) ? position : null;
    }
}
