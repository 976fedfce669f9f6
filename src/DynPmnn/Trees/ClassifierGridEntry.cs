namespace DynPmnn.Trees;

/// <summary>One fitted configuration of the classifier grid and the validation scores it is ranked by.</summary>
/// <param name="Index">The configuration's position in grid order.</param>
/// <param name="Options">The configuration.</param>
/// <param name="NodeCount">Nodes of the fitted (and pruned) tree.</param>
/// <param name="Depth">Depth of the fitted tree.</param>
/// <param name="LeafCount">Leaves of the fitted tree.</param>
/// <param name="ValidAccuracy">Accuracy on the validation rows.</param>
/// <param name="ValidF1">F1 on the validation rows: of label 1 for two classes, the macro F1 otherwise.</param>
public sealed record ClassifierGridEntry(
    int Index,
    DecisionTreeClassifierOptions Options,
    int NodeCount,
    int Depth,
    int LeafCount,
    double ValidAccuracy,
    double ValidF1)
{
    /// <summary>
    /// The authors' order: higher validation accuracy, then higher validation F1, then a shallower tree, then fewer
    /// leaves. A full tie is not better, so the earlier configuration stays.
    /// </summary>
    public bool IsBetterThan(ClassifierGridEntry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ValidAccuracy != other.ValidAccuracy)
        {
            return ValidAccuracy > other.ValidAccuracy;
        }

        if (ValidF1 != other.ValidF1)
        {
            return ValidF1 > other.ValidF1;
        }

        return Depth != other.Depth ? Depth < other.Depth : LeafCount < other.LeafCount;
    }
}
