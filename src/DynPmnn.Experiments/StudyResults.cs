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

    /// <summary>The built-in data set's name, for a study of the authors' data sets; null for older files.</summary>
    public string? Dataset { get; set; }

    /// <summary>The number to beat on the data set, and whether this project's models beat it.</summary>
    public StudyTarget? Target { get; set; }

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

    /// <summary>The model's name in the study (dynpmnn, node, cfc, dnn, tree, or a preset of this project); null for older files.</summary>
    public string? Role { get; set; }

    /// <summary>Every test number the paper reports for this model, keyed like a run's testMetrics.</summary>
    public Dictionary<string, double>? PaperTest { get; set; }
}

/// <summary>A study's number to beat and how this project's models fared against it.</summary>
public sealed record StudyTarget
{
    /// <summary>The test metric compared, such as accuracy or batch32_mse.</summary>
    public string Metric { get; set; } = string.Empty;

    public double Value { get; set; }

    public bool LowerIsBetter { get; set; }

    /// <summary>The baseline that reported it, in words.</summary>
    public string Baseline { get; set; } = string.Empty;

    /// <summary>Per model of this project: its median over seeds and whether that meets the target.</summary>
    public List<StudyTargetResult> Results { get; set; } = [];
}

/// <summary>One of this project's models against the target.</summary>
public sealed record StudyTargetResult
{
    public string Preset { get; set; } = string.Empty;

    public double Median { get; set; }

    /// <summary>The same score over all rows, where the target is averaged over batches.</summary>
    public double? RowsMedian { get; set; }

    public bool Met { get; set; }
}
