namespace DynPmnn.Trees;

/// <summary>How a regression tree measures a node's impurity (scikit-learn's <c>criterion</c>).</summary>
public enum RegressionCriterion
{
    /// <summary>Mean squared error around the node mean ("squared_error").</summary>
    SquaredError,

    /// <summary>Squared error, splits ranked by Friedman's improvement score ("friedman_mse").</summary>
    FriedmanMse,

    /// <summary>Mean absolute error around the node median; leaves predict the median ("absolute_error").</summary>
    AbsoluteError,
}
