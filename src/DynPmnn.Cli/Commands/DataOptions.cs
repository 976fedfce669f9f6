using DynPmnn.Data;

namespace DynPmnn.Cli.Commands;

/// <summary>Finds, loads and splits California Housing for any command that trains or evaluates.</summary>
internal static class DataOptions
{
    public const string Usage = "--data PATH     the California Housing file (cal_housing.data, cal_housing.tgz or a CSV); otherwise $" + DataLocator.EnvironmentVariable + ", the user cache, then a download";

    public static async Task<PaperSplit> LoadSplitAsync(string? path, bool quiet, CancellationToken cancellationToken)
    {
        var locator = new DataLocator();
        var lastPercent = -1;
        var progress = new Reporter(p =>
        {
            if (quiet || p.Fraction is not { } fraction)
            {
                return;
            }

            var percent = (int)(fraction * 100);
            if (percent != lastPercent && percent % 10 == 0)
            {
                lastPercent = percent;
                Console.Error.WriteLine($"  downloading California Housing: {percent}% ({p.BytesReceived / 1024} KiB)");
            }
        });
        var file = await locator.LocateCaliforniaHousingAsync(path, progress, cancellationToken);
        var dataset = CaliforniaHousing.Load(file);
        var split = PaperSplit.Create(dataset);
        if (!quiet)
        {
            Console.Error.WriteLine($"data: {file} ({dataset.Rows:N0} rows; train/valid/test {split.Train.Rows:N0} / {split.Validation.Rows:N0} / {split.Test.Rows:N0})");
        }

        return split;
    }

    private sealed class Reporter(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
