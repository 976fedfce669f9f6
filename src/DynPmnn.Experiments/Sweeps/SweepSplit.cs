using System.Text.Json.Serialization;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>How a trial's data set is divided into training, validation and test rows.</summary>
public enum SweepSplit
{
    /// <summary>The authors' three-way split, as their scripts make it.</summary>
    [JsonStringEnumMemberName("paper")]
    Paper,

    /// <summary>scikit-learn's train_test_split applied twice.</summary>
    [JsonStringEnumMemberName("sklearn")]
    Sklearn,
}
