using System.Text.Json.Serialization;

namespace DynPmnn.Data;

/// <summary>How a raw column becomes features.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureKind>))]
public enum FeatureKind
{
    /// <summary>A number, kept as one feature.</summary>
    Numeric,

    /// <summary>Text from a fixed set of categories, one-hot encoded: one 0/1 feature per category.</summary>
    Categorical,
}
