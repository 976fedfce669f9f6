namespace DynPmnn.Data;

/// <summary>How <see cref="DatasetSplit.Create"/> splits and scales a data set. The defaults are the authors' for their five small data sets.</summary>
public sealed record SplitOptions
{
    public SplitMethod Method { get; init; } = SplitMethod.Sklearn;

    /// <summary>The split's seed: scikit-learn's <c>random_state</c>, or the seed of the paper's <c>RandomState</c>.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The shares of the scikit-learn split (the paper split's are fixed at 70 / 20 / 10).</summary>
    public SplitRatios Ratios { get; init; } = SplitRatios.Paper;

    /// <summary>How features are scaled, fitted on the training rows. The paper's: standardised.</summary>
    public ScalingKind Features { get; init; } = ScalingKind.Standard;

    /// <summary>Whether regression targets are standardised too (predictions are mapped back). The paper leaves them in their units.</summary>
    public bool StandardizeTargets { get; init; }

    /// <summary>The paper split cuts each part to a multiple of this many rows.</summary>
    public int PaperBatchMultiple { get; init; } = PaperSplit.DefaultBatchMultiple;

    /// <summary>The options of the paper's California Housing experiment.</summary>
    public static SplitOptions PaperCalifornia { get; } = new() { Method = SplitMethod.Paper, Seed = (int)PaperSplit.DefaultSeed };
}
