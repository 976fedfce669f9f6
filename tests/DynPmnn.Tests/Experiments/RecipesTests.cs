using System.Text.Json;
using System.Text.Json.Nodes;
using DynPmnn.Data;
using DynPmnn.Experiments;
using DynPmnn.Models;
using DynPmnn.Tests.Data;
using DynPmnn.Training;

namespace DynPmnn.Tests.Experiments;

/// <summary>Every recipe builds on every built-in data set within 1,000 parameters, learns, and is what the search chose.</summary>
public sealed class RecipesTests
{
    private static readonly DataLocator Locator = new()
    {
        DataDirectory = Path.GetDirectoryName(TestData.CalHousingPath),
        ReadEnvironment = _ => null,
        AllowDownload = false,
    };

    private static readonly Dictionary<string, Lazy<Dataset>> Loaded = BuiltInDatasets.All.ToDictionary(
        d => d.Name,
        d => new Lazy<Dataset>(() => Locator.LocateAsync(d).GetAwaiter().GetResult().Load()));

    public static TheoryData<string, string> RecipesOnDatasets()
    {
        var data = new TheoryData<string, string>();
        foreach (var recipe in Recipes.All)
        {
            foreach (var dataset in BuiltInDatasets.All)
            {
                data.Add(recipe.Name, dataset.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RecipesOnDatasets))]
    public void EachRecipeBuildsOnEachDatasetWithAtMostOneThousandParameters(string recipeName, string datasetName)
    {
        var recipe = Recipes.All.Single(r => r.Name == recipeName);
        var data = Loaded[datasetName].Value;
        var spec = ExperimentRunner.ForData(recipe.Model, data.Task, data.Columns);
        var model = ModelFactory.Build<float>(spec, seed: 1);
        var parameters = model.Parameters.Sum(p => p.Length);
        Assert.InRange(parameters, 200, 1000);
        Assert.Equal(data.Columns, model.InputSize);
        Assert.Equal(data.Task.Kind == TaskKind.Regression ? data.Task.TargetWidth : data.Task.ClassCount, model.OutputSize);

        // One batch of real rows goes through with finite outputs (the Hodgkin–Huxley block integrates from rest).
        var rows = Math.Min(16, data.Rows);
        var output = new float[rows * model.OutputSize];
        model.Forward(data.Features.AsSpan(0, rows * data.Columns), output, rows);
        Assert.All(output, value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void TheRecipeForAllDataSetsHasTheParameterCountsTheReadmeGives()
    {
        int Count(string dataset)
        {
            var data = Loaded[dataset].Value;
            return ModelFactory.Build<float>(ExperimentRunner.ForData(Recipes.TabularDynPmnn.Model, data.Task, data.Columns), 1).Parameters.Sum(p => p.Length);
        }

        Assert.Equal(906, Count("breast-cancer"));
        Assert.Equal(554, Count("energy"));
        Assert.Equal(537, Count("california"));
    }

    /// <summary>
    /// A short run does much better than knowing nothing: a classifier's best validation cross-entropy well under that of
    /// the class frequencies (ln 3 for Iris), a regression's best validation MSE on standardised targets well under 1
    /// (the mean's).
    /// </summary>
    [Theory]
    [InlineData("dynpmnn-tabular", "iris", 10, 0.5)]
    [InlineData("dynpmnn-hh", "iris", 40, 0.6)]
    [InlineData("dynpmnn-tabular", "diabetes", 10, 0.75)]
    public void AShortRunLearns(string recipeName, string datasetName, int epochs, double fractionOfKnowingNothing)
    {
        var recipe = Recipes.All.Single(r => r.Name == recipeName);
        var data = Loaded[datasetName].Value;
        var regression = data.Task.Kind == TaskKind.Regression;
        var split = DatasetSplit.Create(data, new SplitOptions { StandardizeTargets = recipe.StandardizeTargets && regression });
        var result = ExperimentRunner.Run(recipe with { Protocol = recipe.Protocol with { MaxEpochs = epochs } }, split, seed: 1).Result;
        Assert.Null(result.Error);
        var knowingNothing = regression ? 1 : Math.Log(data.Task.ClassCount);
        Assert.True(result.BestValidationMse < fractionOfKnowingNothing * knowingNothing, $"best validation loss {result.BestValidationMse} after {result.Epochs} epochs; knowing nothing gives {knowingNothing}");
        if (regression)
        {
            // Scored in the targets' units: Diabetes' target is 150 ± 77, so an RMSE under 77 beats its mean.
            Assert.InRange(result.TestMetrics["rmse"], 40, 77);
        }
    }

    [Fact]
    public void Batch32MseIsTheMeanOfTheTestMsesOfConsecutiveBatchesOf32RowsInTheTargetsUnits()
    {
        var data = Loaded["diabetes"].Value;
        var split = DatasetSplit.Create(data, new SplitOptions { StandardizeTargets = true });
        var recipe = Recipes.TabularDynPmnn with { Protocol = Recipes.Protocol with { MaxEpochs = 3 } };
        var outcome = ExperimentRunner.Run(recipe, split, seed: 2);
        var network = outcome.Model!.Network;
        var test = split.Test;
        var predicted = new float[test.Rows];
        network.Forward(test.Features, predicted, test.Rows);
        var targets = new float[test.Rows];
        split.TargetScaler!.Inverse(predicted, predicted);
        split.TargetScaler.Inverse(test.Targets, targets);
        var batchMses = new List<double>();
        for (var start = 0; start < test.Rows; start += 32)
        {
            var end = Math.Min(start + 32, test.Rows);
            batchMses.Add(Enumerable.Range(start, end - start).Average(r => Math.Pow(predicted[r] - targets[r], 2)));
        }

        Assert.Equal(45, test.Rows);
        Assert.Equal(2, batchMses.Count);
        Assert.Equal(batchMses.Average(), outcome.Result.TestMetrics["batch32_mse"], 1e-3 * batchMses.Average());
        // With 32 + 13 rows the per-batch mean weighs the last 13 rows as much as the first 32: not the rows' MSE.
        Assert.NotEqual(outcome.Result.TestMetrics["mse"], outcome.Result.TestMetrics["batch32_mse"], 1e-6 * batchMses.Average());
    }

    /// <summary>The committed final sweep specs score exactly these recipes: the model and protocol match member for member.</summary>
    [Theory]
    [InlineData("dynpmnn-tabular", "final-iris.json")]
    [InlineData("dynpmnn-tabular", "final-diabetes.json")]
    [InlineData("dynpmnn-tabular", "final-california.json")]
    [InlineData("dynpmnn-hh", "final-hh-breast-cancer.json")]
    public void TheFinalSweepSpecsScoreTheRecipes(string recipeName, string specFile)
    {
        var recipe = Recipes.All.Single(r => r.Name == recipeName);
        var path = Path.Combine(DynPmnn.Tests.Sweeps.SlurmCluster.RepositoryRoot(), "docs", "results", "recipes", "specs", specFile);
        var spec = DynPmnn.Experiments.Sweeps.SweepSpec.Load(path);
        var config = spec.Base;
        Assert.Equal(Normalized(recipe.Protocol), Normalized(config.Protocol));
        var blocks = JsonSerializer.SerializeToNode(recipe.Model.Blocks, Json)!.ToJsonString();
        Assert.Equal(blocks, JsonSerializer.SerializeToNode(config.Model.Blocks, Json)!.ToJsonString());
        Assert.Equal(recipe.StandardizeTargets && config.Dataset is "diabetes" or "energy" or "california", config.StandardizeTargets);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static string Normalized(TrainingProtocol protocol) => JsonSerializer.SerializeToNode(protocol, Json)!.ToJsonString();
}
