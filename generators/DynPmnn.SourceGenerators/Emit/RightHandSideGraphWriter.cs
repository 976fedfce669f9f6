using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Emit;

/// <summary>
/// Writes a neuron's right-hand side as the lines of a <c>DynPmnn.Neurons.RightHandSideGraph</c>: every distinct node
/// once, operands before their users, each line the operator's name and its operands' positions (or a leaf's index or
/// value), so tools read the compiled equations without parsing C# or the readable text.
/// </summary>
internal static class RightHandSideGraphWriter
{
    /// <summary>The graph's lines, and for each derivative the position of its node.</summary>
    public static (List<string> Nodes, int[] Derivatives) Write(IReadOnlyList<Expr> derivatives)
    {
        var nodes = new List<string>();
        var positions = new Dictionary<Expr, int>();
        var roots = derivatives.Select(d => Visit(d, nodes, positions)).ToArray();
        return (nodes, roots);
    }

    /// <summary>Post-order without recursion, so a right-hand side of any depth is written.</summary>
    private static int Visit(Expr root, List<string> nodes, Dictionary<Expr, int> positions)
    {
        var pending = new Stack<(Expr Node, bool Expanded)>();
        pending.Push((root, false));
        while (pending.Count > 0)
        {
            var (node, expanded) = pending.Pop();
            if (positions.ContainsKey(node))
            {
                continue;
            }

            if (!expanded && node.Children.Count > 0)
            {
                pending.Push((node, true));
                for (var i = node.Children.Count - 1; i >= 0; i--)
                {
                    pending.Push((node.Children[i], false));
                }

                continue;
            }

            positions[node] = nodes.Count;
            nodes.Add(Line(node, positions));
        }

        return positions[root];
    }

    private static string Line(Expr node, Dictionary<Expr, int> positions) => node switch
    {
        Constant c => "Constant " + c.Value.ToString("R", CultureInfo.InvariantCulture),
        Variable v => $"{v.Kind} {v.Index.ToString(CultureInfo.InvariantCulture)}",
        Operation o => o.Op + string.Concat(o.Children.Select(child => " " + positions[child].ToString(CultureInfo.InvariantCulture))),
        _ => throw new System.InvalidOperationException("Unknown expression node " + node.GetType().Name),
    };
}
