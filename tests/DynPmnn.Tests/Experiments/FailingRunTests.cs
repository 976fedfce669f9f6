using DynPmnn.Data;
using DynPmnn.Experiments;
using DynPmnn.Models;
using DynPmnn.Tests.Data;

namespace DynPmnn.Tests.Experiments;

/// <summary>A run that cannot finish is recorded with its reason, and the study around it goes on.</summary>
public sealed class FailingRunTests
{
    [Fact]
    public async Task ANeuralOdeThatHitsItsStepLimitIsARecordedFailureNotACrash()
    {
        var split = DatasetSplit.Create(await DatasetSplitTests.Load("iris"));
        // Tolerances no step size can meet: dopri5 shrinks its step until its limit of steps runs out.
        var preset = new Preset(
            "node-impossible",
            "Neural ODE, impossible tolerances",
            new ModelSpec { Kind = ModelKind.NeuralOde, Hidden = 4, FieldLayers = 2, Solver = "dopri5", RelativeTolerance = 1e-300, AbsoluteTolerance = 1e-300 },
            new DynPmnn.Training.TrainingProtocol { MaxEpochs = 2, BatchSize = 32 });
        var outcome = ExperimentRunner.Run(preset, split, seed: 1);
        Assert.NotNull(outcome.Result.Error);
        Assert.Contains("step", outcome.Result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Null(outcome.Model);
        Assert.True(double.IsNaN(outcome.Result.TestRmse));
    }
}
