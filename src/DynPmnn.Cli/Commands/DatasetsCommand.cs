using System.CommandLine;
using System.Globalization;
using DynPmnn.Cli.CommandLine;
using DynPmnn.Cli.Terminal;
using DynPmnn.Data;
using DynPmnn.Experiments.Reporting;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn datasets</c>: the built-in data sets and where each was found; <c>datasets fetch --to DIR</c> gathers their files.</summary>
internal static class DatasetsCommand
{
    public static Command Create()
    {
        var dataDirectory = new Option<string?>("--data-dir") { Description = "Also look in this folder (as --data-dir does for training)." };
        var list = new Command("datasets", "List the built-in data sets: task, rows, features, licence, and where each file was found (nothing is downloaded).")
        {
            dataDirectory,
        };
        CommandAction.Set(list, parse =>
        {
            var locator = new DataLocator { DataDirectory = parse.GetValue(dataDirectory) };
            var table = new ResultTable("name", "task", "rows", "features", "classes", "licence", "found");
            foreach (var dataset in BuiltInDatasets.All)
            {
                var availability = locator.Survey(dataset);
                var found = availability.IsAvailable
                    ? string.Join("; ", availability.Files.Select(f => f.Located!.ToString()))
                    : "not here: " + string.Join("; ", availability.Files.Where(f => !f.IsAvailable).Select(f => f.Problem ?? $"{f.File.FileName} will be downloaded on first use"));
                table.AddRow(
                    dataset.Name,
                    dataset.Task.Kind == TaskKind.Regression ? $"regression ({dataset.Task.TargetWidth})" : "classification",
                    dataset.RowCount.ToString("N0", CultureInfo.InvariantCulture),
                    dataset.FeatureNames.Count,
                    dataset.Task.Kind == TaskKind.Classification ? string.Join("/", dataset.Task.ClassNames) : "-",
                    dataset.License,
                    found);
            }

            Console.Write(table.ToText());
            return 0;
        });

        var to = new Option<string>("--to") { Description = "The folder to fill (created if missing).", Required = true };
        var quiet = GlobalOptions.Quiet();
        var fetch = new Command("fetch", "Copy (from the cache or a named folder) or download every built-in data file into a folder, each checked by its SHA-256, for machines without internet such as cluster nodes.")
        {
            to,
            dataDirectory,
            quiet,
        };
        CommandAction.Set(fetch, async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(to)!;
            OutputPaths.CheckWritableDirectory(folder, "--to");
            var locator = new DataLocator { DataDirectory = parse.GetValue(dataDirectory) };
            var fetched = await locator.FetchAllAsync(folder, new DownloadPrinter("data", parse.GetValue(quiet)), cancellationToken);
            foreach (var file in fetched)
            {
                Console.WriteLine(file);
            }

            Console.WriteLine($"{fetched.Count} files in {Path.GetFullPath(folder)}; use it with --data-dir {folder} or {DataLocator.DataDirectoryVariable}={folder}.");
            return 0;
        });
        list.Subcommands.Add(fetch);
        return list;
    }
}
