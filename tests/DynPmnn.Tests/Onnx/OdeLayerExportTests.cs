using DynPmnn.Layers;
using DynPmnn.Neurons;
using DynPmnn.Neurons.Zoo;
using DynPmnn.Onnx;
using DynPmnn.Onnx.Proto;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace DynPmnn.Tests.Onnx;

/// <summary>
/// An exported ODE layer repeats the generated kernels' arithmetic: for a polynomial neuron (no library function whose
/// last bit could differ) ONNX Runtime gives DynPmnn's very bits under every integrator, trained per-unit parameters,
/// states and inputs from the features, a constant initial state and the state clamp included.
/// </summary>
public sealed class OdeLayerExportTests
{
    [Theory]
    [InlineData(Integrator.Euler, null)]
    [InlineData(Integrator.Heun, null)]
    [InlineData(Integrator.RungeKutta4, null)]
    [InlineData(Integrator.Euler, 1.0)]
    [InlineData(Integrator.RungeKutta4, 1.0)]
    public void AnOdeLayerGivesTheKernelsBits(Integrator integrator, double? clamp)
    {
        var layer = new OdeLayer<FitzHughNagumoClassic, float>(new OdeLayerOptions
        {
            Units = 5,
            Integrator = integrator,
            Dt = 0.7,
            Steps = 9,
            StatesFromFeatures = ["V"],
            InputsFromFeatures = ["I"],
            InitialStates = new Dictionary<string, double> { ["W"] = 0.25 },
            TrainedParameters = [new("A"), new("B", ParameterConstraint.Positive)],
            StateClamp = clamp,
        });
        var random = new Random(4);
        foreach (var parameter in layer.Parameters)
        {
            for (var i = 0; i < parameter.Length; i++)
            {
                parameter.Value[i] += (float)((random.NextDouble() - 0.5) * 0.2);
            }
        }

        const int rows = 300;
        var input = Enumerable.Range(0, rows * layer.InputSize).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
        var expected = new float[rows * layer.OutputSize];
        layer.Forward(input, expected, rows);
        Assert.True(clamp is null || expected.Any(v => Math.Abs(v) == clamp), "the clamp cuts some states");
        var actual = RunAlone(layer, input, rows);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    /// <summary>The layer alone as an ONNX graph, run by ONNX Runtime.</summary>
    private static float[] RunAlone(Layer<float> layer, float[] input, int rows)
    {
        var graph = new OnnxGraph();
        graph.Reserve("x");
        graph.Reserve("y");
        graph.Proto.Input.Add(OnnxGraph.Tensor("x", TensorProto.Types.DataType.Float, "N", layer.InputSize));
        graph.Node("Identity", "y", [new NetworkTranslator(graph).Layer(layer, "x", "layer.")], output: "y");
        graph.Proto.Output.Add(OnnxGraph.Tensor("y", TensorProto.Types.DataType.Float, "N", layer.OutputSize));
        graph.Prune();
        var model = new ModelProto { IrVersion = OnnxExporter.IrVersion, Graph = graph.Proto };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OnnxExporter.Opset });
        using var session = new InferenceSession(model.ToByteArray());
        using var x = OrtValue.CreateTensorValueFromMemory(input, [rows, layer.InputSize]);
        using var results = session.Run(new RunOptions(), ["x"], [x], ["y"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
