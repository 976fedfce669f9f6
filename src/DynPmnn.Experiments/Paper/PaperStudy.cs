using DynPmnn.Data;

namespace DynPmnn.Experiments.Paper;

/// <summary>
/// The authors' study on one data set: its split, the five models as their code ran them with what the paper reported,
/// this project's models beside them, and the number to beat.
/// </summary>
/// <param name="Dataset">The built-in data set.</param>
/// <param name="Split">The authors' split and scaling for it.</param>
/// <param name="Entries">The rows of its table, the authors' first.</param>
/// <param name="Target">The best baseline, which this project's DynPMNNs are measured against.</param>
public sealed record PaperStudy(BuiltInDataset Dataset, SplitOptions Split, IReadOnlyList<PaperEntry> Entries, PaperTarget Target)
{
    /// <summary>The data set's command-line name, such as <c>breast-cancer</c>.</summary>
    public string Name => Dataset.Name;

    /// <summary>Whether repeated splits apply: the authors' scikit-learn split (California's numpy split keeps its 2,048 test rows).</summary>
    public bool CanRepeatSplits => Split.Method == SplitMethod.Sklearn;
}
