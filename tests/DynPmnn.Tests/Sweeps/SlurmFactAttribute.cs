namespace DynPmnn.Tests.Sweeps;

/// <summary>A test that needs a Slurm cluster: skipped, with the reason, where one cannot be started (never with CI=true).</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (SlurmCluster.SkipReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
