using DynPmnn.Layers;
using DynPmnn.Neurons;

namespace DynPmnn.Onnx;

/// <summary>
/// An ODE layer as ONNX: the features of each unit split into initial states and drives (<c>[rows, units]</c> each),
/// the trained per-unit parameters as initializers, every integrator step written out (Euler, Heun or RK4, with the
/// stage points and weights of the generated kernels) and followed by the state clamp when the layer has one, and the
/// read-out states gathered back into <c>[rows, units · k]</c>.
/// </summary>
internal sealed class OdeLayerTranslator(OnnxGraph graph, IOdeLayer layer, string path, Func<string, long, float, string> filled)
{
    private readonly NeuronDescriptor neuron = layer.Neuron;
    private readonly OdeLayerOptions options = layer.Options;

    public string Translate(string x)
    {
        var units = options.Units;
        var fromFeatures = options.StatesFromFeatures.Count + options.InputsFromFeatures.Count;
        var perUnit = graph.Node("Reshape", "per_unit", [x, graph.Shape(-1, units, fromFeatures)]);
        string Feature(int d) => graph.Node("Gather", "feature", [perUnit, graph.Index(d)], n => n.Attribute.Add(OnnxGraph.Int("axis", 2)));

        // Initial states: the features named, the others their initial values (a whole [rows, units] tensor, so every
        // state has the batch's shape from the start).
        var states = new string[neuron.States.Count];
        for (var s = 0; s < states.Length; s++)
        {
            var name = neuron.States[s];
            var d = IndexOf(options.StatesFromFeatures, name);
            states[s] = d >= 0 ? Feature(d) : filled(x, units, (float)(options.InitialStates.TryGetValue(name, out var value) ? value : 0));
        }

        var inputs = new string[neuron.Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var d = IndexOf(options.InputsFromFeatures, neuron.Inputs[i]);
            inputs[i] = d >= 0 ? Feature(options.StatesFromFeatures.Count + d) : graph.Scalar(0f);
        }

        var parameters = Parameters();
        var dt = graph.Scalar((float)options.Dt);
        var euler = new RightHandSideTranslator(graph, neuron, neuron.EulerStep, parameters, inputs, dt);
        var rhs = new RightHandSideTranslator(graph, neuron, neuron.RightHandSide, parameters, inputs, dt);
        for (var step = 0; step < options.Steps; step++)
        {
            states = options.Integrator switch
            {
                Integrator.Euler => euler.Evaluate(states),
                Integrator.Heun => Heun(rhs, states, dt),
                Integrator.RungeKutta4 => RungeKutta4(rhs, states, dt),
                _ => throw new OnnxExportException($"Layer {path.TrimEnd('.')}: the integrator {options.Integrator} has no ONNX form."),
            };
            if (options.StateClamp is { } bound)
            {
                // As the layer: every state clamped to ±bound after each step (a NaN stays NaN).
                var (low, high) = (graph.Scalar(-(float)bound), graph.Scalar((float)bound));
                states = [.. states.Select(x => graph.Node("Clip", "clamped", [x, low, high]))];
            }
        }

        var readout = options.Readout ?? neuron.States;
        var columns = readout.Select(name => graph.Node("Unsqueeze", "state", [states[neuron.IndexOfState(name)], graph.Shape(2)])).ToArray();
        var stacked = columns.Length == 1 ? columns[0] : graph.Node("Concat", "readout", columns, n => n.Attribute.Add(OnnxGraph.Int("axis", 2)));
        return graph.Node("Reshape", "ode_output", [stacked, graph.Shape(-1, units * readout.Count)]);
    }

    /// <summary>Each parameter as a scalar when every unit has the same value, else one value per unit.</summary>
    private string[] Parameters()
    {
        var values = layer.EffectiveParameterValues();
        var count = neuron.Parameters.Count;
        var units = options.Units;
        var result = new string[count];
        for (var p = 0; p < count; p++)
        {
            var column = new float[units];
            for (var u = 0; u < units; u++)
            {
                column[u] = (float)values[(u * count) + p];
            }

            result[p] = column.All(v => BitConverter.SingleToInt32Bits(v) == BitConverter.SingleToInt32Bits(column[0]))
                ? graph.Scalar(column[0])
                : graph.Floats($"{path}{neuron.Parameters[p]}", column, units);
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>x + scale · k for every state, fused as the kernels' stage points are.</summary>
    private string[] Point(string[] x, string scale, string[] k) =>
        [.. x.Select((xi, i) => graph.FusedMultiplyAdd(scale, k[i], xi, negated: false))];

    /// <summary>As the kernels' HeunStep: k1 = f(x), k2 = f(x + dt·k1), x + (½·dt)·(k1 + k2), each update fused.</summary>
    private string[] Heun(RightHandSideTranslator rhs, string[] x, string dt)
    {
        var k1 = rhs.Evaluate(x);
        var k2 = rhs.Evaluate(Point(x, dt, k1));
        var h = graph.Node("Mul", graph.Scalar(0.5f), dt);
        return [.. x.Select((xi, i) => graph.FusedMultiplyAdd(h, graph.Node("Add", k1[i], k2[i]), xi, negated: false))];
    }

    /// <summary>
    /// As the kernels' RungeKutta4Step: stages at x + (½·dt)·k1, x + (½·dt)·k2, x + dt·k3, and
    /// x + (dt·⅙)·(2·(k2 + k3) + (k1 + k4)), each update fused.
    /// </summary>
    private string[] RungeKutta4(RightHandSideTranslator rhs, string[] x, string dt)
    {
        var h = graph.Node("Mul", graph.Scalar(0.5f), dt);
        var k1 = rhs.Evaluate(x);
        var k2 = rhs.Evaluate(Point(x, h, k1));
        var k3 = rhs.Evaluate(Point(x, h, k2));
        var k4 = rhs.Evaluate(Point(x, dt, k3));
        var sixth = graph.Node("Mul", dt, graph.Scalar((float)(1.0 / 6)));
        return [.. x.Select((xi, i) =>
        {
            var weighted = graph.FusedMultiplyAdd(graph.Scalar(2f), graph.Node("Add", k2[i], k3[i]), graph.Node("Add", k1[i], k4[i]), negated: false);
            return graph.FusedMultiplyAdd(sixth, weighted, xi, negated: false);
        })];
    }
}
