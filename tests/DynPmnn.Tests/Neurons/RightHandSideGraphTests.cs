using DynPmnn.Neurons;
using DynPmnn.Tests.Onnx;

namespace DynPmnn.Tests.Neurons;

/// <summary>
/// The right-hand side graph the generator writes into each descriptor computes what the neuron's generated
/// <c>EvaluateRightHandSide</c> computes, and its Euler step graph x + dt·f, at random points, for every shipped neuron and a user's that uses every
/// operation; and a malformed graph is refused with the node it is in.
/// </summary>
public sealed class RightHandSideGraphTests
{
    public static TheoryData<Type> Neurons() =>
    [
        typeof(DynPmnn.Neurons.Zoo.FitzHughNagumo), typeof(DynPmnn.Neurons.Zoo.FitzHughNagumoClassic), typeof(DynPmnn.Neurons.Zoo.HodgkinHuxley),
        typeof(DynPmnn.Neurons.Zoo.LeakyIntegrator), typeof(DynPmnn.Neurons.Zoo.Izhikevich), typeof(DynPmnn.Neurons.Zoo.MorrisLecar),
        typeof(DynPmnn.Neurons.Zoo.HindmarshRose), typeof(EveryOperation), typeof(GatedTanh),
    ];

    [Theory]
    [MemberData(nameof(Neurons))]
    public void TheGraphEvaluatesToTheGeneratedRightHandSide(Type neuron) =>
        typeof(RightHandSideGraphTests).GetMethod(nameof(Check), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(neuron).Invoke(null, null);

    private static void Check<TNeuron>()
        where TNeuron : INeuron<TNeuron>
    {
        var neuron = TNeuron.Descriptor;
        var name = neuron.Name;
        var graph = neuron.RightHandSide!;
        Assert.Equal(neuron.States.Count, graph.Derivatives.Count);
        var random = new Random(11);
        for (var trial = 0; trial < 50; trial++)
        {
            var states = neuron.States.Select(_ => (random.NextDouble() * 4) - 2).ToArray();
            var parameters = neuron.ParameterDefaults.Select(d => d * (0.5 + random.NextDouble())).ToArray();
            var inputs = neuron.Inputs.Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            var expected = new double[states.Length];
            TNeuron.EvaluateRightHandSide(states, parameters, inputs, expected);
            var actual = Evaluate(graph, states, parameters, inputs, 0);
            const double dt = 0.05;
            var stepped = Evaluate(neuron.EulerStep!, states, parameters, inputs, dt);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(
                    Math.Abs(actual[i] - expected[i]) <= 1e-9 * Math.Max(1, Math.Abs(expected[i])) || (double.IsNaN(actual[i]) && double.IsNaN(expected[i])),
                    $"{name}: d{neuron.States[i]}/dt is {expected[i]:R} generated and {actual[i]:R} from the graph at states {string.Join(", ", states)}");
                var euler = states[i] + (dt * expected[i]);
                Assert.True(
                    Math.Abs(stepped[i] - euler) <= 1e-9 * Math.Max(1, Math.Abs(euler)) || (double.IsNaN(stepped[i]) && double.IsNaN(euler)),
                    $"{name}: an Euler step of dt {dt} takes {neuron.States[i]} to {stepped[i]:R} in the step's graph, not {euler:R}");
            }
        }
    }

    [Theory]
    [InlineData("Add 0", "Add takes 2 operand(s)")]
    [InlineData("Multiply 0 1", "operand '1'")]
    [InlineData("Constant x", "not 'Constant <number>'")]
    [InlineData("Frobnicate 0", "does not start with an operator")]
    public void AMalformedGraphIsRefusedWithItsNode(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => new RightHandSideGraph(["State 0", line], [1]));
        Assert.Contains("node 1", error.Message);
        Assert.Contains(expected, error.Message);
    }

    /// <summary>The graph in double precision, the operators as C# defines them (B(x) = x / (eˣ − 1) with B(0) = 1).</summary>
    private static double[] Evaluate(RightHandSideGraph graph, double[] states, double[] parameters, double[] inputs, double dt)
    {
        var values = new double[graph.Nodes.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var node = graph.Nodes[i];
            double A(int k) => values[node.Operands[k]];
            static double B(double x) => Math.Abs(x) < 1e-4 ? 1 - (x / 2) + (x * x / 12) : x / (Math.Exp(x) - 1);
            values[i] = node.Operator switch
            {
                RightHandSideOperator.Constant => node.Value,
                RightHandSideOperator.State => states[node.Index],
                RightHandSideOperator.Parameter => parameters[node.Index],
                RightHandSideOperator.Input => inputs[node.Index],
                RightHandSideOperator.StepSize => dt,
                RightHandSideOperator.MultiplyAdd => (A(0) * A(1)) + A(2),
                RightHandSideOperator.NegatedMultiplyAdd => A(2) - (A(0) * A(1)),
                RightHandSideOperator.Add => A(0) + A(1),
                RightHandSideOperator.Subtract => A(0) - A(1),
                RightHandSideOperator.Multiply => A(0) * A(1),
                RightHandSideOperator.Divide => A(0) / A(1),
                RightHandSideOperator.Negate => -A(0),
                RightHandSideOperator.Power => Math.Pow(A(0), A(1)),
                RightHandSideOperator.Exp => Math.Exp(A(0)),
                RightHandSideOperator.Log => Math.Log(A(0)),
                RightHandSideOperator.Sqrt => Math.Sqrt(A(0)),
                RightHandSideOperator.Tanh => Math.Tanh(A(0)),
                RightHandSideOperator.Sinh => Math.Sinh(A(0)),
                RightHandSideOperator.Cosh => Math.Cosh(A(0)),
                RightHandSideOperator.Sin => Math.Sin(A(0)),
                RightHandSideOperator.Cos => Math.Cos(A(0)),
                RightHandSideOperator.Abs => Math.Abs(A(0)),
                RightHandSideOperator.Sign => Math.Sign(A(0)),
                RightHandSideOperator.Max => Math.Max(A(0), A(1)),
                RightHandSideOperator.Min => Math.Min(A(0), A(1)),
                RightHandSideOperator.Bernoulli => B(A(0)),
                RightHandSideOperator.LessThan => A(0) < A(1) ? 1 : 0,
                RightHandSideOperator.LessThanOrEqual => A(0) <= A(1) ? 1 : 0,
                RightHandSideOperator.GreaterThan => A(0) > A(1) ? 1 : 0,
                RightHandSideOperator.GreaterThanOrEqual => A(0) >= A(1) ? 1 : 0,
                RightHandSideOperator.Equal => A(0) == A(1) ? 1 : 0,
                RightHandSideOperator.NotEqual => A(0) != A(1) ? 1 : 0,
                RightHandSideOperator.And => A(0) != 0 && A(1) != 0 ? 1 : 0,
                RightHandSideOperator.Or => A(0) != 0 || A(1) != 0 ? 1 : 0,
                RightHandSideOperator.Not => A(0) == 0 ? 1 : 0,
                RightHandSideOperator.Conditional => A(0) != 0 ? A(1) : A(2),
                _ => throw new InvalidOperationException($"No double form of {node.Operator} in this test."),
            };
        }

        return [.. graph.Derivatives.Select(d => values[d])];
    }
}
