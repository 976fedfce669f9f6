using DynPmnn.Experiments.Sweeps;
using DynPmnn.Models;

namespace DynPmnn.Tests.Sweeps;

/// <summary>
/// Every spec of the authors' grids in samples/sweeps/paper reads, expands, and gives the authors' number of runs in
/// their loop order; the configuration each published result names is one of its trials, built the way their script
/// builds it.
/// </summary>
public sealed class PaperSweepSpecTests
{
    private static readonly string[] TimeAxes = ["$tStep", "$tEnd", "protocol.batchSize", "protocol.learningRate"];
    private static readonly string[] NodeHiddenFirst = ["model.hidden", "model.fieldLayers", "protocol.batchSize", "protocol.learningRate"];
    private static readonly string[] NodeLayersFirst = ["model.fieldLayers", "model.hidden", "protocol.batchSize", "protocol.learningRate"];
    private static readonly string[] CfcAxes = ["model.units", "protocol.batchSize", "protocol.learningRate"];
    private static readonly string[] DnnAxes = ["model.hiddenSizes", "protocol.batchSize", "protocol.learningRate"];

    public static TheoryData<string, int, int, string[], string> Grids => new()
    {
        // file, trials, seeds, searched parameters in the authors' loop order, selection rule
        { "banknote-pmnn", 1908, 1, TimeAxes, "classification" },
        { "breast-cancer-pmnn", 1908, 1, TimeAxes, "classification" },
        { "iris-pmnn", 1908, 1, TimeAxes, "classification" },
        { "diabetes-pmnn", 2304, 1, TimeAxes, "regression" },
        { "energy-pmnn", 1872, 1, TimeAxes, "regression" },
        { "california-pmnn", 1872, 52, ["protocol.batchSize", "protocol.learningRate"], "spec" },
        { "banknote-node", 128, 1, NodeHiddenFirst, "classification" },
        { "breast-cancer-node", 128, 1, NodeHiddenFirst, "classification" },
        { "iris-node", 128, 1, NodeHiddenFirst, "classification" },
        { "diabetes-node", 128, 1, NodeLayersFirst, "regression" },
        { "energy-node", 128, 1, NodeLayersFirst, "regression" },
        { "california-node", 128, 1, NodeLayersFirst, "spec" },
        { "banknote-cfc", 108, 1, CfcAxes, "classification" },
        { "breast-cancer-cfc", 108, 1, CfcAxes, "classification" },
        { "iris-cfc", 108, 1, CfcAxes, "classification" },
        { "diabetes-cfc", 108, 1, CfcAxes, "regression" },
        { "energy-cfc", 108, 1, CfcAxes, "regression" },
        { "california-cfc", 108, 1, CfcAxes, "spec" },
        { "banknote-dnn", 72, 1, DnnAxes, "classification" },
        { "breast-cancer-dnn", 72, 1, DnnAxes, "classification" },
        { "iris-dnn", 72, 1, DnnAxes, "classification" },
        { "diabetes-dnn", 72, 1, DnnAxes, "regression" },
        { "energy-dnn", 72, 1, DnnAxes, "regression" },
        { "california-dnn", 72, 1, DnnAxes, "regression" },
    };

    private static string Folder => Path.Combine(SlurmCluster.RepositoryRoot(), "samples", "sweeps", "paper");

    /// <summary>Each spec expanded once for all the tests (a PMNN grid is some 2,000 configurations read back strictly).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<SweepPlan>> Plans = new(StringComparer.Ordinal);

    private static SweepPlan Plan(string name) =>
        Plans.GetOrAdd(name, n => new Lazy<SweepPlan>(() => SweepPlan.Expand(SweepSpec.Load(Path.Combine(Folder, n + ".json")), SweepSpecs.Version))).Value;

    [Theory]
    [MemberData(nameof(Grids))]
    public void EachGridHasTheAuthorsRunsInTheirOrder(string name, int trials, int seeds, string[] searched, string rule)
    {
        var plan = Plan(name);
        Assert.Equal("paper-" + name, plan.Spec.Name);
        Assert.Equal(trials, plan.Trials.Count);
        Assert.Equal(seeds, plan.Summary.Seeds);
        Assert.Equal(0, plan.Summary.Duplicates);
        Assert.Equal(searched, plan.Summary.SearchedParameters);
        Assert.Equal(rule, SelectionRule.Of(plan.Spec).Name);
        Assert.Equal(name.Split('-')[0] == "breast" ? "breast-cancer" : name.Split('-')[0], plan.Spec.Base.Dataset);
        Assert.NotEmpty(plan.Spec.Deviations);
        Assert.All(plan.Trials, t => Assert.Equal(100, t.Config.Protocol.MaxEpochs));
    }

