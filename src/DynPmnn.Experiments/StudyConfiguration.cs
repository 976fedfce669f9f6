namespace DynPmnn.Experiments;

/// <summary>What a study's results depend on: its presets (as JSON), seeds, data and program version. Two runs into one folder must agree on it.</summary>
/// <remarks>Settable properties for the source-generated JSON reader.</remarks>
public sealed record StudyConfiguration
{
    public string Study { get; set; } = string.Empty;

    public string ProgramVersion { get; set; } = string.Empty;

    public string DataSha256 { get; set; } = string.Empty;

    public List<string> Presets { get; set; } = [];

    public List<int> Seeds { get; set; } = [];

    /// <summary>The first member that differs from <paramref name="other"/>, in words, or null when they agree.</summary>
    public string? FirstDifference(StudyConfiguration other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Study != other.Study)
        {
            return $"the study ('{other.Study}' there, '{Study}' here)";
        }

        if (ProgramVersion != other.ProgramVersion)
        {
            return $"the program version ({other.ProgramVersion} there, {ProgramVersion} here)";
        }

        if (DataSha256 != other.DataSha256)
        {
            return "the data (its SHA-256 differs)";
        }

        if (!Seeds.SequenceEqual(other.Seeds))
        {
            return $"the seeds ({string.Join(",", other.Seeds)} there, {string.Join(",", Seeds)} here)";
        }

        if (!Presets.SequenceEqual(other.Presets))
        {
            return Presets.Count != other.Presets.Count ? "the models" : $"model {Presets.Zip(other.Presets).TakeWhile(p => p.First == p.Second).Count() + 1}'s settings";
        }

        return null;
    }
}
