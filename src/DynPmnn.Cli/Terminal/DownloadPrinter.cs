using DynPmnn.Data;

namespace DynPmnn.Cli.Terminal;

/// <summary>Download progress on standard error: a live percentage on a terminal, a line every tenth otherwise.</summary>
internal sealed class DownloadPrinter(string what, bool quiet) : IProgress<DownloadProgress>
{
    private static readonly bool Live = !Console.IsErrorRedirected;
    private int lastPercent = -1;

    public void Report(DownloadProgress value)
    {
        if (quiet || value.Fraction is not { } fraction)
        {
            return;
        }

        var percent = (int)(fraction * 100);
        if (percent == lastPercent || (!Live && percent % 10 != 0))
        {
            return;
        }

        lastPercent = percent;
        var text = $"  downloading {what}: {percent}% ({value.BytesReceived / 1024} KiB)";
        if (Live)
        {
            Console.Error.Write($"\r{text}\u001b[K");
            if (percent == 100)
            {
                Console.Error.WriteLine();
            }
        }
        else
        {
            Console.Error.WriteLine(text);
        }
    }
}
