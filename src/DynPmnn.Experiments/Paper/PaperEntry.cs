using DynPmnn.Training;

namespace DynPmnn.Experiments.Paper;

/// <summary>
/// One row of a data set's study: a network (<see cref="Preset"/>) or the decision-tree grid (no preset), with what the
/// paper reported for it. <see cref="Reported"/> is keyed like <see cref="RunResult.TestMetrics"/> (accuracy,
/// cross_entropy, f1, …; regression: mse, rmse, mae, r2 over all rows, or batch_mse, batch_rmse where the script
/// averaged over batches, as <see cref="Averaging"/> says).
/// </summary>
/// <param name="Role">The model's name in the study: one of <see cref="PaperRole"/>, or a preset's name for this project's models.</param>
/// <param name="Title">The row label.</param>
/// <param name="Preset">The network and its protocol; null for the tree.</param>
/// <param name="Reported">The paper's test numbers for this model, empty for this project's models.</param>
/// <param name="ReportedParameters">The paper's parameter count (from the authors' state dicts), or null.</param>
/// <param name="Averaging">How the paper's regression numbers for this model were averaged: over rows, or over batches of its batch size.</param>
/// <param name="ByDefault">Whether <c>paper</c> runs it without <c>--models</c> (California's tree grid takes long and runs when asked for).</param>
public sealed record PaperEntry(
    string Role,
    string Title,
    Preset? Preset,
    IReadOnlyDictionary<string, double> Reported,
    string? ReportedParameters = null,
    LossAveraging Averaging = LossAveraging.Rows,
    bool ByDefault = true)
{
    /// <summary>Whether this row is the authors' (its numbers are compared with the paper's) rather than this project's.</summary>
    public bool IsAuthors => PaperRole.Authors.Contains(Role);

    /// <summary>The key of a regression score averaged as the paper averaged it for this model: <c>mse</c> or <c>batch_mse</c>.</summary>
    public string AsPaper(string rowsKey) => Averaging == LossAveraging.Batches && rowsKey is "mse" or "rmse" ? "batch_" + rowsKey : rowsKey;
}
