using DynPmnn.Experiments.Paper;
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
    public void TheStudyReadsBackFromResultsJsonAsItWasWritten()
    {
        foreach (var dataset in PaperStudies.All.Select(s => s.Name))
        {
            var report = PaperReport.Read(File.ReadAllText(CommittedResults(dataset)));
            var table = report.Table().ToText();
            Assert.Contains(PaperStudies.Find(dataset).Entries[0].Title, table);
            Assert.Contains(PaperStudies.Find(dataset).Entries[0].Reported.Values.First().ToString(dataset == "diabetes" ? "F1" : "F4", System.Globalization.CultureInfo.InvariantCulture), table);
        }
    }

    [Fact]
    public void DocsFiguresDrawFromTheCommittedResults()
    {
        var report = PaperReport.Read(File.ReadAllText(CommittedResults("california")));
        report.WriteFigures(scratch);
        var curves = Path.Combine(scratch, "curves.png");
        var comparison = Path.Combine(scratch, "comparison.png");
        Assert.Equal((900, 600), FigureFiles.PngSize(File.ReadAllBytes(curves)));
        Assert.Equal((800, 500), FigureFiles.PngSize(File.ReadAllBytes(comparison)));
        var legend = FigureFiles.SvgTexts(File.ReadAllText(Path.Combine(scratch, "curves.svg")));
        Assert.Contains("validation MSE (log scale)", legend);
        Assert.Contains("DynPMNN (paper)", legend);

        var heatmap = Path.Combine(scratch, "heatmap.png");
        using (var figure = SyntheticSweep())
        {
            figure.SavePng(heatmap);
        }

        Assert.Equal((800, 600), FigureFiles.PngSize(File.ReadAllBytes(heatmap)));

        if (Environment.GetEnvironmentVariable("DYNPMNN_UPDATE_DOCS_FIGURES") == "1")
        {
            var docs = Path.Combine(RepositoryRoot(), "docs");
            Directory.CreateDirectory(Path.Combine(docs, "figures"));
            File.Copy(comparison, Path.Combine(docs, "figures", "comparison-california.png"), overwrite: true);
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

    private static string CommittedResults(string dataset) => Path.Combine(RepositoryRoot(), "docs", "results", "paper", dataset, "results.json");

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
