using DynPmnn.Models;
using DynPmnn.Training;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// Everything that decides what one trial trains, except its seed: the data set, how it is split, the model and the
/// training protocol. A sweep's <c>base</c> is one; every trial's configuration is the base with the searched values
/// written into it.
/// </summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property, so a member
/// left out of a file would get 0 instead of its default.</remarks>
public sealed record TrialConfig
{
    /// <summary>The data set's name, such as <c>iris</c>; the trial runner resolves it.</summary>
    public required string Dataset { get; set; }

    public SweepSplit Split { get; set; } = SweepSplit.Paper;

    /// <summary>The split's seed: 42 (the authors') by default; 0, 1, … for repeated random splits.</summary>
    public int SplitSeed { get; set; } = 42;

    /// <summary>Standardise a regression's targets for training (predictions and test metrics are in the targets' units).</summary>
    public bool StandardizeTargets { get; set; }

    public required ModelSpec Model { get; set; }

    public TrainingProtocol Protocol { get; set; } = new();

    /// <summary>Checks the model and the protocol the way training will, before any trial runs.</summary>
    /// <exception cref="FormatException">What is wrong, naming the member.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Dataset))
        {
            throw new FormatException("dataset is empty; name a data set such as \"iris\".");
        }

        if (!Enum.IsDefined(Split))
        {
            throw new FormatException($"split is {(int)Split}; use \"paper\" or \"sklearn\".");
        }

        if (SplitSeed < 0)
        {
            throw new FormatException($"splitSeed is {SplitSeed}; use a seed of 0 or more.");
        }

        try
        {
            (Model ?? throw new FormatException("model is null.")).Validate();
        }
        catch (FormatException error)
        {
            throw new FormatException($"model: {error.Message}", error);
        }

        try
        {
            (Protocol ?? throw new ArgumentException("protocol is null.")).Validate();
        }
        catch (ArgumentException error)
        {
            throw new FormatException($"protocol: {error.Message}", error);
        }
    }
}
