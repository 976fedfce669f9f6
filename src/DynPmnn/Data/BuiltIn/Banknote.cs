namespace DynPmnn.Data;

/// <summary>
/// UCI's Banknote Authentication data (<c>data_banknote_authentication.txt</c>): four wavelet statistics of banknote
/// images and a class 0 or 1.
/// </summary>
/// <remarks>The file is comma-separated with CRLF line endings, no header and no line ending after the last row.</remarks>
public static class Banknote
{
    /// <summary>The built-in data set's name.</summary>
    public const string Name = "banknote";

    /// <summary>UCI's file name.</summary>
    public const string FileName = "data_banknote_authentication.txt";

    /// <summary>SHA-256 of UCI's file.</summary>
    public const string Sha256 = "d0539aaed2139ba7a587b3e34fb345ce503ff7d5d33dbf9912d8e195ce425cb9";

    /// <summary>Rows: 762 of class 0, 610 of class 1.</summary>
    public const int RowCount = 1372;

    /// <summary>The label column, UCI's name for it.</summary>
    public const string LabelName = "class";

    /// <summary>UCI's names of the four features.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = ["variance", "skewness", "curtosis", "entropy"];

    /// <summary>The classes by label. UCI does not say which one is genuine, so they are named by their labels.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["0", "1"];

    /// <summary>Reads the file.</summary>
    /// <exception cref="DataFormatException">A line is not four numbers and a class 0 or 1.</exception>
    public static Dataset Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var features = new List<float>(RowCount * 4);
        var labels = new List<float>(RowCount);
        var lines = new List<int>(RowCount);
        using (var reader = NumericText.Open(path))
        {
            NumericText.Read(reader, path, ',', [.. FeatureNames, LabelName], (line, values) =>
            {
                if (values[4] is not (0 or 1))
                {
                    throw new DataFormatException(path, line, 5, LabelName, $"{values[4]} is not a class (0 or 1).");
                }

                for (var i = 0; i < 4; i++)
                {
                    features.Add((float)values[i]);
                }

                labels.Add((float)values[4]);
                lines.Add(line);
            });
        }

        if (lines.Count == 0)
        {
            throw new DataFormatException(path, null, "the file has no rows.");
        }

        var task = DatasetTask.Classification(LabelName, ClassNames);
        return new Dataset(
            Name, [.. features], FeatureNames, [.. labels], task, RowOrigins.FromLines(path, [.. lines]),
            TabularSchema.ForNumericFeatures(FeatureNames, task, labelsAreClassIndices: true));
    }
}
