using System.Text.Json;
using DynPmnn.Data;
using DynPmnn.Layers;
using DynPmnn.Neurons;
using DynPmnn.Serialization;
using DynPmnn.Training;

namespace DynPmnn.Models;

/// <summary>
/// A trained network with everything needed to predict on raw rows: the architecture, the weights, the raw columns the
/// features are encoded from, the scalers fitted on the training rows, the task (target or class names) and where it
/// came from. Saved as one safetensors file whose <c>__metadata__</c> carries all but the weights, so
/// <c>dynpmnn predict</c> needs nothing else and Python reads the weights with the <c>safetensors</c> package.
/// </summary>
public sealed class TrainedModel
{
    /// <summary>The format name written into every model file's metadata.</summary>
    public const string FormatName = "dynpmnn-model/2";

    private const string FormatKey = "dynpmnn.format";
    private const string SpecKey = "dynpmnn.model";
    private const string SchemaKey = "dynpmnn.schema";
    private const string FeatureScalerKey = "dynpmnn.featureScaler";
    private const string TargetScalerKey = "dynpmnn.targetScaler";
    private const string ProtocolKey = "dynpmnn.protocol";
    private const string ProvenanceKey = "dynpmnn.provenance";
    private const string NeuronsKey = "dynpmnn.neurons";

    private readonly IClassifierHead<float>? classifier;

    /// <exception cref="ArgumentException">The parts do not fit together (the network's sizes, the scalers' columns, the head and the task).</exception>
    public TrainedModel(ModelSpec spec, Sequential<float> network, TabularSchema schema, ColumnScaler featureScaler, ColumnScaler? targetScaler, ModelProvenance provenance, TrainingProtocol? protocol = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(featureScaler);
        ArgumentNullException.ThrowIfNull(provenance);
        Spec = spec;
        Network = network;
        Schema = schema;
        Task = schema.ToTask();
        FeatureScaler = featureScaler;
        TargetScaler = targetScaler;
        Provenance = provenance;
        Protocol = protocol;
        if (network.InputSize != schema.EncodedWidth || featureScaler.Columns != schema.EncodedWidth)
        {
            throw new ArgumentException($"The network takes {network.InputSize} features and the scaler {featureScaler.Columns}, but the schema encodes {schema.EncodedWidth}.");
        }

        var loss = ModelFactory.CreateLoss<float>(spec);
        classifier = loss as IClassifierHead<float>;
        if (Task.Kind == TaskKind.Classification)
        {
            if (classifier is null || classifier.OutputSize(Task.ClassCount) != network.OutputSize)
            {
                throw new ArgumentException($"A classification into {Task.ClassCount} classes needs a softmax head with {Task.ClassCount} outputs or, for two classes, a sigmoid head with one; the model has a {spec.Head} head with {network.OutputSize}.");
            }

            if (targetScaler is not null)
            {
                throw new ArgumentException("Class labels are not scaled; a classifier has no target scaler.");
            }
        }
        else if (classifier is not null || network.OutputSize != Task.TargetWidth || (targetScaler is not null && targetScaler.Columns != Task.TargetWidth))
        {
            throw new ArgumentException($"A regression of {Task.TargetWidth} target(s) needs a regression head with as many outputs; the model has a {spec.Head} head with {network.OutputSize}.");
        }
    }

    public ModelSpec Spec { get; }

    public Sequential<float> Network { get; }

    /// <summary>The raw columns and how they are encoded into features.</summary>
    public TabularSchema Schema { get; }

    public DatasetTask Task { get; }

    public ColumnScaler FeatureScaler { get; }

    /// <summary>Maps predictions back to the targets' units; null when the targets were not scaled.</summary>
    public ColumnScaler? TargetScaler { get; }

    public ModelProvenance Provenance { get; }

    /// <summary>How it was trained, when known.</summary>
    public TrainingProtocol? Protocol { get; }

    /// <summary>Predicts raw (unscaled) encoded feature rows, row-major in the schema's feature order.</summary>
    public Prediction Predict(ReadOnlySpan<float> rawFeatures, int rows, int batchSize = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var columns = Network.InputSize;
        if (rawFeatures.Length != (long)rows * columns)
        {
            throw new ArgumentException($"{rows} rows of {columns} features need {(long)rows * columns} values, got {rawFeatures.Length}.", nameof(rawFeatures));
        }

        var scaled = FeatureScaler.Transform(rawFeatures);
        var outputs = Network.OutputSize;
        var output = new float[rows * outputs];
        var trainer = new Trainer(Network, ModelFactory.CreateLoss<float>(Spec), new Sgd<float>(Network.Parameters, 1));
        trainer.Predict(scaled, output, rows, batchSize);
        if (Task.Kind == TaskKind.Regression)
        {
            TargetScaler?.Inverse(output, output);
            return new Prediction(Task, rows, output, [], []);
        }

        var classes = new int[rows];
        var probabilities = new double[rows * Task.ClassCount];
        for (var r = 0; r < rows; r++)
        {
            var row = output.AsSpan(r * outputs, outputs);
            classes[r] = classifier!.PredictClass(row);
            classifier.Probabilities(row, probabilities.AsSpan(r * Task.ClassCount, Task.ClassCount));
        }

        return new Prediction(Task, rows, [], classes, probabilities);
    }

