using DynPmnn.Layers;
using DynPmnn.Tensors;
using DynPmnn.Training;

namespace DynPmnn.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void LearnsASmoothRegressionProblem()
    {
        var (trainer, training, validation) = Setup(seed: 1);
        var result = trainer.Fit(training, validation, new TrainingOptions { BatchSize = 32, MaxEpochs = 150, Seed = 5 });

        // The target, sin(x1) + x2², has variance ≈ 0.6 on this input range; a 2-16-16-1 tanh network gets far below.
        Assert.True(result.BestValidationLoss < 0.01, $"validation MSE {result.BestValidationLoss}");
        // Restored exactly: the same loss, up to the rounding of each batch's (float) mean, since the batches differ.
        var restored = trainer.Evaluate(validation, 64);
        Assert.Equal(result.BestValidationLoss!.Value, restored, 1e-6 * restored);
    }

    [Fact]
    public void SameSeedGivesBitIdenticalTraining()
    {
        var first = Train(seed: 3);
        var second = Train(seed: 3);
        Assert.Equal(first.Losses, second.Losses);
        Assert.Equal(first.Parameters, second.Parameters);

        var other = Train(seed: 4);
        Assert.NotEqual(first.Parameters, other.Parameters);

        static (double[] Losses, float[] Parameters) Train(int seed)
        {
            var (trainer, training, validation) = Setup(seed: 2);
            var result = trainer.Fit(training, validation, new TrainingOptions { BatchSize = 24, MaxEpochs = 8, Seed = seed });
            return ([.. result.Epochs.SelectMany(e => new[] { e.TrainLoss, e.ValidationLoss!.Value })], [.. trainer.Model.Parameters.SelectMany(p => p.Value)]);
        }
    }

    [Fact]
    public void EveryEpochRunsThePartialLastBatchAndIsReported()
    {
        var (trainer, training, validation) = Setup(seed: 1, trainingRows: 50);
        var reports = new List<EpochReport>();
        var result = trainer.Fit(training, validation, new TrainingOptions { BatchSize = 16, MaxEpochs = 3 }, new Collect(reports));

        // 50 rows in batches of 16: 16, 16, 16 and 2.
        Assert.Equal(3 * 4, trainer.Optimizer.StepCount);
        Assert.Equal([1, 2, 3], reports.Select(r => r.Epoch));
        Assert.Equal(result.Epochs, reports);
        Assert.All(reports, r => Assert.True(r.Seconds >= 0 && double.IsFinite(r.TrainLoss) && r.ValidationLoss is not null));
        Assert.False(result.StoppedEarly);
    }

    [Fact]
    public void RestoresTheParametersOfTheBestValidationEpoch()
    {
        var (trainer, training, validation) = Setup(seed: 1);

        // A learning rate this high makes the validation loss jump around, so the last epoch is rarely the best.
        trainer.Optimizer.LearningRate = 0.2;
        var result = trainer.Fit(training, validation, new TrainingOptions { BatchSize = 32, MaxEpochs = 12, Seed = 1 });
        var best = result.Epochs.Single(e => e.Epoch == result.BestEpoch);
        Assert.Equal(result.Epochs.Min(e => e.ValidationLoss), best.ValidationLoss);
        Assert.Equal(best.ValidationLoss!.Value, trainer.Evaluate(validation, 32));
    }

    [Fact]
    public void EarlyStoppingEndsAPlateau()
    {
        var (trainer, training, validation) = Setup(seed: 1);
        trainer.Optimizer.LearningRate = 0; // nothing changes, so nothing improves after the first epoch
        var result = trainer.Fit(training, validation, new TrainingOptions { MaxEpochs = 100, EarlyStopping = EarlyStoppingOptions.Paper });
        Assert.True(result.StoppedEarly);
        Assert.Equal(11, result.Epochs.Count);
        Assert.Equal(1, result.BestEpoch);
    }

    [Fact]
    public void NonFiniteLossNamesTheEpochAndBatch()
    {
        var (trainer, training, validation) = Setup(seed: 1, trainingRows: 64);
        training.Targets[40] = float.NaN; // row 40 is in the third batch of 16 when not shuffled
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(training, validation, new TrainingOptions { BatchSize = 16, Shuffle = false }));
        Assert.Equal(1, error.Epoch);
        Assert.Equal(3, error.Batch);
        Assert.Contains("epoch 1, batch 3", error.Message);
    }

    [Fact]
    public void ALayerExceptionPropagatesUnchanged()
    {
        var model = new Sequential<float>(new Dense<float>(2, 1, new Random(1)), new Failing());
        var trainer = new Trainer(model, new MeanSquaredError<float>(), new Adam<float>(model.Parameters));
        var data = new TrainingData(new float[8], new float[4], 2);
        var error = Assert.Throws<ArithmeticException>(() => trainer.Fit(data, null, new TrainingOptions { BatchSize = 2 }));
        Assert.Equal("the state left the stable region", error.Message);
    }

    [Fact]
    public void MismatchedDataIsRejected()
    {
        var (trainer, _, _) = Setup(seed: 1);
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(new TrainingData(new float[9], new float[3], 3), null, new TrainingOptions()));
        Assert.Contains("3 features per row but the model takes 2", error.Message);
    }

    [Fact]
    public void AClassifierMonitorsAccuracyAndKeepsTheFirstBestEpoch()
    {
        var random = new Random(7);
        var model = new Sequential<float>(new Dense<float>(2, 8, random), new Tanh<float>(8), new Dense<float>(8, 3, random));
        var trainer = new Trainer(model, new SoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, learningRate: 0.05));
        var (training, validation) = (Blobs(random, 150), Blobs(random, 60));
        var reports = new List<EpochReport>();
        var options = new TrainingOptions
        {
            BatchSize = 16,
            MaxEpochs = 40,
            Seed = 1,
            Monitor = TrainingMonitor.ValidationAccuracy,
            EarlyStopping = EarlyStoppingOptions.Paper,
        };
        var result = trainer.Fit(training, validation, options, new Collect(reports));

        Assert.All(reports, r => Assert.InRange(r.ValidationAccuracy!.Value, 0, 1));
        var top = reports.Max(r => r.ValidationAccuracy!.Value);
        Assert.True(top > 0.9, $"three separated blobs should be learnt, best accuracy {top}");
        // The restored epoch is the first to reach the top accuracy, even when a later one has a lower loss.
        Assert.Equal(reports.First(r => r.ValidationAccuracy == top).Epoch, result.BestEpoch);
        Assert.Equal(top, result.BestValidationAccuracy);
        Assert.Equal(top, trainer.Score(validation, 16).Accuracy);

        // min_delta 0.05 on −accuracy: once accuracy is ≥ 0.95 nothing can reset the counter, so training stops exactly
        // 10 epochs after the last reset.
        Assert.True(result.StoppedEarly);
    }

    [Fact]
    public void AccuracyNeedsAClassifier()
    {
        var (trainer, training, validation) = Setup(seed: 1);
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(training, validation, new TrainingOptions { Monitor = TrainingMonitor.ValidationAccuracy }));
        Assert.Contains("MSE has no classes", error.Message);
    }

    [Fact]
    public void ValidationLossCanBeTheMeanOfBatchLosses()
    {
        var (trainer, _, validation) = Setup(seed: 1);
        // 128 rows in batches of 48: 48, 48 and 32. The batch mean weighs the 32-row batch as much as the others.
        var scores = trainer.Score(validation, 48);
        var batchLosses = new[] { (0, 48), (48, 48), (96, 32) }.Select(b => trainer.Evaluate(Rows(validation, b.Item1, b.Item2), 48)).ToArray();
        Assert.Equal(batchLosses.Average(), scores.BatchMeanLoss, 1e-12);
        Assert.Equal((batchLosses[0] * 48 + batchLosses[1] * 48 + batchLosses[2] * 32) / 128, scores.RowMeanLoss, 1e-12);
        Assert.NotEqual(scores.RowMeanLoss, scores.BatchMeanLoss);
        Assert.Null(scores.Accuracy);

        static TrainingData Rows(TrainingData data, int start, int count)
            => new(data.Features[(start * 2)..((start + count) * 2)], data.Targets[start..(start + count)], 2);
    }

    [Fact]
    public void GradientClippingBoundsEveryStepsNorm()
    {
        // One SGD step with learning rate 1 moves the parameters by exactly the (clipped) gradient.
        var model = new Sequential<float>(new Dense<float>(2, 1, new Random(3)));
        var before = model.Parameters.SelectMany(p => p.Value).ToArray();
        var trainer = new Trainer(model, new MeanSquaredError<float>(), new Sgd<float>(model.Parameters, 1));
        var data = new TrainingData([10f, -20f, 30f, 5f], [1000f, -1000f], 2);
        trainer.Fit(data, null, new TrainingOptions { BatchSize = 2, MaxEpochs = 1, Shuffle = false, GradientClipNorm = 1 });
        var step = model.Parameters.SelectMany(p => p.Value).Zip(before, (a, b) => (double)a - b).ToArray();
        Assert.Equal(1, Math.Sqrt(step.Sum(d => d * d)), 1e-5);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data, null, new TrainingOptions { GradientClipNorm = 0 }));
        Assert.Contains("positive finite", error.Message);
    }

    /// <remarks>
    /// Batch 32 through a 2-16-16-1 network stays far below <see cref="MatrixMultiply.ParallelThreshold"/>, so every
    /// product runs inline: Parallel.For would allocate its closures and work items.
    /// </remarks>
    [Fact]
    public void AWarmedUpTrainingStepAllocatesNothing()
    {
        var (trainer, training, _) = Setup(seed: 1);
        const int batch = 32;
        Assert.True((long)batch * 16 * 16 < MatrixMultiply.ParallelThreshold);
        var features = training.Features.AsSpan(0, batch * 2);
        var targets = training.Targets.AsSpan(0, batch);
        for (var i = 0; i < 5; i++)
        {
            trainer.TrainBatch(features, targets, batch);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        trainer.TrainBatch(features, targets, batch);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    internal static (Trainer Trainer, TrainingData Training, TrainingData Validation) Setup(int seed, int trainingRows = 512)
    {
        var random = new Random(seed);
        var model = new Sequential<float>(
            new Dense<float>(2, 16, random),
            new Tanh<float>(16),
            new Dense<float>(16, 16, random),
            new Tanh<float>(16),
            new Dense<float>(16, 1, random));
        var trainer = new Trainer(model, new MeanSquaredError<float>(), new Adam<float>(model.Parameters, learningRate: 0.01));
        return (trainer, Problem(random, trainingRows), Problem(random, 128));
    }

    /// <summary>y = sin(x1) + x2² on x ∈ U(−1.5, 1.5)².</summary>
    private static TrainingData Problem(Random random, int rows)
    {
        var features = new float[rows * 2];
        var targets = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var x1 = 3 * random.NextDouble() - 1.5;
            var x2 = 3 * random.NextDouble() - 1.5;
            features[2 * r] = (float)x1;
            features[2 * r + 1] = (float)x2;
            targets[r] = (float)(Math.Sin(x1) + x2 * x2);
        }

        return new TrainingData(features, targets, 2);
    }

    /// <summary>Three well separated Gaussian blobs in the plane, labelled 0, 1, 2.</summary>
    private static TrainingData Blobs(Random random, int rows)
    {
        (double X, double Y)[] centres = [(-2, 0), (2, 0), (0, 2.5)];
        var features = new float[rows * 2];
        var targets = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var label = r % 3;
            features[2 * r] = (float)(centres[label].X + 0.5 * (random.NextDouble() - 0.5));
            features[2 * r + 1] = (float)(centres[label].Y + 0.5 * (random.NextDouble() - 0.5));
            targets[r] = label;
        }

        return new TrainingData(features, targets, 2);
    }

    private sealed class Collect(List<EpochReport> reports) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => reports.Add(value);
    }

    private sealed class Failing() : Activation<float>(1)
    {
        protected override string Name => "Failing";

        protected override void Apply(ReadOnlySpan<float> input, Span<float> output) => throw new ArithmeticException("the state left the stable region");

        protected override void Differentiate(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
        {
        }
    }
}
