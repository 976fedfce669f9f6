using DynPmnn.Layers;
using DynPmnn.Models;
using DynPmnn.Neurons;
using DynPmnn.Onnx.Proto;

namespace DynPmnn.Onnx;

/// <summary>
/// Writes a network's layers as ONNX operators on <c>[rows, width]</c> float tensors: Dense as Gemm, LayerNorm as
/// LayerNormalization, the activations, an ODE layer unrolled over its integrator's steps with its neuron's right-hand
/// side as operators, the CfC cell, and a Neural ODE with fixed-step RK4 unrolled over its steps.
/// </summary>
internal sealed class NetworkTranslator(OnnxGraph graph)
{
    private string? rowsShape;

    /// <summary>The output of <paramref name="layer"/> applied to <paramref name="x"/>; <paramref name="path"/> names its weights.</summary>
    public string Layer(Layer<float> layer, string x, string path)
    {
        switch (layer)
        {
            case Sequential<float> sequential:
                for (var i = 0; i < sequential.Layers.Count; i++)
                {
                    x = Layer(sequential.Layers[i], x, $"{path}{i}.");
                }

                return x;
            case Dense<float> dense:
                return Dense(x, dense.Weight.Value, dense.Bias.Value, dense.OutputSize, dense.InputSize, path);
            case LayerNorm<float> norm:
                return LayerNorm(x, norm.Gamma.Value, norm.Beta.Value, norm.Size, norm.Epsilon, path);
            case SiLU<float>:
                return graph.Node("Mul", x, graph.Precise("Sigmoid", x));
            case Tanh<float>:
                return graph.Precise("Tanh", x);
            case Sigmoid<float>:
                return graph.Precise("Sigmoid", x);
            case ReLU<float>:
                return graph.Node("Relu", x);
            case IOdeLayer ode:
                return new OdeLayerTranslator(graph, ode, path, RowsBy).Translate(x);
            case ClosedFormContinuousTimeLayer<float> cfc:
                return ClosedFormContinuousTime(cfc, x, path);
            case NeuralOdeLayer<float> node:
                return NeuralOde(node, x, path);
            default:
                throw new OnnxExportException($"Layer {path.TrimEnd('.')} ({layer.Description}) has no ONNX form.");
        }
    }

    /// <summary>Gemm(x, W, b) with W stored <c>[out, in]</c> as nn.Linear stores it.</summary>
    private string Dense(string x, float[] weight, float[] bias, int outputs, int inputs, string path) =>
        graph.Node("Gemm", "dense", [x, graph.Floats(path + "weight", weight, outputs, inputs), graph.Floats(path + "bias", bias, outputs)], n => n.Attribute.Add(OnnxGraph.Int("transB", 1)));

    private string LayerNorm(string x, float[] gamma, float[] beta, int size, double epsilon, string path) =>
        graph.Node(
            "LayerNormalization",
            "layer_norm",
            [x, graph.Floats(path + "gamma", gamma, size), graph.Floats(path + "beta", beta, size)],
            n =>
            {
                n.Attribute.Add(OnnxGraph.Int("axis", -1));
                n.Attribute.Add(OnnxGraph.Float("epsilon", (float)epsilon));
            });

    /// <summary>A <c>[rows, columns]</c> tensor of <paramref name="value"/>, rows taken from <paramref name="like"/>.</summary>
    private string RowsBy(string like, long columns, float value)
    {
        rowsShape ??= graph.Node("Slice", "rows", [graph.Node("Shape", like), graph.Shape(0), graph.Shape(1)]);
        var shape = graph.Node("Concat", "shape", [rowsShape, graph.Shape(columns)], n => n.Attribute.Add(OnnxGraph.Int("axis", 0)));
        return graph.Node("Expand", "filled", [graph.Scalar(value), shape]);
    }

    private Parameter<float> Named(Layer<float> layer, string name, string path) =>
        layer.Parameters.FirstOrDefault(p => p.Name == name) ?? throw new OnnxExportException($"Layer {path.TrimEnd('.')} ({layer.Description}) has no parameter '{name}'.");

