using System.Diagnostics;
using DynPmnn.Layers;

namespace DynPmnn.Training;

/// <summary>
/// Mini-batch training of a <see cref="Layer{T}"/> of <see cref="float"/>: shuffle, forward, loss, backward, optimizer
/// step, per-epoch validation, early stopping and restoring the best parameters. The per-batch path allocates nothing
/// once its buffers have grown to the batch size (products large enough to run on several threads aside).
/// </summary>
public sealed class Trainer
{
    private readonly Parameter<float>[] parameters;
    private float[] batchFeatures = [];
    private float[] batchTargets = [];
    private float[] predictions = [];
    private float[] predictionGradient = [];
    private float[] inputGradient = [];
    private int currentEpoch;
    private int currentBatch;
    private double? gradientClipNorm;

    /// <param name="model">The network trained; its parameters are updated in place.</param>
    /// <param name="loss">The loss minimised, and the one reported for validation.</param>
    /// <param name="optimizer">The optimizer, built over <paramref name="model"/>'s parameters.</param>
    public Trainer(Layer<float> model, ILoss<float> loss, Optimizer<float> optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        Model = model;
        Loss = loss;
        Optimizer = optimizer;
        parameters = [.. model.Parameters];
    }

    public Layer<float> Model { get; }

    public ILoss<float> Loss { get; }

    public Optimizer<float> Optimizer { get; }

    /// <summary>
    /// Trains for up to <see cref="TrainingOptions.MaxEpochs"/> epochs and reports each through
    /// <paramref name="progress"/> (called synchronously on this thread). With <paramref name="validation"/>, evaluates
    /// it after every epoch, applies early stopping if configured, and at the end puts back the parameters of the epoch
    /// with the lowest validation loss.
    /// </summary>
    /// <exception cref="TrainingDivergedException">A training or validation loss became NaN or infinite.</exception>
    public TrainingResult Fit(TrainingData training, TrainingData? validation, TrainingOptions options, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxEpochs);
        CheckShape(training, nameof(training));
        if (validation is not null)
        {
            CheckShape(validation, nameof(validation));
        }

