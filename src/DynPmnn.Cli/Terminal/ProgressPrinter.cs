using System.Globalization;
using DynPmnn.Training;

namespace DynPmnn.Cli.Terminal;

/// <summary>Prints one line per epoch to standard error, so standard output keeps only the results.</summary>
internal sealed class ProgressPrinter(string label, int maxEpochs, bool quiet) : IProgress<EpochReport>
{
    public void Report(EpochReport value)
    {
        if (quiet)
        {
            return;
        }

        var validation = value.ValidationLoss is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {label}  epoch {value.Epoch,3}/{maxEpochs}  train MSE {value.TrainLoss,8:F4}  valid MSE {validation,8}  {value.Seconds,7:F3} s{(value.IsBest ? "  *" : string.Empty)}"));
    }
}