    /// <summary>One CfC step from a zero hidden state, as <see cref="ClosedFormContinuousTimeLayer{T}"/> computes it.</summary>
    private string ClosedFormContinuousTime(ClosedFormContinuousTimeLayer<float> cfc, string x, string path)
    {
        var inputs = cfc.InputSize;
        var backboneWeight = Named(cfc, "backbone.weight", path).Value;
        var width = inputs + cfc.Units;

        // The hidden half of [x, h] multiplies zeros: only the input columns take part.
        var inputWeight = new float[cfc.BackboneUnits * inputs];
        for (var o = 0; o < cfc.BackboneUnits; o++)
        {
            Array.Copy(backboneWeight, o * width, inputWeight, o * inputs, inputs);
        }

        var z = Dense(x, inputWeight, Named(cfc, "backbone.bias", path).Value, cfc.BackboneUnits, inputs, path + "backbone.");
        z = graph.Node("Mul", graph.Precise("Tanh", graph.Node("Mul", z, graph.Scalar(0.666f))), graph.Scalar(1.7159f));
        string Head(string name) => Dense(z, Named(cfc, name + ".weight", path).Value, Named(cfc, name + ".bias", path).Value, cfc.Units, cfc.BackboneUnits, path + name + ".");
        var f1 = graph.Precise("Tanh", Head("ff1"));
        var f2 = graph.Precise("Tanh", Head("ff2"));
        var gate = graph.Precise("Sigmoid", graph.Node("Add", graph.Node("Mul", Head("time_a"), graph.Scalar((float)cfc.Timespan)), Head("time_b")));

        // h' = f1 (1 − s) + s f2 = f1 + s (f2 − f1)
        return graph.Node("Add", graph.Node("Mul", graph.Node("Sub", f2, f1), gate), f1);
    }

    /// <summary>
    /// The Neural ODE's fixed-step RK4 over t ∈ [0, 1], every stage of every step written out, with the field
    /// <c>MLP(LayerNorm([h, t]))</c>; an adaptive solver has no fixed graph and is refused.
    /// </summary>
    private string NeuralOde(NeuralOdeLayer<float> layer, string x, string path)
    {
        var options = layer.Solver.Options;
        if (options.Method != OdeSolverMethod.Rk4)
        {
            throw new OnnxExportException(
                $"Layer {path.TrimEnd('.')} ({layer.Description}) integrates with the adaptive {options.Method} solver, whose steps depend on each row, so it has no fixed ONNX graph. "
                + "Train the Neural ODE with the fixed-step solver (\"solver\": \"rk4\" with \"solverSteps\" in the model description) to export it.");
        }

        var field = layer.Field;
        var size = field.StateSize;
        var gamma = graph.Floats(path + "norm.gamma", Named(layer, "norm.gamma", path).Value, size + 1);
        var beta = graph.Floats(path + "norm.beta", Named(layer, "norm.beta", path).Value, size + 1);
        var weights = new (string Weight, string Bias)[field.Layers];
        for (var l = 0; l < field.Layers; l++)
        {
            var weight = Named(layer, $"linear{l}.weight", path);
            var bias = Named(layer, $"linear{l}.bias", path);
            weights[l] = (graph.Floats($"{path}linear{l}.weight", weight.Value, weight.Shape[0], weight.Shape[1]), graph.Floats($"{path}linear{l}.bias", bias.Value, bias.Shape[0]));
        }

        var ones = RowsBy(x, 1, 1f);
        string Field(string h, double time)
        {
            var column = graph.Node("Mul", ones, graph.Scalar((float)time));
            var input = graph.Node("Concat", "concat", [h, column], n => n.Attribute.Add(OnnxGraph.Int("axis", 1)));
            input = graph.Node("LayerNormalization", "layer_norm", [input, gamma, beta], n =>
            {
                n.Attribute.Add(OnnxGraph.Int("axis", -1));
                n.Attribute.Add(OnnxGraph.Float("epsilon", 1e-5f));
            });
            for (var l = 0; l < weights.Length; l++)
            {
                input = graph.Node("Gemm", "dense", [input, weights[l].Weight, weights[l].Bias], n => n.Attribute.Add(OnnxGraph.Int("transB", 1)));
                if (l < weights.Length - 1)
                {
                    input = graph.Precise("Tanh", input);
                }
            }

            return input;
        }

        // As RungeKuttaSolver: stage i at y + Σⱼ (h·aᵢⱼ)·kⱼ, the step y + Σⱼ (h·bⱼ)·kⱼ, each product added in order.
        var tableau = ButcherTableau.ClassicRungeKutta;
        var y = x;
        var steps = options.Steps;
        for (var i = 0; i < steps; i++)
        {
            var start = (double)i / steps;
            var end = (double)(i + 1) / steps;
            var h = end - start;
            var k = new string[tableau.Stages];
            k[0] = Field(y, start);
            for (var s = 1; s < tableau.Stages; s++)
            {
                var time = tableau.Nodes[s] == 1 ? end : start + (tableau.Nodes[s] * h);
                k[s] = Field(Combine(y, h, tableau.Matrix[s], k), time);
            }

            y = Combine(y, h, tableau.Weights, k);
        }

        return y;
    }

    private string Combine(string origin, double size, IReadOnlyList<double> coefficients, string[] slopes)
    {
        var result = origin;
        for (var j = 0; j < coefficients.Count; j++)
        {
            if (coefficients[j] != 0)
            {
                result = graph.Node("Add", graph.Node("Mul", slopes[j], graph.Scalar((float)(size * coefficients[j]))), result);
            }
        }

        return result;
    }
}
