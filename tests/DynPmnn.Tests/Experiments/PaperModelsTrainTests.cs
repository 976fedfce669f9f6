using DynPmnn.Data;
using DynPmnn.Experiments;
using DynPmnn.Layers;
using DynPmnn.Models;
using DynPmnn.Tests.Data;
using DynPmnn.Training;

namespace DynPmnn.Tests.Experiments;

/// <summary>Each of the paper's models, built from its preset, learns on the real California Housing data.</summary>
public sealed class PaperModelsTrainTests
{
    private static readonly Lazy<PaperSplit> Split = new(() => PaperSplit.Create(CaliforniaHousing.Load(TestData.CalHousingPath)));

    private static readonly Lazy<DatasetSplit> Paper = new(() => DatasetSplit.Create(CaliforniaHousing.Load(TestData.CalHousingPath), SplitOptions.PaperCalifornia));

    public static TheoryData<string> PaperPresets() => new(Presets.Paper.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PaperPresets))]
    public void ShortRunOnRealDataLowersTheValidationLoss(string name)
    {
        var preset = Presets.Find(name);

        // A slice of the real split keeps the test short; the full protocol is what `dynpmnn paper` runs.
        var train = Split.Value.Train.Slice(0, 2048).ToTrainingData();
        var validation = Split.Value.Validation.Slice(0, 1024).ToTrainingData();
        var model = ModelFactory.Build<float>(preset.Model, seed: 3);
        var trainer = new Trainer(model, new MeanSquaredError<float>(), preset.Protocol.CreateOptimizer(model));
        var before = trainer.Evaluate(validation, preset.Protocol.BatchSize);
        var result = trainer.Fit(train, validation, new TrainingOptions { BatchSize = preset.Protocol.BatchSize, MaxEpochs = 3, Seed = 3 });
        var after = result.BestValidationLoss!.Value;
        Assert.True(after < before, $"{preset.Title}: validation MSE {before} before training, {after} after 3 epochs");
        Assert.True(double.IsFinite(after));
    }

    [Fact]
    public void ParameterCountsMatchThePaper()
    {
        Assert.Equal(25, Count(Presets.PaperDynPmnn));
        Assert.Equal(168_961, Count(Presets.PaperDnn));
        Assert.InRange(Count(Presets.PaperCfc), 41_000, 43_000);
        Assert.InRange(Count(Presets.PaperNeuralOde), 50_000, 52_000);
        Assert.Equal(985, Count(Presets.DeepDynPmnn));

        static int Count(Preset preset) => ModelFactory.Build<float>(preset.Model, 1).Parameters.Sum(p => p.Length);
    }

    [Fact]
    public void NominalStepSizeStopsWithTheDivergenceErrorNotNaN()
    {
        var result = ExperimentRunner.Run(Presets.PaperDynPmnnNominal with { Protocol = Presets.PaperDynPmnnNominal.Protocol with { MaxEpochs = 1 } }, Paper.Value, seed: 1).Result;
        Assert.NotNull(result.Error);
        Assert.Contains("stability region", result.Error);
        Assert.Contains("dt = 20, Euler", result.Error);
    }

    [Fact]
    public void ModelSpecsRoundTripThroughJson()
    {
        foreach (var preset in Presets.All)
        {
            var json = preset.Model.ToJson();
            var back = ModelSpec.FromJson(json);
            Assert.Equal(json, back.ToJson());
            var a = ModelFactory.Build<float>(preset.Model, 7).Parameters.Select(p => p.Value).ToList();
            var b = ModelFactory.Build<float>(back, 7).Parameters.Select(p => p.Value).ToList();
            Assert.Equal(a.Count, b.Count);
            for (var k = 0; k < a.Count; k++)
            {
                Assert.Equal(a[k], b[k]);
            }
        }

        Assert.Throws<FormatException>(() => ModelSpec.FromJson("{\"Kind\": \"Transformer\"}"));
    }

    [Fact]
    public void UnknownNeuronIsAClearError()
    {
        var spec = Presets.PaperDynPmnn.Model with { Blocks = [new OdeBlockSpec { Neuron = "Squid" }] };
        var error = Assert.Throws<ArgumentException>(() => ModelFactory.Build<float>(spec, 1));
        Assert.Contains("Unknown neuron 'Squid'", error.Message);
        Assert.Contains("FitzHughNagumo", error.Message);
    }

    [Fact]
    public void SameSeedSameResult()
    {
        var preset = Presets.PaperDynPmnn with { Protocol = Presets.PaperDynPmnn.Protocol with { MaxEpochs = 2 } };
        var a = ExperimentRunner.Run(preset, Paper.Value, seed: 5).Result;
        var b = ExperimentRunner.Run(preset, Paper.Value, seed: 5).Result;
        Assert.Equal(a.TestRmse, b.TestRmse);
        Assert.Equal(a.History.Select(h => h.TrainLoss), b.History.Select(h => h.TrainLoss));
    }
}