    /// <summary>Predicts the rows of a raw data set (features as read from its file, not scaled).</summary>
    public Prediction Predict(Dataset raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (!raw.FeatureNames.SequenceEqual(Schema.EncodedFeatureNames))
        {
            throw new ArgumentException($"'{raw.Name}' has features {string.Join(", ", raw.FeatureNames)}; the model was trained on {string.Join(", ", Schema.EncodedFeatureNames)}.", nameof(raw));
        }

        return Predict(raw.Features, raw.Rows);
    }

    /// <summary>Writes the model file atomically.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = FormatName,
            [SpecKey] = JsonSerializer.Serialize(WithFullNeuronNames(Spec), CoreJson.Default.ModelSpec),
            [SchemaKey] = JsonSerializer.Serialize(Schema, CoreJson.Default.TabularSchema),
            [FeatureScalerKey] = JsonSerializer.Serialize(FeatureScaler, CoreJson.Default.ColumnScaler),
            [ProvenanceKey] = JsonSerializer.Serialize(Provenance, CoreJson.Default.ModelProvenance),
            [NeuronsKey] = JsonSerializer.Serialize(NeuronNames(Spec), CoreJson.Default.StringArray),
        };
        if (TargetScaler is not null)
        {
            metadata[TargetScalerKey] = JsonSerializer.Serialize(TargetScaler, CoreJson.Default.ColumnScaler);
        }

        if (Protocol is not null)
        {
            metadata[ProtocolKey] = JsonSerializer.Serialize(Protocol, CoreJson.Default.TrainingProtocol);
        }

        ModelFile.Save(path, metadata, Network.Parameters);
    }

    /// <summary>Reads a model file and rebuilds the network with its weights.</summary>
    /// <exception cref="ModelFormatException">The file is not a DynPmnn model, is damaged, or names a neuron that is not registered (the message says which and how to register it).</exception>
    public static TrainedModel Load(string path)
    {
        var contents = ModelFile.Read(path);
        var metadata = contents.Metadata;
        if (!metadata.TryGetValue(FormatKey, out var format))
        {
            throw new ModelFormatException($"{path} is a safetensors file but not a DynPmnn model: its metadata has no '{FormatKey}'.");
        }

        if (format != FormatName)
        {
            throw new ModelFormatException($"{path} is a '{format}' model; this version of DynPmnn reads '{FormatName}'.");
        }

        var spec = Read(metadata, SpecKey, CoreJson.Default.ModelSpec, path);
        var schema = Read(metadata, SchemaKey, CoreJson.Default.TabularSchema, path);
        var featureScaler = Read(metadata, FeatureScalerKey, CoreJson.Default.ColumnScaler, path);
        var provenance = Read(metadata, ProvenanceKey, CoreJson.Default.ModelProvenance, path);
        var targetScaler = metadata.ContainsKey(TargetScalerKey) ? Read(metadata, TargetScalerKey, CoreJson.Default.ColumnScaler, path) : null;
        var protocol = metadata.ContainsKey(ProtocolKey) ? Read(metadata, ProtocolKey, CoreJson.Default.TrainingProtocol, path) : null;
        try
        {
            spec.Validate();
            schema.Validate();
            featureScaler.Validate(schema.EncodedWidth, "feature");
            targetScaler?.Validate(schema.ToTask().TargetWidth, "target");
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            throw new ModelFormatException($"{path}: {e.Message}", e);
        }

        var missing = NeuronNames(spec).Where(n => !NeuronCatalog.IsRegistered(n)).ToArray();
        if (missing.Length > 0)
        {
            throw new ModelFormatException(
                $"{path} uses the neuron(s) {string.Join(", ", missing)}, which are not registered: load the assembly that declares them "
                + "(dynpmnn ... --assembly PATH, or NeuronCatalog.RegisterFrom in code).");
        }

        Sequential<float> network;
        try
        {
            network = ModelFactory.Build<float>(spec, provenance.Seed);
            contents.CopyTo(network.Parameters, path);
            return new TrainedModel(spec, network, schema, featureScaler, targetScaler, provenance, protocol);
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException($"{path}: the model's parts do not fit together: {e.Message}", e);
        }
    }

    /// <summary>The spec with every neuron named in full, so a file never depends on which neurons share a short name when it is read.</summary>
    private static ModelSpec WithFullNeuronNames(ModelSpec spec) =>
        spec.Kind == ModelKind.DynPmnn ? spec with { Blocks = [.. spec.Blocks.Select(b => b with { Neuron = NeuronCatalog.Describe(b.Neuron).Name })] } : spec;

    /// <summary>The full names of the neurons a spec's ODE blocks use, so a model file says which assembly it needs.</summary>
    private static string[] NeuronNames(ModelSpec spec) =>
        spec.Kind == ModelKind.DynPmnn ? [.. spec.Blocks.Select(b => NeuronCatalog.IsRegistered(b.Neuron) ? NeuronCatalog.Describe(b.Neuron).Name : b.Neuron).Distinct(StringComparer.Ordinal)] : [];

    private static T Read<T>(IReadOnlyDictionary<string, string> metadata, string key, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string path)
        where T : class
    {
        if (!metadata.TryGetValue(key, out var json))
        {
            throw new ModelFormatException($"{path} lacks the metadata entry '{key}'.");
        }

        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new ModelFormatException($"{path}: metadata entry '{key}' is null.");
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{path}: metadata entry '{key}' is not valid: {PublicJson.Describe(e)}", e);
        }
    }
}
