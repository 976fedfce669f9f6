using DynPmnn.Neurons;

namespace DynPmnn.Onnx;

/// <summary>
/// Writes a neuron's <see cref="RightHandSideGraph"/> (its right-hand side, or its Euler step) as ONNX operators over
/// <c>[rows, units]</c> tensors, computing what the generated kernels compute: constants rounded to float, fused
/// multiply-adds with one rounding (the product and sum in double, exact for float operands, then rounded to float),
/// small integer powers as products, the removable singularities' Bernoulli form by the same series and threshold,
/// <c>?:</c> as Where. Nodes that do not depend on the states (parameters, inputs, constants, step constants) are
/// written once and shared by every step and stage.
/// </summary>
internal sealed class RightHandSideTranslator
{
    private readonly OnnxGraph graph;
    private readonly NeuronDescriptor neuron;
    private readonly RightHandSideGraph rhs;
    private readonly IReadOnlyList<string> parameters;
    private readonly IReadOnlyList<string> inputs;
    private readonly string stepSize;
    private readonly bool[] dependsOnState;
    private readonly string?[] invariant;

    /// <param name="graph">The graph the operators are added to.</param>
    /// <param name="neuron">The neuron.</param>
    /// <param name="rhs">The neuron's right-hand side or Euler step graph, as its generator wrote it.</param>
    /// <param name="parameters">The tensor of each parameter: a scalar or one value per unit.</param>
    /// <param name="inputs">The tensor of each input, constant over the integration.</param>
    /// <param name="stepSize">The step size's tensor, for a step's graph.</param>
    public RightHandSideTranslator(OnnxGraph graph, NeuronDescriptor neuron, RightHandSideGraph? rhs, IReadOnlyList<string> parameters, IReadOnlyList<string> inputs, string stepSize)
    {
        this.graph = graph;
        this.neuron = neuron;
        this.rhs = rhs ?? throw new OnnxExportException(
            $"The neuron {neuron.Name} has no right-hand side graph: it was compiled by an older DynPmnn generator; rebuild the assembly that declares it.");
        this.parameters = parameters;
        this.inputs = inputs;
        this.stepSize = stepSize;
        if (rhs.Derivatives.Count != neuron.States.Count)
        {
            throw new OnnxExportException($"The neuron {neuron.Name} has {neuron.States.Count} states but its right-hand side graph {rhs.Derivatives.Count} derivatives.");
        }

        dependsOnState = new bool[rhs.Nodes.Count];
        invariant = new string?[rhs.Nodes.Count];
        for (var i = 0; i < rhs.Nodes.Count; i++)
        {
            var node = rhs.Nodes[i];
            dependsOnState[i] = node.Operator == RightHandSideOperator.State || node.Operands.Any(o => dependsOnState[o]);
        }
    }

    /// <summary>The graph's roots (each state's derivative, or its value after the step) at the point whose state tensors are <paramref name="states"/>.</summary>
    public string[] Evaluate(IReadOnlyList<string> states)
    {
        var values = new string[rhs.Nodes.Count];
        for (var i = 0; i < rhs.Nodes.Count; i++)
        {
            if (!dependsOnState[i])
            {
                values[i] = invariant[i] ??= Translate(rhs.Nodes[i], values, states);
            }
            else
            {
                values[i] = Translate(rhs.Nodes[i], values, states);
            }
        }

        return [.. rhs.Derivatives.Select(d => values[d])];
    }

    private string Translate(RightHandSideNode node, string[] values, IReadOnlyList<string> states)
    {
        string A(int k) => values[node.Operands[k]];
        switch (node.Operator)
        {
            case RightHandSideOperator.Constant:
                return graph.Scalar((float)node.Value);
            case RightHandSideOperator.State:
                return Variable(states, node.Index, neuron.States);
            case RightHandSideOperator.Parameter:
                return Variable(parameters, node.Index, neuron.Parameters);
            case RightHandSideOperator.Input:
                return Variable(inputs, node.Index, neuron.Inputs);
            case RightHandSideOperator.StepSize:
                return stepSize;
            case RightHandSideOperator.MultiplyAdd:
                return graph.FusedMultiplyAdd(A(0), A(1), A(2), negated: false);
            case RightHandSideOperator.NegatedMultiplyAdd:
                return graph.FusedMultiplyAdd(A(0), A(1), A(2), negated: true);
            case RightHandSideOperator.Add:
                return graph.Node("Add", A(0), A(1));
            case RightHandSideOperator.Subtract:
                return graph.Node("Sub", A(0), A(1));
            case RightHandSideOperator.Multiply:
                return graph.Node("Mul", A(0), A(1));
            case RightHandSideOperator.Divide:
                return graph.Node("Div", A(0), A(1));
            case RightHandSideOperator.Negate:
                return graph.Node("Neg", A(0));
            case RightHandSideOperator.Power:
                return Power(A(0), A(1), rhs.Nodes[node.Operands[1]]);
            case RightHandSideOperator.Exp:
            case RightHandSideOperator.Log:
            case RightHandSideOperator.Tanh:
                return graph.Precise(node.Operator.ToString(), A(0));
            case RightHandSideOperator.Sqrt:
            case RightHandSideOperator.Sinh:
            case RightHandSideOperator.Cosh:
            case RightHandSideOperator.Sin:
            case RightHandSideOperator.Cos:
            case RightHandSideOperator.Abs:
            case RightHandSideOperator.Sign:
                return graph.Node(node.Operator.ToString(), A(0));
            case RightHandSideOperator.Max:
            case RightHandSideOperator.Min:
                return graph.Node(node.Operator.ToString(), A(0), A(1));
            case RightHandSideOperator.Bernoulli:
                return Bernoulli(A(0));
            case RightHandSideOperator.BernoulliDerivative:
                return BernoulliDerivative(A(0));
            case RightHandSideOperator.LessThan:
                return graph.Node("Less", A(0), A(1));
            case RightHandSideOperator.LessThanOrEqual:
                return graph.Node("LessOrEqual", A(0), A(1));
            case RightHandSideOperator.GreaterThan:
                return graph.Node("Greater", A(0), A(1));
            case RightHandSideOperator.GreaterThanOrEqual:
                return graph.Node("GreaterOrEqual", A(0), A(1));
            case RightHandSideOperator.Equal:
                return graph.Node("Equal", A(0), A(1));
            case RightHandSideOperator.NotEqual:
                return graph.Node("Not", graph.Node("Equal", A(0), A(1)));
            case RightHandSideOperator.And:
                return graph.Node("And", A(0), A(1));
            case RightHandSideOperator.Or:
                return graph.Node("Or", A(0), A(1));
            case RightHandSideOperator.Not:
                return graph.Node("Not", A(0));
            case RightHandSideOperator.Conditional:
                return graph.Node("Where", A(0), A(1), A(2));
            default:
                throw new OnnxExportException($"The neuron {neuron.Name} uses the operation {node.Operator}, which has no ONNX form yet.");
        }
    }