    [Fact]
    public void EverySpecInTheFolderIsChecked()
    {
        var listed = Grids.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(listed, files);
    }

    [Theory]
    // The published configurations (t_step, t_end, batch, lr) and the Euler steps and step size their scripts ran.
    [InlineData("banknote-pmnn", 500, 500, 128, 5e-3, 1, 500.0)]
    [InlineData("breast-cancer-pmnn", 500, 500, 128, 0.05, 1, 500.0)]
    [InlineData("iris-pmnn", 5, 500, 32, 0.01, 100, 5.0)]
    [InlineData("banknote-pmnn", 20, 50, 32, 1e-3, 3, 50.0 / 3)]
    [InlineData("diabetes-pmnn", 2, 100, 32, 0.1, 2, 50.0)]
    [InlineData("energy-pmnn", 50, 50, 256, 5e-3, 1, 50.0)]
    [InlineData("energy-pmnn", 20, 500, 64, 1e-4, 25, 20.0)]
    public void ThePublishedPmnnConfigurationsAreTrialsBuiltAsTheAuthorsBuiltThem(string name, int tStep, int tEnd, int batch, double lr, int steps, double dt)
    {
        var trial = Assert.Single(Plan(name).Trials, t =>
            t.SearchedValues()["$tStep"]!.GetValue<int>() == tStep && t.SearchedValues()["$tEnd"]!.GetValue<int>() == tEnd
            && t.Config.Protocol.BatchSize == batch && t.Config.Protocol.LearningRate == lr);
        var block = Assert.Single(trial.Config.Model.Blocks);
        Assert.Equal(steps, block.Steps);
        Assert.Equal(dt, block.Dt);
        Assert.Equal(1, block.Units);
        Assert.Equal(DynPmnn.Neurons.Integrator.Euler, block.Integrator);
    }

    [Fact]
    public void EachDataSetsPmnnIsTheAuthorsVariant()
    {
        foreach (var name in new[] { "banknote", "breast-cancer", "iris" })
        {
            var config = Plan(name + "-pmnn").Trials[0].Config;
            Assert.Equal(("silu-tanh", 20.0, 1.0), (config.Model.Blocks[0].Activation, config.Model.Blocks[0].StateClamp, config.Protocol.GradientClipNorm));
        }

        var diabetes = Plan("diabetes-pmnn").Trials[0].Config;
        Assert.Equal(("silu", 20.0, (double?)null), (diabetes.Model.Blocks[0].Activation, diabetes.Model.Blocks[0].StateClamp, diabetes.Protocol.GradientClipNorm));
        foreach (var name in new[] { "energy", "california" })
        {
            var config = Plan(name + "-pmnn").Trials[0].Config;
            Assert.Equal(("silu", (double?)null, (double?)null), (config.Model.Blocks[0].Activation, config.Model.Blocks[0].StateClamp, config.Protocol.GradientClipNorm));
        }

        // California's grid never reached the model: every trial is dt 5 for 2 steps.
        Assert.All(Plan("california-pmnn").Trials, t => Assert.Equal((5.0, 2), (t.Config.Model.Blocks[0].Dt, t.Config.Model.Blocks[0].Steps)));
    }

    [Theory]
    [InlineData("banknote-node", "tanh", 1e-3, 1e-4, 0.0)]
    [InlineData("breast-cancer-node", "tanh", 1e-3, 1e-4, 0.0)]
    [InlineData("iris-node", "tanh", 1e-3, 1e-4, 0.0)]
    [InlineData("diabetes-node", "tanh", 1e-3, 1e-4, 0.0)]
    [InlineData("energy-node", "none", 1e-7, 1e-9, 0.0)]
    [InlineData("california-node", "none", 1e-7, 1e-9, 0.05)]
    public void EachNeuralOdeIsTheAuthorsFormWithTheMinDeltaTheyRan(string name, string inputActivation, double rtol, double atol, double minDelta)
    {
        Assert.All(Plan(name).Trials, t =>
        {
            Assert.Equal(ModelKind.NeuralOde, t.Config.Model.Kind);
            Assert.Equal((inputActivation, "dopri5", rtol, atol), (t.Config.Model.InputActivation, t.Config.Model.Solver, t.Config.Model.RelativeTolerance, t.Config.Model.AbsoluteTolerance));
            Assert.Equal(minDelta, t.Config.Protocol.EarlyStopping!.MinDelta);
        });
    }
}
