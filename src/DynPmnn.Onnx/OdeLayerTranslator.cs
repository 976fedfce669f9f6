using DynPmnn.Layers;
using DynPmnn.Neurons;

namespace DynPmnn.Onnx;

/// <summary>
/// An ODE layer as ONNX: the features of each unit split into initial states and drives (<c>[rows, units]</c> each),
/// the trained per-unit parameters as initializers, every integrator step written out (Euler, Heun or RK4, with the
/// stage points and weights of the generated kernels), and the read-out states gathered back into <c>[rows, units · k]</c>.
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

        var rhs = new RightHandSideTranslator(graph, neuron, Parameters(), inputs);
        var dt = (float)options.Dt;
        for (var step = 0; step < options.Steps; step++)
        {
            states = options.Integrator switch
            {
                Integrator.Euler => Euler(rhs, states, dt),
                Integrator.Heun => Heun(rhs, states, dt),
                Integrator.RungeKutta4 => RungeKutta4(rhs, states, dt),
                _ => throw new OnnxExportException($"Layer {path.TrimEnd('.')}: the integrator {options.Integrator} has no ONNX form."),
            };
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

    /// <summary>x + scale · k for every state.</summary>
    private string[] Point(string[] x, string scale, string[] k) =>
        [.. x.Select((xi, i) => graph.Node("Add", graph.Node("Mul", scale, k[i]), xi))];

    private string[] Euler(RightHandSideTranslator rhs, string[] x, float dt) => Point(x, graph.Scalar(dt), rhs.Derivatives(x));

    /// <summary>k1 = f(x), k2 = f(x + dt·k1), x + (½dt)·(k1 + k2).</summary>
    private string[] Heun(RightHandSideTranslator rhs, string[] x, float dt)
    {
        var k1 = rhs.Derivatives(x);
        var k2 = rhs.Derivatives(Point(x, graph.Scalar(dt), k1));
        var h = graph.Scalar(0.5f * dt);
        return [.. x.Select((xi, i) => graph.Node("Add", graph.Node("Mul", h, graph.Node("Add", k1[i], k2[i])), xi))];
    }

    /// <summary>Stages at x + (½dt)·k1, x + (½dt)·k2, x + dt·k3; x + (dt/6)·(2·(k2 + k3) + (k1 + k4)).</summary>
    private string[] RungeKutta4(RightHandSideTranslator rhs, string[] x, float dt)
    {
        var h = graph.Scalar(0.5f * dt);
        var k1 = rhs.Derivatives(x);
        var k2 = rhs.Derivatives(Point(x, h, k1));
        var k3 = rhs.Derivatives(Point(x, h, k2));
        var k4 = rhs.Derivatives(Point(x, graph.Scalar(dt), k3));
        var sixth = graph.Scalar(dt * (float)(1.0 / 6));
        var two = graph.Scalar(2f);
        return [.. x.Select((xi, i) =>
        {
            var weighted = graph.Node("Add", graph.Node("Mul", two, graph.Node("Add", k2[i], k3[i])), graph.Node("Add", k1[i], k4[i]));
            return graph.Node("Add", graph.Node("Mul", sixth, weighted), xi);
        })];
    }
}
