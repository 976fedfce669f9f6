using System.Globalization;
using DynPmnn.Training;

namespace DynPmnn.Cli.Terminal;

/// <summary>
/// Training progress on standard error, so standard output keeps only results: a live bar rewritten in place when
/// standard error is a terminal, and one plain line per epoch otherwise (a log, a pipe, a batch job's output file).
/// </summary>
internal sealed class ProgressPrinter(string label, int maxEpochs, bool quiet, string lossName = "loss") : IProgress<EpochReport>
{
    private static readonly bool Live = !Console.IsErrorRedirected;

    public void Report(EpochReport value)
    {
        if (quiet)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        var validation = value.ValidationLoss is { } v ? v.ToString("F4", c) : "-";
        var accuracy = value.ValidationAccuracy is { } a ? string.Create(c, $"  valid acc {a:F4}") : string.Empty;
        var line = string.Create(c, $"  {label}  epoch {value.Epoch,3}/{maxEpochs}  train {lossName} {value.TrainLoss,8:F4}  valid {lossName} {validation,8}{accuracy}  {value.Seconds,7:F3} s{(value.IsBest ? "  *" : string.Empty)}");
        if (!Live)
        {
            Console.Error.WriteLine(line);
            return;
        }

        const int width = 20;
        var done = (int)Math.Round(width * Math.Min(1.0, (double)value.Epoch / maxEpochs));
        Console.Error.Write($"\r[{new string('#', done)}{new string('.', width - done)}] {line.Trim()}\u001b[K");
    }

    /// <summary>Ends the live line so the next output starts on a line of its own.</summary>
    public void Finish()
    {
        if (!quiet && Live)
        {
            Console.Error.WriteLine();
        }
    }
}