        var evaluationBatchSize = options.EvaluationBatchSize ?? options.BatchSize;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(evaluationBatchSize);
        if (options.GradientClipNorm is { } clip && !(clip > 0 && double.IsFinite(clip)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), clip, "The gradient clipping norm must be a positive finite number.");
        }

        var monitorAccuracy = options.Monitor == TrainingMonitor.ValidationAccuracy;
        if (monitorAccuracy && Loss is not IClassifierHead<float>)
        {
            throw new ArgumentException($"Monitoring validation accuracy needs a classifier's loss; {Loss.Name} has no classes.", nameof(options));
        }

        EnsureCapacity(Math.Min(options.BatchSize, training.Rows), training.FeatureCount, training.TargetWidth);

        var random = new Random(options.Seed);
        var order = new int[training.Rows];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keepBest = validation is not null && options.RestoreBestParameters;
        var best = keepBest ? NewSnapshot() : null;
        var earlyStopping = validation is not null && options.EarlyStopping is { } rule ? new EarlyStopping(rule) : null;
        var history = new List<EpochReport>();
        var bestMonitored = double.PositiveInfinity;
        double? bestLoss = null;
        double? bestAccuracy = null;
        var bestEpoch = 0;
        var stoppedEarly = false;
        gradientClipNorm = options.GradientClipNorm;
        try
        {
            for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                currentEpoch = epoch;
                var started = Stopwatch.GetTimestamp();
                if (options.Shuffle)
                {
                    random.Shuffle(order);
                }

                var trainLoss = RunEpoch(training, order, options.BatchSize);
                double? validationLoss = null;
                double? validationAccuracy = null;
                double monitored = 0;
                var isBest = false;
                if (validation is not null)
                {
                    var scores = Score(validation, evaluationBatchSize);
                    var value = options.ValidationAveraging == LossAveraging.Rows ? scores.RowMeanLoss : scores.BatchMeanLoss;
                    if (!double.IsFinite(value))
                    {
                        throw new TrainingDivergedException(epoch, null, value);
                    }

                    validationLoss = value;
                    validationAccuracy = scores.Accuracy;
                    monitored = monitorAccuracy ? -scores.Accuracy!.Value : value;

                    // Strictly better only, so among equal values the first epoch is kept, as the paper's code keeps it.
                    if (monitored < bestMonitored)
                    {
                        isBest = true;
                        bestMonitored = monitored;
                        bestLoss = value;
                        bestAccuracy = scores.Accuracy;
                        bestEpoch = epoch;
                        if (best is not null)
                        {
                            CopyValues(best, toModel: false);
                        }
                    }
                }
                else
                {
                    bestEpoch = epoch;
                }

                var report = new EpochReport(epoch, trainLoss, validationLoss, Stopwatch.GetElapsedTime(started).TotalSeconds, isBest, validationAccuracy);
                history.Add(report);
                progress?.Report(report);
                if (earlyStopping is not null && earlyStopping.ShouldStop(monitored))
                {
                    stoppedEarly = epoch < options.MaxEpochs;
                    break;
                }
            }

            if (best is not null && bestEpoch > 0)
            {
                CopyValues(best, toModel: true);
            }
        }
        finally
        {
            currentEpoch = 0;
            currentBatch = 0;
            gradientClipNorm = null;
        }

        return new TrainingResult(history, bestEpoch, validation is null || bestEpoch == 0 ? null : bestLoss, stoppedEarly, bestAccuracy);
    }

    /// <summary>
    /// One optimisation step on one batch: clears the gradients, runs forward, loss, backward and the optimizer, and
    /// returns the batch's loss (computed before the step).
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss is not finite; the parameters are left untouched.</exception>
    public float TrainBatch(ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int batch)
    {
        var outputSize = Model.OutputSize;
        BufferChecks.Require(features.Length, batch, Model.InputSize, nameof(features));
        BufferChecks.Require(targets.Length, batch, Loss.TargetWidth(outputSize), nameof(targets));
        EnsureCapacity(batch, Model.InputSize, Loss.TargetWidth(outputSize));
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].ZeroGradient();
        }

        var output = predictions.AsSpan(0, batch * outputSize);
        var outputGradient = predictionGradient.AsSpan(0, batch * outputSize);
        Model.Forward(features, output, batch);
        var value = Loss.Forward(output, targets, batch, outputSize);
        if (!float.IsFinite(value))
        {
            throw new TrainingDivergedException(currentEpoch, currentBatch, value);
        }

        Loss.Backward(output, targets, outputGradient, batch, outputSize);
        Model.Backward(features, output, outputGradient, inputGradient.AsSpan(0, batch * Model.InputSize), batch);
        if (gradientClipNorm is { } maximum)
        {
            ClipGradients(maximum);
        }

        Optimizer.Step();
        return value;
    }

    /// <summary>The loss over all of <paramref name="data"/>, evaluated in batches and averaged over rows.</summary>
    public double Evaluate(TrainingData data, int batchSize) => Score(data, batchSize).RowMeanLoss;

    /// <summary>
    /// The loss over all of <paramref name="data"/> averaged over rows and over batches of <paramref name="batchSize"/>
    /// consecutive rows, and for a classifier the accuracy, in one pass.
    /// </summary>
    public ValidationScores Score(TrainingData data, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        CheckShape(data, nameof(data));
        var outputSize = Model.OutputSize;
        var classifier = Loss as IClassifierHead<float>;
        EnsureCapacity(Math.Min(batchSize, data.Rows), data.FeatureCount, data.TargetWidth);
        var rowSum = 0.0;
        var batchSum = 0.0;
        var batches = 0;
        var correct = 0;
        for (var start = 0; start < data.Rows; start += batchSize)
        {
            var rows = Math.Min(batchSize, data.Rows - start);
            var output = predictions.AsSpan(0, rows * outputSize);
            Model.Forward(data.Features.AsSpan(start * data.FeatureCount, rows * data.FeatureCount), output, rows);
            var targets = data.Targets.AsSpan(start * data.TargetWidth, rows * data.TargetWidth);
            var loss = (double)Loss.Forward(output, targets, rows, outputSize);
            rowSum += loss * rows;
            batchSum += loss;
            batches++;
            if (classifier is not null)
            {
                for (var r = 0; r < rows; r++)
                {
                    if (classifier.PredictClass(output.Slice(r * outputSize, outputSize)) == (int)targets[r])
                    {
                        correct++;
                    }
                }
            }
        }

        return new ValidationScores(rowSum / data.Rows, batchSum / batches, classifier is null ? null : (double)correct / data.Rows);
    }

    /// <summary>Runs the model over <paramref name="rows"/> rows of <paramref name="features"/> in batches, writing every prediction.</summary>
    public void Predict(ReadOnlySpan<float> features, Span<float> output, int rows, int batchSize = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var inputSize = Model.InputSize;
        var outputSize = Model.OutputSize;
        BufferChecks.Require(features.Length, rows, inputSize, nameof(features));
        BufferChecks.Require(output.Length, rows, outputSize, nameof(output));
        for (var start = 0; start < rows; start += batchSize)
        {
            var count = Math.Min(batchSize, rows - start);
            Model.Forward(features.Slice(start * inputSize, count * inputSize), output.Slice(start * outputSize, count * outputSize), count);
        }
    }

    private double RunEpoch(TrainingData training, int[] order, int batchSize)
    {
        var featureCount = training.FeatureCount;
        var targetWidth = training.TargetWidth;
        var sum = 0.0;
        var batchIndex = 0;
        for (var start = 0; start < training.Rows; start += batchSize)
        {
            var rows = Math.Min(batchSize, training.Rows - start);
            for (var i = 0; i < rows; i++)
            {
                var row = order[start + i];
                training.Features.AsSpan(row * featureCount, featureCount).CopyTo(batchFeatures.AsSpan(i * featureCount));
                training.Targets.AsSpan(row * targetWidth, targetWidth).CopyTo(batchTargets.AsSpan(i * targetWidth));
            }

            currentBatch = ++batchIndex;
            var value = TrainBatch(batchFeatures.AsSpan(0, rows * featureCount), batchTargets.AsSpan(0, rows * targetWidth), rows);
            sum += (double)value * rows;
        }

        currentBatch = 0;
        return sum / training.Rows;
    }

    /// <summary>PyTorch's <c>clip_grad_norm_</c>: scale every gradient by max / (‖g‖₂ + 1e-6) when that is below 1.</summary>
    private void ClipGradients(double maximum)
    {
        var sumOfSquares = 0.0;
        foreach (var parameter in parameters)
        {
            foreach (var g in parameter.Gradient)
            {
                sumOfSquares += (double)g * g;
            }
        }

        var coefficient = maximum / (Math.Sqrt(sumOfSquares) + 1e-6);
        if (coefficient < 1)
        {
            var scale = (float)coefficient;
            foreach (var parameter in parameters)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(parameter.Gradient, scale, parameter.Gradient);
            }
        }
    }

    private void CheckShape(TrainingData data, string name)
    {
        if (data.FeatureCount != Model.InputSize)
        {
            throw new ArgumentException($"The data set has {data.FeatureCount} features per row but the model takes {Model.InputSize}.", name);
        }

        var targetWidth = Loss.TargetWidth(Model.OutputSize);
        if (data.TargetWidth != targetWidth)
        {
            throw new ArgumentException($"The data set has {data.TargetWidth} targets per row but {Loss.Name} on {Model.OutputSize} outputs needs {targetWidth}.", name);
        }
    }

    private void EnsureCapacity(int batch, int featureCount, int targetWidth)
    {
        BufferChecks.Grow(ref batchFeatures, batch * featureCount);
        BufferChecks.Grow(ref batchTargets, batch * targetWidth);
        BufferChecks.Grow(ref predictions, batch * Model.OutputSize);
        BufferChecks.Grow(ref predictionGradient, batch * Model.OutputSize);
        BufferChecks.Grow(ref inputGradient, batch * Model.InputSize);
    }

    private float[][] NewSnapshot()
    {
        var snapshot = new float[parameters.Length][];
        for (var i = 0; i < snapshot.Length; i++)
        {
            snapshot[i] = (float[])parameters[i].Value.Clone();
        }

        return snapshot;
    }

    private void CopyValues(float[][] snapshot, bool toModel)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (toModel)
            {
                snapshot[i].CopyTo(parameters[i].Value, 0);
            }
            else
            {
                parameters[i].Value.CopyTo(snapshot[i], 0);
            }
        }
    }
}
