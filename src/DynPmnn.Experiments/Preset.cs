using DynPmnn.Models;
using DynPmnn.Training;

namespace DynPmnn.Experiments;

/// <summary>A named model and how to train it, with what the paper reported for it when it is one of the paper's.</summary>
/// <param name="Name">The name used on the command line, such as <c>paper-dynpmnn</c>.</param>
/// <param name="Title">The row label in result tables.</param>
/// <param name="Model">The architecture.</param>
/// <param name="Protocol">The training settings.</param>
/// <param name="PublishedTestRmse">The paper's test RMSE on California Housing, or null.</param>
/// <param name="PublishedParameters">The paper's trainable parameter count, as the paper states it, or null.</param>
/// <param name="StandardizeTargets">
/// Whether the preset trains a regression on standardised targets (the split's <see cref="DynPmnn.Data.SplitOptions.StandardizeTargets"/>;
/// predictions and test metrics stay in the targets' units). A classification has no targets to standardise and ignores it.
/// </param>
public sealed record Preset(string Name, string Title, ModelSpec Model, TrainingProtocol Protocol, double? PublishedTestRmse = null, string? PublishedParameters = null, bool StandardizeTargets = false);
