using BenchmarkDotNet.Attributes;
using DynPmnn.Layers;
using DynPmnn.Models;
using DynPmnn.Training;

namespace DynPmnn.Benchmarks;

/// <summary>
/// One training step (forward, MSE, backward, Adam) of each baseline at the paper's batch size, on random data with
/// eight features. An epoch of the California-housing protocol is about 14,464 / batch such steps plus a validation
/// pass. <c>dotnet run -c Release --project benchmarks/DynPmnn.Benchmarks -- --filter *TrainingStep*</c>
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private Trainer trainer = null!;
    private float[] features = [];
    private float[] targets = [];

    [Params("cfc", "dnn", "node-rk4")]
    public string Model { get; set; } = "cfc";

    public int Batch => Model switch
    {
        "cfc" => 256,
        "dnn" => 32,
        _ => 128,
    };

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        Layer<float> model = Model switch
        {
            "cfc" => Baselines.Cfc<float>(random),
            "dnn" => Baselines.Dnn<float>(random, 8),
            _ => Baselines.NeuralOde<float>(random, solver: OdeSolverOptions.Rk4(8)),
        };
        trainer = new Trainer(model, new MeanSquaredError<float>(), new Adam<float>(model.Parameters, 1e-4, weightDecay: 0.005));
        features = [.. Enumerable.Range(0, Batch * 8).Select(_ => (float)(random.NextDouble() - 0.5))];
        targets = [.. Enumerable.Range(0, Batch).Select(_ => (float)(random.NextDouble() - 0.5))];
    }

    [Benchmark(Description = "training step")]
    public float Step() => trainer.TrainBatch(features, targets, Batch);
}
