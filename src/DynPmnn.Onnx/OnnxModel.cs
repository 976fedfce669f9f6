using System.Text.Json;
using DynPmnn.Data;
using DynPmnn.Models;
using DynPmnn.Serialization;
using Microsoft.ML.OnnxRuntime;

namespace DynPmnn.Onnx;

/// <summary>
/// An ONNX model exported by <see cref="OnnxExporter"/>, run by ONNX Runtime: it reads the schema and task from the
/// model's metadata, so raw CSV rows are encoded exactly as for the DynPmnn model file, and returns the same
/// <see cref="Prediction"/> as <see cref="TrainedModel.Predict(ReadOnlySpan{float}, int, int)"/>.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession session;
    private readonly string[] outputs;

    private OnnxModel(InferenceSession session, TabularSchema schema)
    {
        this.session = session;
        Schema = schema;
        Task = schema.ToTask();
        outputs = OnnxExporter.OutputNames(Task);
    }

    /// <summary>The raw columns and how they are encoded into the model's input.</summary>
    public TabularSchema Schema { get; }

    public DatasetTask Task { get; }

    /// <summary>Opens an exported model with ONNX Runtime on the CPU.</summary>
    /// <exception cref="ModelFormatException">The file is not an ONNX model, or not one DynPmnn exported (no schema in its metadata).</exception>
    public static OnnxModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The ONNX model {path} does not exist.", path);
        }

        InferenceSession session;
        try
        {
            session = new InferenceSession(path);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFormatException($"{path} is not an ONNX model ONNX Runtime can load: {FirstLine(e.Message)}", e);
        }

        try
        {
            var metadata = session.ModelMetadata.CustomMetadataMap;
            if (!metadata.TryGetValue(OnnxMetadata.Schema, out var json))
            {
                throw new ModelFormatException($"{path} is an ONNX model but not one DynPmnn exported: its metadata has no '{OnnxMetadata.Schema}', so its input columns are unknown.");
            }

            TabularSchema schema;
            try
            {
                schema = JsonSerializer.Deserialize(json, CoreJson.Default.TabularSchema) ?? throw new ModelFormatException($"{path}: metadata entry '{OnnxMetadata.Schema}' is null.");
                schema.Validate();
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidDataException)
            {
                throw new ModelFormatException($"{path}: metadata entry '{OnnxMetadata.Schema}' is not valid: {(e is JsonException j ? PublicJson.Describe(j) : e.Message)}", e);
            }

            var model = new OnnxModel(session, schema);
            var missing = model.outputs.Where(o => !session.OutputMetadata.ContainsKey(o)).ToArray();
            if (!session.InputMetadata.ContainsKey(OnnxExporter.InputName) || missing.Length > 0)
            {
                throw new ModelFormatException($"{path}: the model needs the input '{OnnxExporter.InputName}' and the outputs {string.Join(", ", model.outputs.Select(o => $"'{o}'"))}; it has inputs {string.Join(", ", session.InputMetadata.Keys)} and outputs {string.Join(", ", session.OutputMetadata.Keys)}.");
            }

            return model;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Predicts raw (unscaled) encoded feature rows, row-major in the schema's feature order.</summary>
    public Prediction Predict(ReadOnlySpan<float> rawFeatures, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var columns = Schema.EncodedWidth;
        if (rawFeatures.Length != (long)rows * columns)
        {
            throw new ArgumentException($"{rows} rows of {columns} features need {(long)rows * columns} values, got {rawFeatures.Length}.", nameof(rawFeatures));
        }

        if (rows == 0)
        {
            return new Prediction(Task, 0, [], [], []);
        }

        using var input = OrtValue.CreateTensorValueFromMemory(rawFeatures.ToArray(), [rows, columns]);
        using var options = new RunOptions();
        using var results = session.Run(options, [OnnxExporter.InputName], [input], outputs);
        if (Task.Kind == TaskKind.Regression)
        {
            var width = Task.TargetWidth;
            var values = new float[rows * width];
            for (var t = 0; t < width; t++)
            {
                var column = results[t].GetTensorDataAsSpan<float>();
                for (var r = 0; r < rows; r++)
                {
                    values[(r * width) + t] = column[r];
                }
            }

            return new Prediction(Task, rows, values, [], []);
        }

        var labels = results[0].GetTensorDataAsSpan<long>();
        var probabilities = results[1].GetTensorDataAsSpan<float>();
        var classes = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            classes[r] = checked((int)labels[r]);
        }

        var wide = new double[probabilities.Length];
        for (var i = 0; i < wide.Length; i++)
        {
            wide[i] = probabilities[i];
        }

        return new Prediction(Task, rows, [], classes, wide);
    }

    public void Dispose() => session.Dispose();

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
