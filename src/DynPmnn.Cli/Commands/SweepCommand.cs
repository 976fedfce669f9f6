using System.CommandLine;
using DynPmnn.Data;
using DynPmnn.Experiments.Sweeps;

namespace DynPmnn.Cli.Commands;

/// <summary>
/// <c>dynpmnn sweep plan|run|status|report|slurm|kubernetes ...</c>: resumable, sharded hyperparameter sweeps (see
/// docs/sweep-spec.md). The sweep engine parses its own sub-commands; this command hands it the words after
/// <c>sweep</c> and the runner that trains a trial for real.
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var command = new Command(
            "sweep",
            "Hyperparameter sweeps from a spec file (docs/sweep-spec.md): `sweep plan SPEC`, `sweep run SPEC --out DIR [--shard i/n]`, "
            + "`sweep status DIR`, `sweep report DIR`, `sweep slurm SPEC --shards N --out DIR`, `sweep kubernetes SPEC ...`. "
            + "Trials are stored one file each, so a killed run resumes and many Slurm array tasks can share DIR.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse => Run([.. parse.UnmatchedTokens]));
        return command;
    }

    /// <summary>Runs the sweep engine's command line with the runner that trains trials for real; Ctrl+C stops starting trials.</summary>
    public static int Run(string[] words)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        var runner = new DatasetTrialRunner(new DataLocator());

        // Trials are logged on standard error (results stay on standard output): one live line on a terminal, plain
        // lines in a log; a shard's summary and errors stay on screen.
        using var progress = Console.IsErrorRedirected ? null : new Terminal.LiveLine(Console.Error, line => line.Contains(" failed", StringComparison.Ordinal) || line.Contains("sweep ", StringComparison.Ordinal) || line.Contains("SIGTERM", StringComparison.Ordinal));
        return Experiments.Sweeps.SweepCommand.Run(words, runner.Run, Console.Out, Console.Error, cancellation.Token, (TextWriter?)progress ?? Console.Error);
    }
}
