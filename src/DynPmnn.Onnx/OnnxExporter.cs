using System.Text.Json;
using DynPmnn.Data;
using DynPmnn.IO;
using DynPmnn.Models;
using DynPmnn.Onnx.Proto;
using DynPmnn.Serialization;
using Google.Protobuf;

namespace DynPmnn.Onnx;

/// <summary>
/// Writes a <see cref="TrainedModel"/> as an ONNX model (opset 17, IR version 8) that takes raw rows: one float input
/// <c>features</c> of shape <c>[N, F]</c> (the encoded features, in <see cref="OnnxMetadata.FeatureNames"/> order), the
/// feature scaler folded in (in double, as DynPmnn applies it). A regression model has one float output <c>[N]</c>
/// per target, named after it, in the target's units. A classifier has two outputs named after its label column:
/// <c>{label}</c>, the int64 class index of each row (the names are in <see cref="OnnxMetadata.ClassNames"/>), and
/// <c>{label}_probabilities</c>, <c>[N, classes]</c>.
/// </summary>
public static class OnnxExporter
{
    public const int Opset = 17;

    public const int IrVersion = 8;

    /// <summary>The name of the model's one input.</summary>
    public const string InputName = "features";

    /// <summary>The suffix of a classifier's probability output, after the label column's name.</summary>
    public const string ProbabilitiesSuffix = "_probabilities";

    /// <summary>Writes the model to <paramref name="path"/> atomically.</summary>
    /// <exception cref="OnnxExportException">A layer has no ONNX form (an adaptive Neural ODE solver, for one); the message says which and what to use instead.</exception>
    public static void Save(TrainedModel model, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = ToBytes(model);
        using var file = AtomicFile.Create(path);
        file.Stream.Write(bytes);
        file.Commit();
    }

    /// <summary>The serialized ONNX model.</summary>
    /// <exception cref="OnnxExportException">A layer has no ONNX form; the message says which and what to use instead.</exception>
    public static byte[] ToBytes(TrainedModel model) => Build(model).ToByteArray();

    internal static ModelProto Build(TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = new OnnxGraph();
        var task = model.Task;
        var features = model.Schema.EncodedFeatureNames;
        var outputs = OutputNames(task);
        foreach (var name in outputs)
        {
            graph.Reserve(name);
        }

        var input = graph.Name(InputName);
        graph.Proto.Name = "dynpmnn";
        graph.Proto.Input.Add(OnnxGraph.Tensor(input, TensorProto.Types.DataType.Float, "N", features.Count));

        // (x − centre) / scale in double, rounded to float once, as ColumnScaler.Transform computes it.
        var scaler = model.FeatureScaler;
        var width = scaler.Columns;
        var wide = graph.Node("Cast", "raw_double", [input], n => n.Attribute.Add(OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Double)));
        var centred = graph.Node("Sub", wide, graph.Doubles("feature_center", scaler.Center, width));
        var scaled = graph.Node("Cast", "scaled", [graph.Node("Div", centred, graph.Doubles("feature_scale", scaler.Scale, width))], n => n.Attribute.Add(OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Float)));

        var network = new NetworkTranslator(graph).Layer(model.Network, scaled, "network.");
        if (task.Kind == TaskKind.Regression)
        {
            var values = network;
            if (model.TargetScaler is { } targets)
            {
                // x' · scale + centre in double, rounded once, as ColumnScaler.Inverse.
                var asDouble = graph.Node("Cast", "prediction_double", [values], n => n.Attribute.Add(OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Double)));
                var unscaled = graph.Node("Add", graph.Node("Mul", asDouble, graph.Doubles("target_scale", targets.Scale, targets.Columns)), graph.Doubles("target_center", targets.Center, targets.Columns));
                values = graph.Node("Cast", "prediction", [unscaled], n => n.Attribute.Add(OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Float)));
            }

            for (var t = 0; t < outputs.Length; t++)
            {
                graph.Node("Gather", outputs[t], [values, graph.Index(t)], n => n.Attribute.Add(OnnxGraph.Int("axis", 1)), output: outputs[t]);
                graph.Proto.Output.Add(OnnxGraph.Tensor(outputs[t], TensorProto.Types.DataType.Float, "N"));
            }
        }
        else
        {
            var (label, probabilities) = (outputs[0], outputs[1]);
            if (model.Spec.Head == OutputHead.Sigmoid)
            {
                // One logit: class 1 when it is ≥ 0, probabilities [1 − σ, σ].
                var positive = graph.Node("Sigmoid", network);
                graph.Node("Concat", probabilities, [graph.Node("Sub", graph.Scalar(1f), positive), positive], n => n.Attribute.Add(OnnxGraph.Int("axis", 1)), output: probabilities);
                var atLeastZero = graph.Node("GreaterOrEqual", graph.Node("Squeeze", "logit", [network, graph.Shape(1)]), graph.Scalar(0f));
                graph.Node("Cast", label, [atLeastZero], n => n.Attribute.Add(OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Int64)), output: label);
            }
            else
            {
                graph.Node("Softmax", probabilities, [network], n => n.Attribute.Add(OnnxGraph.Int("axis", 1)), output: probabilities);
                graph.Node("ArgMax", label, [network], n =>
                {
                    n.Attribute.Add(OnnxGraph.Int("axis", 1));
                    n.Attribute.Add(OnnxGraph.Int("keepdims", 0));
                }, output: label);
            }

            graph.Proto.Output.Add(OnnxGraph.Tensor(label, TensorProto.Types.DataType.Int64, "N"));
            graph.Proto.Output.Add(OnnxGraph.Tensor(probabilities, TensorProto.Types.DataType.Float, "N", task.ClassCount));
        }

        graph.Prune();
        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "DynPmnn",
            ProducerVersion = typeof(TrainedModel).Assembly.GetName().Version?.ToString(3) ?? "0",
            DocString = model.Spec.Summary,
            Graph = graph.Proto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        void Metadata(string key, string value) => proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        Metadata(OnnxMetadata.Task, task.Kind == TaskKind.Regression ? "regression" : "classification");
        Metadata(OnnxMetadata.FeatureNames, JsonSerializer.Serialize([.. features], CoreJson.Default.StringArray));
        Metadata(OnnxMetadata.TargetNames, JsonSerializer.Serialize([.. task.TargetNames], CoreJson.Default.StringArray));
        if (task.Kind == TaskKind.Classification)
        {
            Metadata(OnnxMetadata.ClassNames, JsonSerializer.Serialize([.. task.ClassNames], CoreJson.Default.StringArray));
        }

        Metadata(OnnxMetadata.Schema, JsonSerializer.Serialize(model.Schema, CoreJson.Default.TabularSchema));
        Metadata(OnnxMetadata.Model, model.Spec.ToJson());
        Metadata(OnnxMetadata.Provenance, JsonSerializer.Serialize(model.Provenance, CoreJson.Default.ModelProvenance));
        return proto;
    }

    /// <summary>Regression: one output per target, named after it; classification: the label column and its probabilities.</summary>
    public static string[] OutputNames(DatasetTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Kind == TaskKind.Regression
            ? [.. task.TargetNames]
            : [task.TargetNames[0], task.TargetNames[0] + ProbabilitiesSuffix];
    }
}
