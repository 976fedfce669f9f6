// Port of scikit-learn 1.2.1's sklearn/datasets/_base.py (load_csv_data); BSD-3-Clause, see NOTICE.

namespace DynPmnn.Data;

/// <summary>
/// Reads the CSV format of scikit-learn's bundled classification data (<c>iris.csv</c>, <c>breast_cancer.csv</c>):
/// a first line <c>n_samples,n_features,class names...</c>, then one line per sample of <c>n_features</c> numbers and an
/// integer class index.
/// </summary>
/// <remarks>
/// scikit-learn trusts the first line; here both counts are checked against the rows read, so a cut or extended file
/// is an error instead of uninitialised or missing rows.
/// </remarks>
internal static class ScikitLearnCsv
{
    /// <summary>Reads the file into a classification data set named <paramref name="name"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="name">The data set's name.</param>
    /// <param name="featureNames">scikit-learn's feature names; the header's feature count must match.</param>
    /// <param name="labelName">The label column's name.</param>
    /// <param name="expectedClassNames">The class names the header must list.</param>
    /// <param name="expectedRows">The number of samples the data set has.</param>
    public static Dataset Load(
        string path, string name, IReadOnlyList<string> featureNames, string labelName, IReadOnlyList<string> expectedClassNames, int expectedRows)
    {
        using var reader = NumericText.Open(path);
        var header = reader.ReadLine() ?? throw new DataFormatException(path, 1, "the file is empty.");
        var fields = header.Split(',');
        if (fields.Length < 4 || !int.TryParse(fields[0], out var samples) || !int.TryParse(fields[1], out var featureCount))
        {
            throw new DataFormatException(path, 1, $"expected scikit-learn's header 'samples,features,class names...', found '{Cells.Shorten(header)}'.");
        }

        var classNames = fields[2..];
        if (featureCount != featureNames.Count || samples != expectedRows || !classNames.SequenceEqual(expectedClassNames))
        {
            throw new DataFormatException(
                path,
                1,
                $"the header declares {samples} samples of {featureCount} features in classes ({string.Join(", ", classNames)}); "
                + $"{name} has {expectedRows} samples of {featureNames.Count} features in classes ({string.Join(", ", expectedClassNames)}).");
        }

        var columns = featureNames.Append(labelName).ToArray();
        var features = new float[expectedRows * featureCount];
        var labels = new float[expectedRows];
        var lines = new int[expectedRows];
        var rows = 0;
        NumericText.Read(reader, path, ',', columns, (line, values) =>
        {
            if (rows == expectedRows)
            {
                throw new DataFormatException(path, line, $"more rows than the {expectedRows} the header declares.");
            }

            var label = values[featureCount];
            if (label != Math.Floor(label) || label < 0 || label >= classNames.Length)
            {
                throw new DataFormatException(
                    path, line, featureCount + 1, labelName, $"{label} is not a class index 0..{classNames.Length - 1} ({string.Join(", ", classNames)}).");
            }

            for (var i = 0; i < featureCount; i++)
            {
                features[rows * featureCount + i] = (float)values[i];
            }

            labels[rows] = (float)label;
            lines[rows++] = line;
        }, linesAlreadyRead: 1);

        if (rows != expectedRows)
        {
            throw new DataFormatException(path, null, $"{rows} rows, but the header (and {name}) declare {expectedRows}; the file is incomplete.");
        }

        var task = DatasetTask.Classification(labelName, classNames);
        return new Dataset(
            name, features, featureNames, labels, task, RowOrigins.FromLines(path, lines),
            TabularSchema.ForNumericFeatures(featureNames, task, labelsAreClassIndices: true));
    }
}
