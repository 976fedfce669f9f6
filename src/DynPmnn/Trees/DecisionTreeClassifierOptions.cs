namespace DynPmnn.Trees;

/// <summary>The settings of a <see cref="DecisionTreeClassifier"/>.</summary>
public sealed record DecisionTreeClassifierOptions : DecisionTreeOptions
{
    public ClassificationCriterion Criterion { get; init; } = ClassificationCriterion.Gini;

    public ClassWeight ClassWeight { get; init; } = ClassWeight.None;

    private protected override string CriterionName => Criterion switch
    {
        ClassificationCriterion.Gini => "criterion=gini",
        ClassificationCriterion.Entropy => "criterion=entropy",
        _ => $"criterion={Criterion}",
    };

    private protected override string ExtraParameters =>
        ClassWeight == ClassWeight.Balanced ? ", class_weight=balanced" : ", class_weight=None";
}
