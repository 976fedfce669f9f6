namespace DynPmnn.Data;

/// <summary>Row indices of a train / validation / test split: each row of the data in exactly one of the three arrays.</summary>
/// <remarks>
/// The order of each array is the order its maker produces: ascending for <see cref="PaperSplit.Assign"/>, and
/// scikit-learn's shuffled order (the order <c>train_test_split</c> returns rows in) for <see cref="SklearnSplit"/>
/// and <see cref="RepeatedSplits"/>, so rows fed in that order meet batches as the reference code's do.
/// </remarks>
/// <param name="Train">Rows to fit on.</param>
/// <param name="Validation">Rows for early stopping and model choice.</param>
/// <param name="Test">Rows held out for the final score.</param>
public sealed record SplitIndices(int[] Train, int[] Validation, int[] Test);
