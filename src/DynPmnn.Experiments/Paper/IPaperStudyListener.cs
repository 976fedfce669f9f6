using DynPmnn.Training;

namespace DynPmnn.Experiments.Paper;

/// <summary>What a running study tells its caller: each run as it starts, its epochs, and its result.</summary>
public interface IPaperStudyListener
{
    /// <summary>
    /// Run <paramref name="index"/> of <paramref name="total"/> starts (or is read back when <paramref name="stored"/> is
    /// set); <paramref name="model"/> is the entry's network sized for the data set, null for the tree.
    /// </summary>
    void Starting(PaperStudy study, PaperEntry entry, DynPmnn.Models.ModelSpec? model, int seed, int? splitSeed, int index, int total, RunResult? stored);

    /// <summary>One epoch of the run that started last.</summary>
    void Epoch(EpochReport report);

    /// <summary>The run that started last ended (or was read back when <paramref name="stored"/> is set).</summary>
    void Finished(RunResult result, bool stored);

    /// <summary>A warning about the run that started last, such as a step size outside the integrator's stability region.</summary>
    void Warning(string warning);
}
