namespace DynPmnn.Data;

/// <summary>How rows are assigned to training, validation and test.</summary>
public enum SplitMethod
{
    /// <summary>
    /// scikit-learn's <c>train_test_split</c> twice, test first, as the authors' code splits its five small data sets:
    /// stratified on the class for classification, 70 / 20 / 10, <c>random_state</c> = the seed (42 in the paper).
    /// </summary>
    Sklearn,

    /// <summary>
    /// The paper's California Housing split: <c>numpy.random.RandomState(seed).rand(n)</c> per row, train ≤ 0.7,
    /// validation ≤ 0.9, test above, each part then cut to a multiple of 64 rows (the scaler sees every training row).
    /// </summary>
    Paper,
}
