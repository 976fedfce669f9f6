namespace DynPmnn.Tests.Sweeps;

/// <summary>The tests that share one <see cref="SlurmCluster"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SlurmCollection : ICollectionFixture<SlurmCluster>
{
    public const string Name = "slurm";
}
