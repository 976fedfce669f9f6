using DynPmnn.Data;
using DynPmnn.Experiments;
using DynPmnn.Models;
using DynPmnn.Serialization;
using DynPmnn.Tests.Data;

namespace DynPmnn.Tests.Models;

/// <summary>A trained model file carries everything a prediction on raw rows needs, and nothing is lost on the way.</summary>
public sealed class TrainedModelTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dynpmnn-model-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task AClassifierRoundTripsThroughItsFileAndPredictsRawRowsIdentically()
    {
        var iris = await DatasetSplitTests.Load("iris");
        var split = DatasetSplit.Create(iris);
        var preset = Presets.PaperDynPmnn with { Protocol = Presets.PaperDynPmnn.Protocol with { MaxEpochs = 3, LearningRate = 0.01 } };
        var outcome = ExperimentRunner.Run(preset, split, seed: 2);
        Assert.Null(outcome.Result.Error);
        var model = outcome.Model!;
        Assert.Equal(3, model.Network.OutputSize);
        Assert.Equal(23, model.Network.Parameters.Sum(p => p.Length)); // the authors' Iris PMNN has 23 (docs/PAPER-DATASETS.md §2.1)

        var path = Path.Combine(directory, "iris.safetensors");
        model.Save(path);
        var loaded = TrainedModel.Load(path);
        var raw = iris.Select(split.Indices.Test);
        var before = model.Predict(raw);
        var after = loaded.Predict(raw);
        Assert.Equal(before.Classes, after.Classes);
        Assert.Equal(before.Probabilities, after.Probabilities);
        Assert.Equal(["setosa", "versicolor", "virginica"], loaded.Task.ClassNames);
        Assert.Equal("iris", loaded.Provenance.Dataset);
        Assert.Equal("Sklearn", loaded.Provenance.SplitMethod);
        Assert.Equal(42, loaded.Provenance.SplitSeed);
        Assert.Equal(model.FeatureScaler.Center, loaded.FeatureScaler.Center);

        // The neuron is recorded by its full name, so a user's neuron of the same short name cannot be mistaken for it.
        var metadata = ModelFile.Read(path).Metadata;
        Assert.Contains("\"neuron\":\"DynPmnn.Neurons.Zoo.FitzHughNagumo\"", metadata["dynpmnn.model"]);
        Assert.Equal("[\"DynPmnn.Neurons.Zoo.FitzHughNagumo\"]", metadata["dynpmnn.neurons"]);
        Assert.Equal(TrainedModel.FormatName, metadata["dynpmnn.format"]);
    }

    [Fact]
    public async Task ARegressionWithStandardisedTargetsPredictsInTheTargetsUnits()
    {
        var energy = await DatasetSplitTests.Load("energy");
        var split = DatasetSplit.Create(energy, new SplitOptions { StandardizeTargets = true });
        var preset = Presets.PaperDnn with { Model = Presets.PaperDnn.Model with { HiddenSizes = [16] }, Protocol = Presets.PaperDnn.Protocol with { MaxEpochs = 30, LearningRate = 0.01 } };
        var outcome = ExperimentRunner.Run(preset, split, seed: 1);
        Assert.Null(outcome.Result.Error);
        var prediction = outcome.Model!.Predict(energy.Select(split.Indices.Test));
        Assert.Equal(2 * split.Test.Rows, prediction.Values.Length);
        // Heating and cooling loads are 6–48 kWh/m²: predictions in those units, not standardised ones.
        Assert.InRange(prediction.Values.Average(), 15, 35);
        Assert.True(outcome.Result.TestMetrics["rmse"] < 5, $"test RMSE {outcome.Result.TestMetrics["rmse"]}");
        Assert.True(outcome.Result.TestMetrics.ContainsKey("rmse[cooling load]") || outcome.Result.TestMetrics.Keys.Any(k => k.StartsWith("rmse[", StringComparison.Ordinal)));
    }

    [Fact]
    public void AFileWithoutTheModelsMetadataIsRefusedClearly()
    {
        var path = Path.Combine(directory, "weights.safetensors");
        ModelFile.Save(path, new Dictionary<string, string> { ["origin"] = "elsewhere" }, [new DynPmnn.Layers.Parameter<float>("w", 2)]);
        var error = Assert.Throws<ModelFormatException>(() => TrainedModel.Load(path));
        Assert.Contains("is a safetensors file but not a DynPmnn model", error.Message);
    }
}
