namespace DynPmnn.Trees;

/// <summary>Every configuration of a grid search in grid order, the one selected, and the selected tree refitted.</summary>
/// <typeparam name="TEntry"><see cref="ClassifierGridEntry"/> or <see cref="RegressorGridEntry"/>.</typeparam>
/// <typeparam name="TModel"><see cref="DecisionTreeClassifier"/> or <see cref="DecisionTreeRegressor"/>.</typeparam>
public sealed class DecisionTreeGridResult<TEntry, TModel>
{
    internal DecisionTreeGridResult(IReadOnlyList<TEntry> entries, TEntry best, TModel bestModel, TimeSpan elapsed)
    {
        Entries = entries;
        Best = best;
        BestModel = bestModel;
        Elapsed = elapsed;
    }

    public IReadOnlyList<TEntry> Entries { get; }

    public TEntry Best { get; }

    /// <summary>The selected configuration fitted to the training data (the same tree the search fitted).</summary>
    public TModel BestModel { get; }

    /// <summary>Wall time of the search, for information.</summary>
    public TimeSpan Elapsed { get; }
}
