using System.CommandLine;
using DynPmnn.Cli.Terminal;
using DynPmnn.Data;

namespace DynPmnn.Cli.CommandLine;

/// <summary>
/// The options that name the data a command works on: a built-in data set (<c>--dataset iris</c>, found or downloaded
/// and checked), or a user's delimited file with its target columns (<c>--data my.csv --target price</c>).
/// </summary>
internal sealed class DataSelection
{
    public Option<string?> Dataset { get; } = new("--dataset")
    {
        Description = "A built-in data set: " + string.Join(", ", BuiltInDatasets.All.Select(d => d.Name)) + " (see `dynpmnn datasets`).",
    };

    public Option<string?> Data { get; } = new("--data")
    {
        Description = "A CSV/TSV file with a header row (with --target); with --dataset, that data set's own file instead of the searched one.",
    };

    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = $"A folder holding built-in data files (as `dynpmnn datasets fetch --to DIR` writes it); also ${DataLocator.DataDirectoryVariable}.",
    };

    public Option<string?> Target { get; } = ListOption.Strings("--target", "The target column(s) of --data: one to classify or predict, several for a multi-output regression.");

    public Option<string?> Features { get; } = ListOption.Strings("--features", "The feature columns of --data (default: every other column).");

    public Option<string?> Drop { get; } = ListOption.Strings("--drop", "Columns of --data to leave out, such as an id.");

    public Option<TaskKind?> Task { get; } = new Option<TaskKind?>("--task")
    {
        Description = "Regression or Classification for --data (default: inferred from the target column and printed).",
    }.NamesOnly();

    public Option<string?> Delimiter { get; } = new("--delimiter")
    {
        Description = "The delimiter of --data: ',', ';', 'tab' or '|' (default: sniffed from the header).",
    };

    public void AddTo(Command command, bool userFiles = true)
    {
        command.Options.Add(Dataset);
        command.Options.Add(Data);
        command.Options.Add(DataDirectory);
        if (userFiles)
        {
            command.Options.Add(Target);
            command.Options.Add(Features);
            command.Options.Add(Drop);
            command.Options.Add(Task);
            command.Options.Add(Delimiter);
        }
    }

    /// <summary>Whether the command line names a built-in data set, and which.</summary>
    public BuiltInDataset? BuiltIn(ParseResult parse) => parse.GetValue(Dataset) is { } name ? BuiltInDatasets.Find(name) : null;

    /// <summary>Loads the named data, saying on standard error where it came from and, for a user file, what was inferred.</summary>
    /// <exception cref="UsageException">Neither --dataset nor --data, or options that do not go together.</exception>
    public async Task<LoadedData> LoadAsync(ParseResult parse, bool quiet, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(Data);
        if (BuiltIn(parse) is { } builtIn)
        {
            if (parse.List(Target) is not null || parse.List(Features) is not null || parse.List(Drop) is not null || parse.GetValue(Task) is not null)
            {
                throw new UsageException($"--target, --features, --drop and --task describe a file of your own (--data FILE without --dataset); '{builtIn.Name}' has its own.");
            }

            var locator = new DataLocator { DataDirectory = parse.GetValue(DataDirectory) };
            var located = await locator.LocateAsync(builtIn, path, new DownloadPrinter(builtIn.Title, quiet), cancellationToken);
            var dataset = located.Load();
            if (!quiet)
            {
                Console.Error.WriteLine($"data: {builtIn.Name}, {dataset.Rows:N0} rows, {dataset.Columns} features, {Describe(dataset.Task)} ({string.Join(", ", located.Files.Select(f => f.Path))})");
            }

            return new LoadedData(dataset, builtIn, string.Join(",", located.Files.Select(f => f.File.Sha256)));
        }

        if (path is null)
        {
            throw new UsageException("Name the data: --dataset NAME for a built-in data set (see `dynpmnn datasets`), or --data FILE --target COLUMN for your own.");
        }

        if (Directory.Exists(path))
        {
            throw new UsageException($"--data names {path}, which is a directory; give a CSV or TSV file (a folder of built-in data files goes with --data-dir).");
        }

        var options = new DelimitedFileOptions
        {
            Target = parse.List(Target),
            Features = parse.List(Features),
            Drop = parse.List(Drop),
            Task = parse.GetValue(Task),
            Delimiter = ParseDelimiter(parse.GetValue(Delimiter)),
        };
        var read = DelimitedFile.Read(path, options);
        if (!quiet)
        {
            foreach (var line in read.Describe())
            {
                Console.Error.WriteLine($"data: {line}");
            }

            Console.Error.WriteLine($"data: {read.Dataset.Name}, {read.Dataset.Rows:N0} rows, {read.Dataset.Columns} features, {Describe(read.Dataset.Task)}");
        }

        return new LoadedData(read.Dataset, null, DataSha256(path));
    }

    public static string Describe(DatasetTask task) => task.Kind == TaskKind.Regression
        ? $"regression of {string.Join(", ", task.TargetNames)}"
        : $"classification into {task.ClassCount} classes ({string.Join(", ", task.ClassNames)})";

    public static char? ParseDelimiter(string? text) => text switch
    {
        null => null,
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } single when single is "," or ";" or "|" or " " => single[0],
        _ => throw new UsageException($"--delimiter takes ',', ';', 'tab' or '|', not '{text}'."),
    };

    private static string DataSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }
}

/// <summary>A loaded data set, the built-in entry it came from (if any) and the SHA-256 of its file(s).</summary>
internal sealed record LoadedData(Dataset Dataset, BuiltInDataset? BuiltIn, string Sha256);
