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

var summaries = BenchmarkSwitcher.FromAssembly(typeof(NeuronStepBenchmarks).Assembly).Run(args);
NeuronStepRates.Print(summaries);

/// <summary>The neuron-step benchmarks' medians as throughput: neurons × steps per call / median time per call.</summary>
internal static class NeuronStepRates
{
    public static void Print(IEnumerable<BenchmarkDotNet.Reports.Summary> summaries)
    {
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            if (report.BenchmarkCase.Descriptor.Type != typeof(NeuronStepBenchmarks) || report.ResultStatistics is not { } statistics)
            {
                continue;
            }

            var neurons = (int)report.BenchmarkCase.Parameters["Neurons"];
            var rate = neurons * (double)NeuronStepBenchmarks.Steps / (statistics.Median * 1e-9);
            Console.WriteLine($"{report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo}, N={neurons}: median {statistics.Median / 1e3:F2} µs, {rate / 1e9:F2} × 10⁹ neuron-steps/s");
        }
    }
}

/// <summary>
/// A Stopwatch estimate in a minute: per size, the three variants run in turns (so a slow spell of a shared machine
/// hits all of them alike), and each reports the median of its rounds.
/// </summary>
internal static class QuickReport
{
    private const int Rounds = 41;

    public static void Run()
    {
        foreach (var neurons in new[] { 4_096, 65_536 })
        {
            var bench = new NeuronStepBenchmarks { Neurons = neurons };
            bench.Setup();
            var variants = new (string Name, Action Action)[]
            {
                ($"forward,          N={neurons,6}", bench.Forward),
                ($"forward+backward, N={neurons,6}", bench.ForwardBackward),
                ($"fwd+bwd via tape, N={neurons,6}", bench.ForwardBackwardFromTape),
            };
            foreach (var (_, action) in variants)
            {
                for (var i = 0; i < 50; i++)
                {
                    action();
                }
            }

            var repeats = Math.Max(1, 500_000 / neurons);
            var samples = variants.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < Rounds; round++)
            {
                for (var v = 0; v < variants.Length; v++)
                {
                    var watch = Stopwatch.StartNew();
                    for (var i = 0; i < repeats; i++)
                    {
                        variants[v].Action();
                    }

                    samples[v].Add(watch.Elapsed.TotalSeconds / repeats);
                }
            }

            for (var v = 0; v < variants.Length; v++)
            {
                samples[v].Sort();
                var median = samples[v][Rounds / 2];
                var rate = neurons * (double)NeuronStepBenchmarks.Steps / median;
                Console.WriteLine($"{variants[v].Name}: median {median * 1e6,9:F2} µs per call, {rate / 1e9,6:F2}e9 neuron-steps/s");
            }
        }
    }
}
