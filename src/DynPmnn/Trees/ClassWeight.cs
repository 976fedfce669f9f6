namespace DynPmnn.Trees;

/// <summary>How a classification tree weighs the training samples of each class (scikit-learn's <c>class_weight</c>).</summary>
public enum ClassWeight
{
    /// <summary>Every sample weighs 1 (<c>None</c>).</summary>
    None,

    /// <summary>Each sample of class c weighs <c>n / (classes × count_c)</c>, so every class weighs the same ("balanced").</summary>
    Balanced,
}
