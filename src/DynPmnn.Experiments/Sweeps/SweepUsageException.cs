namespace DynPmnn.Experiments.Sweeps;

/// <summary>A sweep command line that cannot be understood (exit code 2, with the usage).</summary>
public sealed class SweepUsageException(string message) : Exception(message);
