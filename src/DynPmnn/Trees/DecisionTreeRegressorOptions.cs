namespace DynPmnn.Trees;

/// <summary>The settings of a <see cref="DecisionTreeRegressor"/>.</summary>
public sealed record DecisionTreeRegressorOptions : DecisionTreeOptions
{
    public RegressionCriterion Criterion { get; init; } = RegressionCriterion.SquaredError;

    private protected override string CriterionName => Criterion switch
    {
        RegressionCriterion.SquaredError => "criterion=squared_error",
        RegressionCriterion.FriedmanMse => "criterion=friedman_mse",
        RegressionCriterion.AbsoluteError => "criterion=absolute_error",
        _ => $"criterion={Criterion}",
    };
}
