using System.CommandLine;
using DynPmnn.Cli.CommandLine;
using DynPmnn.Cli.Commands;

namespace DynPmnn.Cli;

/// <summary>
/// The <c>dynpmnn</c> program: commands and options declared with System.CommandLine, which generates the help, checks
/// the values, reads response files (<c>@args.rsp</c>) and answers shell completion (<c>dotnet-suggest</c>). Results go to
/// standard output, progress and messages to standard error.
/// </summary>
public static class Program
{
    /// <summary>Exit code of a command line that could not be parsed.</summary>
    public const int UsageError = 2;

    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand(
            "Dynamical physics-modeled neural networks: train, compare, inspect and use networks whose hidden layers are ODEs.")
        {
            DatasetsCommand.Create(),
            SplitCommand.Create(),
            TrainCommand.Create(),
            EvaluateCommand.Create(),
            PredictCommand.Create(),
            ExportCommand.Create(),
            PaperCommand.Create(),
            InspectCommand.Create(),
            TraceCommand.Create(),
            ListCommands.Presets(),
            ListCommands.Neurons(),
            SweepCommand.Create(),
        };
        root.Options.Add(GlobalOptions.Verbose);

        // The sweep engine declares its own sub-commands (plan, run, ...): hand it the words after `sweep` whole, so that
        // `dynpmnn sweep run --help` shows its help rather than the outer command's.
        if (args.Length > 0 && args[0] == "sweep")
        {
            return SweepCommand.Run(args[1..]);
        }

        var parse = root.Parse(args);
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: dynpmnn <command> [options]; `dynpmnn --help` lists the commands.");
            return UsageError;
        }

        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            var command = parse.CommandResult.Command;
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"{CommandPath(command)}: {Plain(error.Message)}");
            }

            Console.Error.WriteLine($"`{CommandPath(command)} --help` describes the command and its options.");
            return UsageError;
        }

        return await parse.InvokeAsync();
    }

    /// <summary>A parser message in the user's words: "a whole number" rather than <c>System.Nullable`1[System.Int32]</c>.</summary>
    internal static string Plain(string message)
    {
        message = System.Text.RegularExpressions.Regex.Replace(message, @"as expected type '([^']*)'", match =>
        {
            var type = match.Groups[1].Value;
            return "as " + (type.Contains("Int32", StringComparison.Ordinal) ? "a whole number"
                : type.Contains("Double", StringComparison.Ordinal) ? "a number"
                : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
                : "a value of the kind it takes");
        });
        return message;
    }

    internal static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command c; symbol = c.Parents.FirstOrDefault())
        {
            names.Add(c is RootCommand ? "dynpmnn" : c.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
