namespace DynPmnn.Data;

/// <summary>How a column is brought to a common scale before training.</summary>
public enum ScalingKind
{
    /// <summary>Left as it is.</summary>
    None,

    /// <summary>
    /// <c>(x − mean) / (std + 1e-12)</c> with the unbiased (n − 1) standard deviation of the training rows: the paper's
    /// scaler (PyTorch's <c>std</c> with the epsilon added to the deviation, not the variance).
    /// </summary>
    Standard,

    /// <summary><c>(x − min) / (max − min)</c> over the training rows, so training values lie in [0, 1]; a constant column becomes 0.</summary>
    MinMax,
}
