using System.CommandLine;

namespace DynPmnn.Cli.CommandLine;

/// <summary>Options every command understands.</summary>
internal static class GlobalOptions
{
    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "On an error, also print the stack trace (for a bug report).",
        Recursive = true,
    };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "No progress on standard error." };
}
