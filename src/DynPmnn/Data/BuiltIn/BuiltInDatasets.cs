namespace DynPmnn.Data;

/// <summary>The data sets the library can find, fetch, verify and read by name.</summary>
public static class BuiltInDatasets
{
    private const string ScikitLearnData = "https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.2.1/sklearn/datasets/data/";

    private const string ScikitLearnLicense =
        "BSD-3-Clause (scikit-learn 1.2.1's bundled copy); the data itself as its source publishes it";

    /// <summary>California Housing: median house values of 20,640 census block groups (regression).</summary>
    public static BuiltInDataset California { get; } = new(
        CaliforniaHousing.Name,
        ["california-housing", "cal-housing", "cal_housing", "california_housing"],
        "California Housing (Pace and Barry, 1997)",
        "20,640 California census block groups of the 1990 census, with scikit-learn's eight features derived from the raw "
        + "StatLib columns (median income, median house age, average rooms, bedrooms and occupants per household, population, "
        + "latitude, longitude); the target is the median house value in units of $100,000. The paper's experiment.",
        DatasetTask.Regression(CaliforniaHousing.TargetName),
        CaliforniaHousing.FeatureNames,
        CaliforniaHousing.RowCount,
        new Uri("https://www.dcc.fc.up.pt/~ltorgo/Regression/cal_housing.html"),
        "No licence stated (StatLib's public archive, as scikit-learn distributes it)",
        "Pace, R. K. & Barry, R. (1997). Sparse Spatial Autoregressions. Statistics & Probability Letters 33(3), 291-297.",
        [
            new DataFile
            {
                FileName = CaliforniaHousing.RawFileName,
                Sha256 = CaliforniaHousing.RawSha256,
                Archive = new DataFileArchive(
                    CaliforniaHousing.ArchiveFileName, CaliforniaHousing.ArchiveSha256, CaliforniaHousing.ArchiveEntryName, [CaliforniaHousing.ArchiveUri]),
            },
        ],
        paths => CaliforniaHousing.Load(paths[0]));

    /// <summary>Fisher's iris data: 150 flowers of three species (classification).</summary>
    public static BuiltInDataset Iris { get; } = new(
        DynPmnn.Data.Iris.Name,
        [],
        "Iris (Fisher, 1936)",
        "150 iris flowers, 50 of each species (setosa, versicolor, virginica), with sepal and petal length and width in cm. "
        + "scikit-learn's copy: samples 35 and 38 follow Fisher's paper, as in R, so they differ from UCI's iris.data.",
        DatasetTask.Classification(DynPmnn.Data.Iris.LabelName, DynPmnn.Data.Iris.ClassNames),
        DynPmnn.Data.Iris.FeatureNames,
        DynPmnn.Data.Iris.RowCount,
        new Uri("https://doi.org/10.24432/C56C76"),
        ScikitLearnLicense + " (UCI: CC BY 4.0)",
        "Fisher, R. A. (1936). The use of multiple measurements in taxonomic problems. Annals of Eugenics 7(2), 179-188.",
        [new DataFile { FileName = DynPmnn.Data.Iris.FileName, Sha256 = DynPmnn.Data.Iris.Sha256, Urls = [new Uri(ScikitLearnData + DynPmnn.Data.Iris.FileName)] }],
        paths => DynPmnn.Data.Iris.Load(paths[0]),
        labelsAreClassIndices: true);

    /// <summary>Breast Cancer Wisconsin (Diagnostic): 569 tumours, malignant or benign (binary classification).</summary>
    public static BuiltInDataset BreastCancer { get; } = new(
        DynPmnn.Data.BreastCancer.Name,
        ["breast_cancer", "breastcancer", "wdbc"],
        "Breast Cancer Wisconsin, Diagnostic (Wolberg et al., 1995)",
        "569 breast masses imaged by fine-needle aspirate: the mean, standard error and worst value of ten cell-nucleus "
        + "measurements (radius, texture, perimeter, area, smoothness, compactness, concavity, concave points, symmetry, "
        + "fractal dimension); class 0 malignant (212), 1 benign (357).",
        DatasetTask.Classification(DynPmnn.Data.BreastCancer.LabelName, DynPmnn.Data.BreastCancer.ClassNames),
        DynPmnn.Data.BreastCancer.FeatureNames,
        DynPmnn.Data.BreastCancer.RowCount,
        new Uri("https://doi.org/10.24432/C5DW2B"),
        ScikitLearnLicense + " (UCI: CC BY 4.0)",
        "Wolberg, W., Mangasarian, O., Street, N. & Street, W. (1995). Breast Cancer Wisconsin (Diagnostic) [Dataset]. "
        + "UCI Machine Learning Repository. https://doi.org/10.24432/C5DW2B",
        [
            new DataFile
            {
                FileName = DynPmnn.Data.BreastCancer.FileName,
                Sha256 = DynPmnn.Data.BreastCancer.Sha256,
                Urls = [new Uri(ScikitLearnData + DynPmnn.Data.BreastCancer.FileName)],
            },
        ],
        paths => DynPmnn.Data.BreastCancer.Load(paths[0]),
        labelsAreClassIndices: true);

