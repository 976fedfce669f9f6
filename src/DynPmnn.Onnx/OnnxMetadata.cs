namespace DynPmnn.Onnx;

/// <summary>The keys of the metadata an exported model carries (ONNX <c>metadata_props</c>).</summary>
public static class OnnxMetadata
{
    /// <summary>JSON array: the input's columns, in order (the encoded features, one-hot columns included).</summary>
    public const string FeatureNames = "feature_names";

    /// <summary>JSON array: the regression targets, or the one class-label column.</summary>
    public const string TargetNames = "target_names";

    /// <summary>JSON array, classification only: the class of each label index and probability column.</summary>
    public const string ClassNames = "class_names";

    /// <summary><c>regression</c> or <c>classification</c>.</summary>
    public const string Task = "task";

    /// <summary>The DynPmnn tabular schema (JSON): how raw CSV columns become the input's features.</summary>
    public const string Schema = "dynpmnn.schema";

    /// <summary>The DynPmnn model description (JSON) the network was built from.</summary>
    public const string Model = "dynpmnn.model";

    /// <summary>Where the network came from (JSON): data set, seed, version.</summary>
    public const string Provenance = "dynpmnn.provenance";
}
