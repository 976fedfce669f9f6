using DynPmnn.Models;
using DynPmnn.Training;

namespace DynPmnn.Experiments;

/// <summary>
/// A study's <c>results.json</c>: the models compared (with what the paper reported for them) and every run with its
/// history. The schema is documented in docs/results-schema.md.
/// </summary>
/// <remarks>Settable properties for the source-generated JSON reader.</remarks>
public sealed record StudyResults
{
    /// <summary>What was compared, in words.</summary>
    public string Experiment { get; set; } = string.Empty;

    public List<StudyModel> Models { get; set; } = [];

    public List<RunResult> Runs { get; set; } = [];
}

/// <summary>One model of a study: the preset, its architecture and protocol, and the paper's number for it.</summary>
public sealed record StudyModel
{
    public string Preset { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public ModelSpec Model { get; set; } = new() { Kind = ModelKind.Dnn };

    public TrainingProtocol Protocol { get; set; } = new();

    /// <summary>The paper's test RMSE, when the paper reports this model.</summary>
    public double? PaperTestRmse { get; set; }

    /// <summary>The paper's parameter count, as the paper states it.</summary>
    public string? PaperParameters { get; set; }
}