    private string Variable(IReadOnlyList<string> tensors, int index, IReadOnlyList<string> names)
    {
        if (index < 0 || index >= tensors.Count)
        {
            throw new OnnxExportException($"The right-hand side graph of {neuron.Name} refers to variable {index} of {names.Count}.");
        }

        return tensors[index];
    }

    /// <summary>As the kernels: integer exponents up to 4 in magnitude as products, ±½ through Sqrt, others as Pow.</summary>
    private string Power(string x, string y, RightHandSideNode exponent)
    {
        if (exponent.Operator == RightHandSideOperator.Constant)
        {
            var n = exponent.Value;
            if (n == Math.Floor(n) && Math.Abs(n) <= 4 && n != 0)
            {
                var product = x;
                for (var i = 1; i < Math.Abs(n); i++)
                {
                    product = graph.Node("Mul", product, x);
                }

                return n > 0 ? product : graph.Node("Div", graph.Scalar(1f), product);
            }

            if (n == 0.5)
            {
                return graph.Node("Sqrt", x);
            }

            if (n == -0.5)
            {
                return graph.Node("Div", graph.Scalar(1f), graph.Node("Sqrt", x));
            }
        }

        return graph.Node("Pow", x, y);
    }

    /// <summary>B(x) = x / (eˣ − 1) for |x| ≥ ½, its series below, as <c>ILanes.Bernoulli</c> computes it.</summary>
    private string Bernoulli(string x)
    {
        var x2 = graph.Node("Mul", x, x);
        var inner = Horner(x2, [1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1209600]);
        var series = graph.Node("Add", graph.Node("Sub", graph.Scalar(1f), graph.Node("Mul", graph.Scalar(0.5f), x)), graph.Node("Mul", x2, inner));
        var (small, safe) = SmallAndSafe(x);
        var direct = graph.Node("Div", safe, graph.Node("Sub", graph.Precise("Exp", safe), graph.Scalar(1f)));
        return graph.Node("Where", small, series, direct);
    }

    /// <summary>B′(x) = (B(x) / x)(1 − B(x) − x) for |x| ≥ ½, its series below, as <c>ILanes.BernoulliDerivative</c> computes it.</summary>
    private string BernoulliDerivative(string x)
    {
        var x2 = graph.Node("Mul", x, x);
        var inner = Horner(x2, [1.0 / 6, -1.0 / 180, 1.0 / 5040, -1.0 / 151200]);
        var series = graph.Node("Add", graph.Scalar(-0.5f), graph.Node("Mul", x, inner));
        var (small, safe) = SmallAndSafe(x);
        var b = Bernoulli(safe);
        var direct = graph.Node("Mul", graph.Node("Div", b, safe), graph.Node("Sub", graph.Node("Sub", graph.Scalar(1f), b), safe));
        return graph.Node("Where", small, series, direct);
    }

    /// <summary>c₀ + x(c₁ + x(c₂ + x·c₃)), the nesting of the lanes' series.</summary>
    private string Horner(string x, double[] coefficients)
    {
        var result = graph.Node("Mul", x, graph.Scalar((float)coefficients[^1]));
        for (var k = coefficients.Length - 2; k >= 0; k--)
        {
            var sum = graph.Node("Add", graph.Scalar((float)coefficients[k]), result);
            result = k == 0 ? sum : graph.Node("Mul", x, sum);
        }

        return result;
    }

    private (string Small, string Safe) SmallAndSafe(string x)
    {
        var small = graph.Node("Less", graph.Node("Abs", x), graph.Scalar(0.5f));
        return (small, graph.Node("Where", small, graph.Scalar(1f), x));
    }
}
