namespace DynPmnn.Trees;

/// <summary>One fitted configuration of the regressor grid and the validation scores it is ranked by.</summary>
/// <param name="Index">The configuration's position in grid order.</param>
/// <param name="Options">The configuration.</param>
/// <param name="NodeCount">Nodes of the fitted (and pruned) tree.</param>
/// <param name="Depth">Depth of the fitted tree.</param>
/// <param name="LeafCount">Leaves of the fitted tree.</param>
/// <param name="ValidMeanSquaredError">MSE on the validation rows, averaged over outputs.</param>
/// <param name="ValidMeanAbsoluteError">MAE on the validation rows, averaged over outputs.</param>
public sealed record RegressorGridEntry(
    int Index,
    DecisionTreeRegressorOptions Options,
    int NodeCount,
    int Depth,
    int LeafCount,
    double ValidMeanSquaredError,
    double ValidMeanAbsoluteError)
{
    /// <summary>
    /// The authors' order: lower validation MSE, then lower validation MAE, then a shallower tree, then fewer
    /// leaves. A full tie is not better, so the earlier configuration stays.
    /// </summary>
    public bool IsBetterThan(RegressorGridEntry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ValidMeanSquaredError != other.ValidMeanSquaredError)
        {
            return ValidMeanSquaredError < other.ValidMeanSquaredError;
        }

        if (ValidMeanAbsoluteError != other.ValidMeanAbsoluteError)
        {
            return ValidMeanAbsoluteError < other.ValidMeanAbsoluteError;
        }

        return Depth != other.Depth ? Depth < other.Depth : LeafCount < other.LeafCount;
    }
}
