using DynPmnn.Experiments.Sweeps;
using DynPmnn.Sweeps.TestWorker;

// Called as the dynpmnn program would be: `sweep <command> ...`.
if (args.Length == 0 || args[0] != "sweep")
{
    Console.Error.WriteLine("usage: DynPmnn.Sweeps.TestWorker sweep <command> [options]");
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return SweepCommand.Run(args[1..], FakeTrialRunner.Run, Console.Out, Console.Error, cancellation.Token);
