using DynPmnn.Cli.Commands;
using DynPmnn.Experiments.Reporting;
using DynPmnn.Tests.Reporting;

namespace DynPmnn.Tests.Cli;

/// <summary>
/// The README's figures, drawn from the committed results of the 5-seed paper run (and, for the heat map, from made-up
/// numbers, as its file name says). Each run draws them to a scratch folder; with DYNPMNN_UPDATE_DOCS_FIGURES=1 set it
/// also replaces the copies under docs/:
/// <c>DYNPMNN_UPDATE_DOCS_FIGURES=1 dotnet test tests/DynPmnn.Tests -c Release --filter "FullyQualifiedName~PaperFigures"</c>.
/// </summary>
public sealed class PaperFiguresTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("dynpmnn-figures-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void RunsReadBackFromResultsJsonAsTheyWereWritten()
    {
        var runs = ResultFiles.ReadRuns(File.ReadAllText(CommittedResults));
        Assert.Equal(25, runs.Count);
        Assert.Equal(
            ["DynPMNN (paper)", "CfC", "Neural ODE", "DNN 512-256-128", "DynPMNN, 2 FHN blocks (ours)"],
            runs.Select(r => r.Model).Distinct());
        var first = runs[0];
        Assert.Equal(0.6638, first.PaperTestRmse);
        Assert.Equal(0.8084345299542547, first.TestRmse);
        Assert.Equal(45, first.Epochs.Count);
        Assert.Equal(1, first.Epochs[0]);
        Assert.Equal(124.80426806211472, first.ValidationLoss[0]);
        Assert.Null(runs[^1].PaperTestRmse);
        Assert.All(runs, r => Assert.Equal(r.Epochs.Count, r.ValidationLoss.Count));
    }

    [Fact]
    public void DocsFiguresDrawFromTheCommittedResults()
    {
        ResultFiles.WriteFigures(scratch, ResultFiles.ReadRuns(File.ReadAllText(CommittedResults)));
        var curves = Path.Combine(scratch, "curves.png");
        var comparison = Path.Combine(scratch, "comparison.png");
        Assert.Equal((900, 600), FigureFiles.PngSize(File.ReadAllBytes(curves)));
        Assert.Equal((800, 500), FigureFiles.PngSize(File.ReadAllBytes(comparison)));
        var legend = FigureFiles.SvgTexts(File.ReadAllText(Path.Combine(scratch, "curves.svg")));
        Assert.Contains("validation MSE (log scale)", legend);
        Assert.Contains("DynPMNN, 2 FHN blocks (ours)", legend);
        // The table in the README gives these medians of test RMSE.
        var bars = FigureFiles.SvgTexts(File.ReadAllText(Path.Combine(scratch, "comparison.svg")));
        Assert.Contains("1.15", bars);
        Assert.Contains("0.562", bars);
        Assert.Contains("0.52", bars);

        var heatmap = Path.Combine(scratch, "heatmap.png");
        using (var figure = SyntheticSweep())
        {
            figure.SavePng(heatmap);
        }

        Assert.Equal((800, 600), FigureFiles.PngSize(File.ReadAllBytes(heatmap)));

        if (Environment.GetEnvironmentVariable("DYNPMNN_UPDATE_DOCS_FIGURES") == "1")
        {
            var docs = Path.Combine(RepositoryRoot(), "docs");
            File.Copy(curves, Path.Combine(docs, "results", "paper-5seeds", "curves.png"), overwrite: true);
            Directory.CreateDirectory(Path.Combine(docs, "figures"));
            File.Copy(comparison, Path.Combine(docs, "figures", "comparison-paper-5seeds.png"), overwrite: true);
            File.Copy(heatmap, Path.Combine(docs, "figures", "heatmap-synthetic.png"), overwrite: true);
        }
    }

    /// <summary>
    /// A made-up learning rate × batch size sweep shaped like a real one: a valley around lr 1e-3 that moves to larger
    /// rates for larger batches, and the two most aggressive settings diverged. No model was trained for it.
    /// </summary>
    private static Figure SyntheticSweep()
    {
        string[] rates = ["1e-4", "3e-4", "1e-3", "3e-3", "1e-2"];
        string[] batches = ["16", "32", "64", "128"];
        var values = new double?[rates.Length, batches.Length];
        for (var r = 0; r < rates.Length; r++)
        {
            for (var b = 0; b < batches.Length; b++)
            {
                var distance = (Math.Log10(double.Parse(rates[r], System.Globalization.CultureInfo.InvariantCulture)) + 3.2) - (0.25 * b);
                values[r, b] = r == rates.Length - 1 && b < 2 ? null : Math.Round(0.29 + (0.06 * distance * distance) + (0.004 * b), 3);
            }
        }

        return Figures.Heatmap(
            "Synthetic example: a learning rate × batch size sweep",
            "best validation MSE",
            new SweepGrid("learning rate", rates, "batch size", batches, values),
            lowerIsBetter: true);
    }

    private static string CommittedResults => Path.Combine(RepositoryRoot(), "docs", "results", "paper-5seeds", "results.json");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DynPmnn.Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No DynPmnn.Generators.sln above {AppContext.BaseDirectory}.");
    }
}
