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
            PaperCommand.Create(),
            InspectCommand.Create(),
            ListCommands.Presets(),
            ListCommands.Neurons(),
        };
        root.Options.Add(GlobalOptions.Verbose);

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
                Console.Error.WriteLine($"{CommandPath(command)}: {error.Message}");
            }

            Console.Error.WriteLine($"`{CommandPath(command)} --help` describes the command and its options.");
            return UsageError;
        }

        return await parse.InvokeAsync();
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
