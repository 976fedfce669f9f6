namespace DynPmnn.Data;

/// <summary>A built-in data set whose files were all found and verified.</summary>
/// <param name="Dataset">The data set.</param>
/// <param name="Files">One verified copy per entry of <see cref="BuiltInDataset.Files"/>, in that order.</param>
public sealed record LocatedDataset(BuiltInDataset Dataset, IReadOnlyList<LocatedFile> Files)
{
    /// <summary>Reads the data from the located files.</summary>
    public Dataset Load() => Dataset.Load(Files.Select(f => f.Path).ToArray());

    /// <summary>For example <c>iris: /home/u/.cache/dynpmnn/iris.csv (cache)</c>.</summary>
    public override string ToString() => $"{Dataset.Name}: {string.Join(", ", Files)}";
}
