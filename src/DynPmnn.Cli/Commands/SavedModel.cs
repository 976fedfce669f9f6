using System.Text.Json;
using DynPmnn.Experiments;
using DynPmnn.Training;
using DynPmnn.Layers;
using DynPmnn.Models;
using DynPmnn.Serialization;

namespace DynPmnn.Cli.Commands;

/// <summary>What a model file says about the network in it, so <c>evaluate</c> can rebuild it without being told.</summary>
internal sealed record SavedModel(string Format, string Preset, string Title, int Seed, ModelSpec Model, TrainingProtocol Protocol)
{
    public const string FormatName = "dynpmnn-model/1";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static void Save(string path, Preset preset, int seed, Sequential<float> model)
    {
        var description = JsonSerializer.Serialize(new SavedModel(FormatName, preset.Name, preset.Title, seed, preset.Model, preset.Protocol), Json);
        ModelFile.Save(path, new Dictionary<string, string> { ["dynpmnn.description"] = description }, model.Parameters);
    }

    public static (SavedModel Description, Sequential<float> Model) Load(string path)
    {
        var contents = ModelFile.Read(path);
        var text = contents.Metadata.TryGetValue("dynpmnn.description", out var found) ? found : throw new ModelFormatException($"{path} has no DynPmnn model description in its metadata.");
        SavedModel? saved;
        try
        {
            saved = JsonSerializer.Deserialize<SavedModel>(text, Json);
        }
        catch (JsonException error)
        {
            throw new ModelFormatException($"{path}: the model description is not one this program wrote ({error.Message}).");
        }

        if (saved is null || saved.Format != FormatName)
        {
            throw new ModelFormatException($"{path}: the model description has format '{saved?.Format}', expected '{FormatName}'.");
        }

        var model = ModelFactory.Build<float>(saved.Model, saved.Seed);
        contents.CopyTo(model.Parameters, path);
        return (saved, model);
    }
}
