using DynPmnn.Layers;
using DynPmnn.Models;
using DynPmnn.Training;

namespace DynPmnn.Tests.Models;

public class BaselineTests
{
    [Fact]
    public void DnnHasThePapersParameterCount()
    {
        var model = Baselines.Dnn<float>(new Random(1));
        Assert.Equal(168_961, Baselines.ParameterCount(model));
        Assert.Equal(8, model.InputSize);
        Assert.Equal(1, model.OutputSize);
    }

    /// <remarks>
    /// ncps' CfC(8, 64): backbone Linear(8 + 64 → 128) = 72·128 + 128 = 9,344; ff1, ff2, time_a, time_b each
    /// Linear(128 → 64) = 8,256, so 33,024; readout Linear(64 → 1) = 65. The paper's "about 42,000".
    /// </remarks>
    [Fact]
    public void CfcHasNcpsParameterCount()
    {
        var model = Baselines.Cfc<float>(new Random(1));
        Assert.Equal(9_344 + 33_024 + 65, Baselines.ParameterCount(model));
        Assert.Equal(42_433, Baselines.ParameterCount(model));
    }

    /// <remarks>
    /// Linear(8 → 128) = 1,152; LayerNorm(129) = 258; Linear(129 → 128) = 16,640; two Linear(128 → 128) = 33,024;
    /// Linear(128 → 1) = 129. The paper's "about 51,000".
    /// </remarks>
    [Fact]
    public void NeuralOdeHasThePapersParameterCount()
    {
        var model = Baselines.NeuralOde<float>(new Random(1));
        Assert.Equal(1_152 + 258 + 16_640 + 33_024 + 129, Baselines.ParameterCount(model));
        Assert.Equal(51_203, Baselines.ParameterCount(model));
        var ode = Assert.IsType<NeuralOdeLayer<float>>(model.Layers[1]);
        Assert.Equal(OdeSolverMethod.Dopri5, ode.Solver.Options.Method);
        Assert.Equal(1e-7, ode.Solver.Options.RelativeTolerance);
        Assert.Equal(1e-9, ode.Solver.Options.AbsoluteTolerance);
    }

    [Fact]
    public void NeuralOdeLearnsASmallRegression()
        => AssertLearns(Baselines.NeuralOde<float>(new Random(2), hidden: 16, layers: 2), learningRate: 0.01, epochs: 15);

    [Fact]
    public void NeuralOdeWithRk4LearnsASmallRegression()
        => AssertLearns(Baselines.NeuralOde<float>(new Random(2), hidden: 16, layers: 2, solver: OdeSolverOptions.Rk4(4)), learningRate: 0.01, epochs: 15);

    [Fact]
    public void CfcLearnsASmallRegression()
        => AssertLearns(Baselines.Cfc<float>(new Random(3)), learningRate: 0.005, epochs: 15);

    [Fact]
    public void DnnLearnsASmallRegression()
        => AssertLearns(Baselines.Dnn<float>(new Random(4), 8, 64, 32), learningRate: 0.003, epochs: 15);

    /// <remarks>
    /// Batch 32 keeps every product below <see cref="DynPmnn.Tensors.MatrixMultiply.ParallelThreshold"/>, so everything
    /// runs on the calling thread, whose allocations this counts. The same batch takes the same steps every time, so the solver's
    /// per-evaluation buffers are all in place after the first pass.
    /// </remarks>
    [Theory]
    [InlineData("node-dopri5")]
    [InlineData("node-rk4")]
    [InlineData("cfc")]
    public void AWarmedUpTrainingStepAllocatesNothing(string which)
    {
        var random = new Random(5);
        var model = which switch
        {
            "node-dopri5" => Baselines.NeuralOde<float>(random, hidden: 32, layers: 3),
            "node-rk4" => Baselines.NeuralOde<float>(random, hidden: 32, layers: 3, solver: OdeSolverOptions.Rk4(4)),
            _ => Baselines.Cfc<float>(random),
        };
        var trainer = new Trainer(model, new MeanSquaredError<float>(), new Adam<float>(model.Parameters, 0.0));
        var data = Problem(new Random(6), 32);
        for (var i = 0; i < 3; i++)
        {
            trainer.TrainBatch(data.Features, data.Targets, 32);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        trainer.TrainBatch(data.Features, data.Targets, 32);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void AssertLearns(Sequential<float> model, double learningRate, int epochs)
    {
        var random = new Random(10);
        var training = Problem(random, 384);
        var validation = Problem(random, 128);
        var trainer = new Trainer(model, new MeanSquaredError<float>(), new Adam<float>(model.Parameters, learningRate));
        var before = trainer.Evaluate(validation, 64);
        var result = trainer.Fit(training, validation, new TrainingOptions { BatchSize = 32, MaxEpochs = epochs, Seed = 1 });
        Assert.True(result.BestValidationLoss < 0.3 * before, $"{model.Description}: validation MSE {before:G4} before, {result.BestValidationLoss:G4} after");
    }

    /// <summary>y = sin(x₁) + x₂ x₃ / 2 − x₄ / 2 on standard normal features, eight per row.</summary>
    private static TrainingData Problem(Random random, int rows)
    {
        var features = new float[rows * 8];
        var targets = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var x = features.AsSpan(r * 8, 8);
            for (var i = 0; i < 8; i++)
            {
                x[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
            }

            targets[r] = (float)(Math.Sin(x[0]) + 0.5 * x[1] * x[2] - 0.5 * x[3]);
        }

        return new TrainingData(features, targets, 8);
    }
}
