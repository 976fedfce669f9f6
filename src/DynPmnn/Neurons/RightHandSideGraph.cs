using System.Globalization;

namespace DynPmnn.Neurons;

/// <summary>
/// A neuron's right-hand side (or one integrator step) as the generated kernels compute it, after simplification, the
/// rewriting of removable singularities and the folding of products into fused multiply-adds: a list of nodes in which
/// every operand comes before its user and every shared subexpression is one node, and for each state the node that
/// is its derivative (or its value after the step). Tools that translate a neuron into another form (ONNX export, for
/// one) walk it instead of parsing the equations' text, and reproduce the kernels' arithmetic operation for operation.
/// </summary>
/// <remarks>
/// The generator writes each node as one line of text: the operator's name, then the operands' positions, or for a
/// leaf the variable's index or the constant's round-trip value, such as <c>Subtract 0 4</c>, <c>State 1</c>,
/// <c>Constant 0.08</c>.
/// </remarks>
public sealed class RightHandSideGraph
{
    /// <summary>Reads the generator's form; see the remarks of <see cref="RightHandSideGraph"/>.</summary>
    /// <exception cref="FormatException">A line that is not a node, or an operand that does not come before its user; the message names the line.</exception>
    public RightHandSideGraph(IReadOnlyList<string> nodes, IReadOnlyList<int> derivatives)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(derivatives);
        var parsed = new RightHandSideNode[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            parsed[i] = Parse(nodes[i], i);
        }

        foreach (var root in derivatives)
        {
            if (root < 0 || root >= parsed.Length)
            {
                throw new FormatException($"Right-hand side graph: derivative node {root} is not among its {parsed.Length} nodes.");
            }
        }

        Nodes = parsed;
        Derivatives = [.. derivatives];
    }

    public IReadOnlyList<RightHandSideNode> Nodes { get; }

    /// <summary>For each state, in order, the position of the node that is its derivative (in a step's graph, its new value).</summary>
    public IReadOnlyList<int> Derivatives { get; }

    /// <summary>How many operands each operator takes.</summary>
    public static int Arity(RightHandSideOperator op) => op switch
    {
        RightHandSideOperator.Constant or RightHandSideOperator.State or RightHandSideOperator.Parameter or RightHandSideOperator.Input or RightHandSideOperator.StepSize => 0,
        RightHandSideOperator.Add or RightHandSideOperator.Subtract or RightHandSideOperator.Multiply or RightHandSideOperator.Divide
            or RightHandSideOperator.Power or RightHandSideOperator.Max or RightHandSideOperator.Min
            or >= RightHandSideOperator.LessThan and <= RightHandSideOperator.Or => 2,
        RightHandSideOperator.Conditional or RightHandSideOperator.MultiplyAdd or RightHandSideOperator.NegatedMultiplyAdd => 3,
        _ => 1,
    };

    private static RightHandSideNode Parse(string line, int position)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !Enum.TryParse<RightHandSideOperator>(parts[0], ignoreCase: false, out var op) || !Enum.IsDefined(op) || char.IsDigit(parts[0][0]))
        {
            throw new FormatException($"Right-hand side graph, node {position}: '{line}' does not start with an operator.");
        }

        switch (op)
        {
            case RightHandSideOperator.Constant:
                if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new FormatException($"Right-hand side graph, node {position}: '{line}' is not 'Constant <number>'.");
                }

                return new RightHandSideNode(op, [], Value: value);
            case RightHandSideOperator.State or RightHandSideOperator.Parameter or RightHandSideOperator.Input or RightHandSideOperator.StepSize:
                if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw new FormatException($"Right-hand side graph, node {position}: '{line}' is not '{op} <index>'.");
                }

                return new RightHandSideNode(op, [], Index: index);
        }

        var arity = Arity(op);
        if (parts.Length != arity + 1)
        {
            throw new FormatException($"Right-hand side graph, node {position}: {op} takes {arity} operand(s), '{line}' gives {parts.Length - 1}.");
        }

        var operands = new int[arity];
        for (var k = 0; k < arity; k++)
        {
            if (!int.TryParse(parts[k + 1], NumberStyles.None, CultureInfo.InvariantCulture, out operands[k]) || operands[k] >= position)
            {
                throw new FormatException($"Right-hand side graph, node {position}: operand '{parts[k + 1]}' of '{line}' is not a node before it.");
            }
        }

        return new RightHandSideNode(op, operands);
    }
}
