namespace DynPmnn.Trees;

/// <summary>How a classification tree measures a node's impurity (scikit-learn's <c>criterion</c>).</summary>
public enum ClassificationCriterion
{
    /// <summary>Gini impurity, <c>1 − Σ p²</c> ("gini").</summary>
    Gini,

    /// <summary>Shannon entropy in bits, <c>−Σ p log2 p</c> ("entropy").</summary>
    Entropy,
}
