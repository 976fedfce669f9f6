using BenchmarkDotNet.Attributes;
using DynPmnn.Tensors;

namespace DynPmnn.Benchmarks;

/// <summary>
/// The three products of a dense layer at the shapes the paper's models use, in single precision. GFLOP/s is
/// 2·m·k·n / mean time. <c>dotnet run -c Release --project benchmarks/DynPmnn.Benchmarks -- --filter *MatrixProduct*</c>
/// </summary>
[MemoryDiagnoser]
public class MatrixProductBenchmarks
{
    private float[] input = [];
    private float[] weight = [];
    private float[] bias = [];
    private float[] output = [];
    private float[] outputGradient = [];
    private float[] weightGradient = [];
    private float[] inputGradient = [];

    /// <summary>Batch × inputs × outputs: DNN 512 → 256 at batch 32, the NODE field's first layer, the CfC backbone.</summary>
    [Params("32x512x256", "128x129x128", "256x72x128")]
    public string Shape { get; set; } = "32x512x256";

    private int M => int.Parse(Shape.Split('x')[0]);

    private int K => int.Parse(Shape.Split('x')[1]);

    private int N => int.Parse(Shape.Split('x')[2]);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        float[] Uniform(int count) => [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5))];
        input = Uniform(M * K);
        weight = Uniform(N * K);
        bias = Uniform(N);
        output = new float[M * N];
        outputGradient = Uniform(M * N);
        weightGradient = new float[N * K];
        inputGradient = new float[M * K];
    }

    [Benchmark(Description = "forward C = A·Wᵀ + b")]
    public void Forward() => MatrixMultiply.MultiplyTransposedB<float>(input, weight, bias, output, M, K, N);

    [Benchmark(Description = "weight gradient dW += dYᵀ·X")]
    public void WeightGradient() => MatrixMultiply.MultiplyAccumulateTransposedA<float>(outputGradient, input, weightGradient, M, N, K);

    [Benchmark(Description = "input gradient dX = dY·W")]
    public void InputGradient() => MatrixMultiply.Multiply<float>(outputGradient, weight, inputGradient, M, N, K);
}
