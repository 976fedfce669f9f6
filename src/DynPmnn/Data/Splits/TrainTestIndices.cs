namespace DynPmnn.Data;

/// <summary>
/// Row indices of one train / test split, in scikit-learn's order: the order <c>train_test_split</c> returns the
/// rows in, not sorted.
/// </summary>
/// <param name="Train">Rows of the train side.</param>
/// <param name="Test">Rows of the test side.</param>
public sealed record TrainTestIndices(int[] Train, int[] Test);
