// Port of scikit-learn 1.2.1's sklearn/datasets/_base.py (load_diabetes) and the centring and scaling of
// sklearn/preprocessing/_data.py (scale) it applies; BSD-3-Clause, see NOTICE.

namespace DynPmnn.Data;

/// <summary>
/// The diabetes data of Efron, Hastie, Johnstone and Tibshirani (2004) as scikit-learn 1.2.1 bundles it and
/// <c>load_diabetes</c> reads it: ten baseline variables of 442 patients and disease progression a year later.
/// </summary>
/// <remarks>
/// By default the features are scaled as <c>load_diabetes(scaled=True)</c> scales them: each column becomes
/// <c>((x - mean) / std) / sqrt(442)</c> with its mean and population standard deviation over all rows. numpy computes
/// this in double, summing each column row by row in file order; so does <see cref="Load"/>, rounding to float only at
/// the end, so every value equals scikit-learn's float64 value rounded once.
/// </remarks>
public static class Diabetes
{
    /// <summary>The built-in data set's name.</summary>
    public const string Name = "diabetes";

    /// <summary>scikit-learn's file of the ten baseline variables.</summary>
    public const string DataFileName = "diabetes_data_raw.csv.gz";

    /// <summary>scikit-learn's file of the targets.</summary>
    public const string TargetFileName = "diabetes_target.csv.gz";

    /// <summary>
    /// SHA-256 of the decompressed <see cref="DataFileName"/>: the gzip bytes differ between scikit-learn's copy and
    /// repackaged ones, the text does not.
    /// </summary>
    public const string DataSha256 = "ec2683754c379fdffc39f53922c475eff67e2fb9c94c7c27207b7c4371d51726";

    /// <summary>SHA-256 of the decompressed <see cref="TargetFileName"/>.</summary>
    public const string TargetSha256 = "244713a551f62a291a354212d8a048adec6cb1244b2bc44e66a0698f5006d26d";

    /// <summary>Patients.</summary>
    public const int RowCount = 442;

    /// <summary>The target's name.</summary>
    public const string TargetName = "disease progression";

    /// <summary>scikit-learn's feature names: age, sex, body mass index, average blood pressure and six blood serum measurements.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];

    /// <summary>Reads the two files (gzip-compressed or not).</summary>
    /// <param name="dataPath">The ten variables, space-separated, one patient a line.</param>
    /// <param name="targetPath">One target a line, for the same patients in the same order.</param>
    /// <param name="scaled">Scale the features as <c>load_diabetes</c> does by default; <see langword="false"/> keeps the raw values.</param>
    /// <exception cref="DataFormatException">A file is damaged, a value is not a number, or the files disagree on the number of patients.</exception>
    public static Dataset Load(string dataPath, string targetPath, bool scaled = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetPath);
        var columns = FeatureNames.Count;
        var raw = new List<double>(RowCount * columns);
        var lines = new List<int>(RowCount);
        using (var reader = NumericText.Open(dataPath))
        {
            NumericText.Read(reader, dataPath, null, FeatureNames, (line, values) =>
            {
                raw.AddRange(values);
                lines.Add(line);
            });
        }

        var targets = new List<float>(RowCount);
        using (var reader = NumericText.Open(targetPath))
        {
            NumericText.Read(reader, targetPath, null, [TargetName], (_, values) => targets.Add((float)values[0]));
        }

        var rows = lines.Count;
        if (rows == 0 || targets.Count != rows)
        {
            throw new DataFormatException(
                targetPath, null, $"{targets.Count} targets for the {rows} patients of {dataPath}; the two files must have a line per patient each.");
        }

        var features = new float[raw.Count];
        if (scaled)
        {
            Scale(raw, rows, columns, features);
        }
        else
        {
            for (var i = 0; i < features.Length; i++)
            {
                features[i] = (float)raw[i];
            }
        }

        return new Dataset(Name, features, FeatureNames, [.. targets], DatasetTask.Regression(TargetName), RowOrigins.FromLines(dataPath, [.. lines]));
    }

    private static void Scale(List<double> raw, int rows, int columns, float[] scaled)
    {
        var means = new double[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                means[c] += raw[r * columns + c];
            }
        }

        for (var c = 0; c < columns; c++)
        {
            means[c] /= rows;
        }

        var deviations = new double[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var d = raw[r * columns + c] - means[c];
                deviations[c] += d * d;
            }
        }

        for (var c = 0; c < columns; c++)
        {
            deviations[c] = Math.Sqrt(deviations[c] / rows);
            if (deviations[c] == 0)
            {
                // scikit-learn leaves a constant column unscaled; the published data has none.
                deviations[c] = 1;
            }
        }

        var root = Math.Sqrt(rows);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var i = r * columns + c;
                scaled[i] = (float)((raw[i] - means[c]) / deviations[c] / root);
            }
        }
    }
}
