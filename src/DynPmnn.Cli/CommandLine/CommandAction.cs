using System.CommandLine;
using DynPmnn.Data;
using DynPmnn.Layers;
using DynPmnn.Models;
using DynPmnn.Serialization;
using DynPmnn.Training;

namespace DynPmnn.Cli.CommandLine;

/// <summary>
/// Runs a command's work and turns every failure into one line on standard error and a non-zero exit code: a user's
/// mistake or a bad file is said in words (1); a cancellation is 130; anything unexpected names itself as a bug and,
/// with --verbose, prints its stack trace.
/// </summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = Program.CommandPath(command);
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine($"{name}: cancelled");
                return 130;
            }
            catch (UsageException error)
            {
                Console.Error.WriteLine($"{name}: {error.Message}");
                Console.Error.WriteLine($"`{name} --help` describes the command and its options.");
                return Program.UsageError;
            }
            catch (Exception error) when (IsUsersProblem(error))
            {
                Console.Error.WriteLine($"{name}: error: {Message(error)}");
                if (parse.GetValue(GlobalOptions.Verbose))
                {
                    Console.Error.WriteLine(error);
                }

                return 1;
            }
            catch (Exception error)
            {
                Console.Error.WriteLine($"{name}: internal error: {error.GetType().Name}: {error.Message}");
                Console.Error.WriteLine(parse.GetValue(GlobalOptions.Verbose)
                    ? error.ToString()
                    : "This is a bug in dynpmnn; run again with --verbose for the stack trace and report it.");
                return 70;
            }
        });

    public static void Set(Command command, Func<ParseResult, int> action) => Set(command, (parse, _) => Task.FromResult(action(parse)));

    private static bool IsUsersProblem(Exception error) => error is DataFormatException or ModelFormatException
        or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or OdeDivergenceException
        or TrainingDivergedException or OdeStepLimitException or ArgumentException or FormatException or IOException
        or UnauthorizedAccessException or HttpRequestException or NotSupportedException or DynPmnn.Dynamics.ReferenceSolutionException
        or DynPmnn.Onnx.OnnxExportException;

    /// <summary>The message without .NET's "(Parameter 'x')" and "Actual value was" tails, which say nothing to a user.</summary>
    private static string Message(Exception error)
    {
        var message = error.Message;
        foreach (var tail in new[] { " (Parameter '", "\nActual value was", " Actual value was" })
        {
            var at = message.IndexOf(tail, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }

        return message.Trim();
    }
}

/// <summary>A command line that names things that do not go together or do not exist; reported like a parse error.</summary>
internal sealed class UsageException(string message) : Exception(message);