    /// <summary>The diabetes data of Efron et al.: disease progression of 442 patients (regression).</summary>
    public static BuiltInDataset Diabetes { get; } = new(
        DynPmnn.Data.Diabetes.Name,
        [],
        "Diabetes (Efron, Hastie, Johnstone and Tibshirani, 2004)",
        "442 diabetes patients: age, sex, body mass index, average blood pressure and six blood serum measurements (s1 tc, "
        + "s2 ldl, s3 hdl, s4 tch, s5 ltg, s6 glu), each column centred and scaled as scikit-learn's load_diabetes does "
        + "(sum of squares 1); the target is a measure of disease progression one year after baseline (25-346).",
        DatasetTask.Regression(DynPmnn.Data.Diabetes.TargetName),
        DynPmnn.Data.Diabetes.FeatureNames,
        DynPmnn.Data.Diabetes.RowCount,
        new Uri("https://www4.stat.ncsu.edu/~boos/var.select/diabetes.html"),
        ScikitLearnLicense,
        "Efron, B., Hastie, T., Johnstone, I. & Tibshirani, R. (2004). Least angle regression. Annals of Statistics 32(2), 407-499.",
        [
            new DataFile
            {
                FileName = DynPmnn.Data.Diabetes.DataFileName,
                Sha256 = DynPmnn.Data.Diabetes.DataSha256,
                ChecksumOfDecompressedContent = true,
                Urls = [new Uri(ScikitLearnData + DynPmnn.Data.Diabetes.DataFileName)],
            },
            new DataFile
            {
                FileName = DynPmnn.Data.Diabetes.TargetFileName,
                Sha256 = DynPmnn.Data.Diabetes.TargetSha256,
                ChecksumOfDecompressedContent = true,
                Urls = [new Uri(ScikitLearnData + DynPmnn.Data.Diabetes.TargetFileName)],
            },
        ],
        paths => DynPmnn.Data.Diabetes.Load(paths[0], paths[1]));

    /// <summary>UCI Banknote Authentication: 1,372 banknote images, class 0 or 1 (binary classification).</summary>
    public static BuiltInDataset Banknote { get; } = new(
        DynPmnn.Data.Banknote.Name,
        ["banknote-authentication", "banknote_authentication", "banknotes"],
        "Banknote Authentication (Lohweg, 2012)",
        "1,372 images of genuine and forged banknotes: variance, skewness, curtosis (kurtosis) of the wavelet-transformed "
        + "image and the image's entropy; class 0 (762 rows) or 1 (610). UCI does not say which class is the genuine one, "
        + "so the classes are named 0 and 1. 24 rows repeat an earlier row exactly.",
        DatasetTask.Classification(DynPmnn.Data.Banknote.LabelName, DynPmnn.Data.Banknote.ClassNames),
        DynPmnn.Data.Banknote.FeatureNames,
        DynPmnn.Data.Banknote.RowCount,
        new Uri("https://archive.ics.uci.edu/dataset/267/banknote+authentication"),
        "CC BY 4.0",
        "Lohweg, V. (2012). Banknote Authentication [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C55P57",
        [
            new DataFile
            {
                FileName = DynPmnn.Data.Banknote.FileName,
                Sha256 = DynPmnn.Data.Banknote.Sha256,
                Urls = [new Uri("https://archive.ics.uci.edu/ml/machine-learning-databases/00267/data_banknote_authentication.txt")],
            },
        ],
        paths => DynPmnn.Data.Banknote.Load(paths[0]),
        labelsAreClassIndices: true);

    /// <summary>UCI Energy Efficiency: heating and cooling loads of 768 simulated buildings (regression with two outputs).</summary>
    public static BuiltInDataset Energy { get; } = new(
        EnergyEfficiency.Name,
        ["energy-efficiency", "energy_efficiency", "enb2012"],
        "Energy Efficiency (Tsanas and Xifara, 2012)",
        "768 residential buildings simulated in Ecotect: X1 relative compactness, X2 surface area, X3 wall area, X4 roof "
        + "area, X5 overall height, X6 orientation (2-5), X7 glazing area (0, 0.1, 0.25, 0.4), X8 glazing area distribution "
        + "(0-5); two targets, Y1 heating load and Y2 cooling load.",
        DatasetTask.Regression([.. EnergyEfficiency.TargetNames]),
        EnergyEfficiency.FeatureNames,
        EnergyEfficiency.RowCount,
        new Uri("https://archive.ics.uci.edu/dataset/242/energy+efficiency"),
        "CC BY 4.0",
        "Tsanas, A. & Xifara, A. (2012). Accurate quantitative estimation of energy performance of residential buildings using "
        + "statistical machine learning tools. Energy and Buildings 49, 560-567. Data: https://doi.org/10.24432/C51307",
        [
            new DataFile
            {
                FileName = EnergyEfficiency.FileName,
                Sha256 = EnergyEfficiency.Sha256,
                Urls = [new Uri("https://archive.ics.uci.edu/ml/machine-learning-databases/00242/ENB2012_data.xlsx")],
            },
        ],
        paths => EnergyEfficiency.Load(paths[0]));

    /// <summary>Every built-in data set, in the order a listing shows them.</summary>
    public static IReadOnlyList<BuiltInDataset> All { get; } = [California, Iris, BreastCancer, Diabetes, Banknote, Energy];

    /// <summary>The data set called <paramref name="name"/> (or one of its aliases; case, '_' and '-' do not matter).</summary>
    /// <exception cref="ArgumentException">No data set has that name; the message lists the known ones.</exception>
    public static BuiltInDataset Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryFind(name, out var dataset)
            ? dataset
            : throw new ArgumentException(
                $"There is no built-in data set '{name}'. Known: {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));
    }

    /// <summary>Looks a data set up by name or alias; case, '_' and '-' do not matter.</summary>
    public static bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BuiltInDataset? dataset)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = Normalize(name);
        dataset = All.FirstOrDefault(d => Normalize(d.Name) == key || d.Aliases.Any(a => Normalize(a) == key));
        return dataset is not null;
    }

    private static string Normalize(string name) => name.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
}
