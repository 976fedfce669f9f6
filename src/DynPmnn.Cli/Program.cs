using System.Reflection;
using DynPmnn.Cli.Commands;
using DynPmnn.Cli.Terminal;
using DynPmnn.Data;
using DynPmnn.Experiments;
using DynPmnn.Layers;
using DynPmnn.Serialization;

namespace DynPmnn.Cli;

public static class Program
{
    private const string Usage = """
        usage: dynpmnn <command> [options]

        commands:
          paper       rerun the paper's California Housing comparison and print it beside the paper's numbers
          train       train one model with any settings (and save it)
          evaluate    evaluate a saved model on the paper's test split
          inspect     show a neuron's equations, derivatives, generated code and stability
          presets     list the named models
          neurons     list the neurons that can be named

        `dynpmnn <command> --help` describes a command's options.
        """;

    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "--version")
        {
            Console.WriteLine(typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
            return 0;
        }

        var command = args[0];
        var rest = args.Skip(1).ToArray();
        var usage = command switch
        {
            "paper" => PaperCommand.Usage,
            "train" => TrainCommand.Usage,
            "evaluate" => EvaluateCommand.Usage,
            "inspect" => InspectCommand.Usage,
            "presets" => "usage: dynpmnn presets",
            "neurons" => "usage: dynpmnn neurons",
            _ => null,
        };
        if (usage is null)
        {
            Console.Error.WriteLine($"dynpmnn: unknown command '{command}'");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            Console.WriteLine(usage);
            return 0;
        }

        try
        {
            var arguments = new Arguments(rest);
            return command switch
            {
                "paper" => await PaperCommand.RunAsync(arguments, cancellation.Token),
                "train" => await TrainCommand.RunAsync(arguments, cancellation.Token),
                "evaluate" => await EvaluateCommand.RunAsync(arguments, cancellation.Token),
                "inspect" => InspectCommand.Run(arguments),
                "presets" => ListCommands.Presets(arguments),
                _ => ListCommands.Neurons(arguments),
            };
        }
        catch (UsageException error)
        {
            Console.Error.WriteLine($"dynpmnn {command}: {error.Message}");
            Console.Error.WriteLine(usage);
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("dynpmnn: cancelled");
            return 130;
        }
        catch (Exception error) when (error is DataFormatException or ModelFormatException or FileNotFoundException or InvalidDataException
                                          or OdeDivergenceException or ArgumentException or IOException or UnauthorizedAccessException or FormatException)
        {
            Console.Error.WriteLine($"dynpmnn {command}: error: {error.Message}");
            return 1;
        }
    }
}
