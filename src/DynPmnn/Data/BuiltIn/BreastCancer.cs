namespace DynPmnn.Data;

/// <summary>
/// The Breast Cancer Wisconsin (Diagnostic) data as scikit-learn 1.2.1 bundles it (<c>breast_cancer.csv</c>) and
/// <c>load_breast_cancer</c> reads it: 30 measurements of cell nuclei, class 0 malignant, 1 benign.
/// </summary>
public static class BreastCancer
{
    /// <summary>The built-in data set's name.</summary>
    public const string Name = "breast-cancer";

    /// <summary>scikit-learn's file name.</summary>
    public const string FileName = "breast_cancer.csv";

    /// <summary>SHA-256 of scikit-learn 1.2.1's <c>breast_cancer.csv</c>.</summary>
    public const string Sha256 = "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed";

    /// <summary>Samples: 212 malignant, 357 benign.</summary>
    public const int RowCount = 569;

    /// <summary>The label column's name, as in scikit-learn's <c>as_frame=True</c> frame.</summary>
    public const string LabelName = "target";

    private static readonly string[] Measurements =
        ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity", "concave points", "symmetry", "fractal dimension"];

    /// <summary>scikit-learn's feature names: ten means, ten standard errors, ten worst values.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        .. Measurements.Select(m => $"mean {m}"),
        .. Measurements.Select(m => $"{m} error"),
        .. Measurements.Select(m => $"worst {m}"),
    ];

    /// <summary>The classes, by label 0 and 1.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["malignant", "benign"];

    /// <summary>Reads <c>breast_cancer.csv</c>.</summary>
    /// <exception cref="DataFormatException">The file is not scikit-learn's breast cancer data.</exception>
    public static Dataset Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return ScikitLearnCsv.Load(path, Name, FeatureNames, LabelName, ClassNames, RowCount);
    }
}
