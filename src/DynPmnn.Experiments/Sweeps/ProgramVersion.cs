using System.Reflection;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>The version of the experiment code that runs trials, as trial ids and results record it.</summary>
public static class ProgramVersion
{
    /// <summary>
    /// The informational version of the DynPmnn.Experiments assembly: the package version and, in a build from a git
    /// checkout, the commit (<c>0.1.0+3f2a…</c>), so results of different code never share an id.
    /// </summary>
    public static string Current { get; } =
        typeof(ProgramVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProgramVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
