namespace DynPmnn.Data;

/// <summary>Fisher's iris data as scikit-learn 1.2.1 bundles it (<c>iris.csv</c>) and <c>load_iris</c> reads it.</summary>
public static class Iris
{
    /// <summary>The built-in data set's name.</summary>
    public const string Name = "iris";

    /// <summary>scikit-learn's file name.</summary>
    public const string FileName = "iris.csv";

    /// <summary>SHA-256 of scikit-learn 1.2.1's <c>iris.csv</c>.</summary>
    public const string Sha256 = "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449";

    /// <summary>Samples: 50 of each class.</summary>
    public const int RowCount = 150;

    /// <summary>The label column's name, as in scikit-learn's <c>as_frame=True</c> frame.</summary>
    public const string LabelName = "target";

    /// <summary>scikit-learn's feature names.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"];

    /// <summary>The classes, by label 0, 1, 2.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["setosa", "versicolor", "virginica"];

    /// <summary>Reads <c>iris.csv</c>.</summary>
    /// <exception cref="DataFormatException">The file is not scikit-learn's iris data.</exception>
    public static Dataset Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return ScikitLearnCsv.Load(path, Name, FeatureNames, LabelName, ClassNames, RowCount);
    }
}
