namespace DynPmnn.Data;

/// <summary>What to do with a feature column that holds text rather than numbers.</summary>
public enum CategoricalFeatures
{
    /// <summary>One-hot encode it: one 0/1 feature <c>column=category</c> per distinct value, categories in code-point order.</summary>
    OneHot,

    /// <summary>Refuse the file, naming the column and the first non-numeric cell.</summary>
    Reject,
}
