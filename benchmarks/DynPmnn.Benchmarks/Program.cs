using System.Diagnostics;
using BenchmarkDotNet.Running;
using DynPmnn.Benchmarks;

// `dotnet run -c Release --project benchmarks/DynPmnn.Benchmarks -- --quick` prints a short Stopwatch estimate
// (median of repeated runs); anything else is handed to BenchmarkDotNet (for example `--filter *NeuronStep*`).
if (args.Contains("--quick"))
{
    QuickReport.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(NeuronStepBenchmarks).Assembly).Run(args);

internal static class QuickReport
{
    public static void Run()
    {
        foreach (var neurons in new[] { 4_096, 65_536 })
        {
            var bench = new NeuronStepBenchmarks { Neurons = neurons };
            bench.Setup();
            Report($"forward,          N={neurons,6}", neurons, bench.Forward);
            Report($"forward+backward, N={neurons,6}", neurons, bench.ForwardBackward);
            Report($"fwd+bwd via tape, N={neurons,6}", neurons, bench.ForwardBackwardFromTape);
        }
    }

    private static void Report(string name, int neurons, Action action)
    {
        for (var i = 0; i < 50; i++)
        {
            action();
        }

        var samples = new List<double>();
        var repeats = Math.Max(1, 2_000_000 / neurons);
        for (var s = 0; s < 21; s++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < repeats; i++)
            {
                action();
            }

            samples.Add(watch.Elapsed.TotalSeconds / repeats);
        }

        samples.Sort();
        var median = samples[samples.Count / 2];
        var rate = neurons * (double)NeuronStepBenchmarks.Steps / median;
        Console.WriteLine($"{name}: median {median * 1e6,9:F2} µs per call, {rate / 1e9,6:F2}e9 neuron-steps/s");
    }
}
