using System.IO.Compression;
using System.Security.Cryptography;
using DynPmnn.Data;

namespace DynPmnn.Tests.Data.BuiltIn;

public class BuiltInDatasetsTests
{
    [Fact]
    public void All_HasTheSixDataSetsInListingOrder()
    {
        Assert.Equal(["california", "iris", "breast-cancer", "diabetes", "banknote", "energy"], BuiltInDatasets.All.Select(d => d.Name));
        Assert.All(BuiltInDatasets.All, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
            Assert.False(string.IsNullOrWhiteSpace(d.Description));
            Assert.False(string.IsNullOrWhiteSpace(d.License));
            Assert.False(string.IsNullOrWhiteSpace(d.Citation));
            Assert.NotEmpty(d.Files);
            Assert.NotEmpty(d.SourceUrls);
            Assert.Equal(d.FeatureNames, d.Schema.EncodedFeatureNames);
            Assert.Equal(d.Task, d.Schema.ToTask());
        });
    }

    [Theory]
    [InlineData("california", "california")]
    [InlineData("California-Housing", "california")]
    [InlineData("cal_housing", "california")]
    [InlineData("iris", "iris")]
    [InlineData("breast_cancer", "breast-cancer")]
    [InlineData("Breast Cancer", "breast-cancer")]
    [InlineData("diabetes", "diabetes")]
    [InlineData("banknote-authentication", "banknote")]
    [InlineData("energy_efficiency", "energy")]
    public void Find_AcceptsNamesAndAliases(string asked, string expected)
    {
        Assert.Equal(expected, BuiltInDatasets.Find(asked).Name);
    }

    [Fact]
    public void Find_UnknownName_ListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => BuiltInDatasets.Find("wine"));
        Assert.Contains("'wine'", e.Message);
        Assert.Contains("california, iris, breast-cancer, diabetes, banknote, energy", e.Message);
        Assert.False(BuiltInDatasets.TryFind("wine", out _));
    }

    [Fact]
    public void RecordedChecksums_AreThoseOfTheSharedFiles()
    {
        foreach (var file in BuiltInDatasets.All.SelectMany(d => d.Files))
        {
            using var stream = File.OpenRead(TestData.SharedFile(file.FileName));
            using var content = file.ChecksumOfDecompressedContent ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(content)));
        }

        // As the data README records them, typed here so that a change to a constant cannot pass unnoticed.
        Assert.Equal("f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449", Iris.Sha256);
        Assert.Equal("fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed", BreastCancer.Sha256);
        Assert.Equal("ec2683754c379fdffc39f53922c475eff67e2fb9c94c7c27207b7c4371d51726", Diabetes.DataSha256);
        Assert.Equal("244713a551f62a291a354212d8a048adec6cb1244b2bc44e66a0698f5006d26d", Diabetes.TargetSha256);
        Assert.Equal("d0539aaed2139ba7a587b3e34fb345ce503ff7d5d33dbf9912d8e195ce425cb9", Banknote.Sha256);
        Assert.Equal("0089fcffc1415e41e2ff63730cca5280efe54fc43d722dfde1b0aaa808e35dc4", EnergyEfficiency.Sha256);
    }

    [Fact]
    public void DownloadUrls_AreTheDocumentedOnes()
    {
        Assert.Equal(
            "https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.2.1/sklearn/datasets/data/iris.csv",
            Assert.Single(BuiltInDatasets.Iris.SourceUrls).AbsoluteUri);
        Assert.Equal(
            [
                "https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.2.1/sklearn/datasets/data/diabetes_data_raw.csv.gz",
                "https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.2.1/sklearn/datasets/data/diabetes_target.csv.gz",
            ],
            BuiltInDatasets.Diabetes.SourceUrls.Select(u => u.AbsoluteUri));
        Assert.Equal(
            "https://archive.ics.uci.edu/ml/machine-learning-databases/00267/data_banknote_authentication.txt",
            Assert.Single(BuiltInDatasets.Banknote.SourceUrls).AbsoluteUri);
        Assert.Equal(
            "https://archive.ics.uci.edu/ml/machine-learning-databases/00242/ENB2012_data.xlsx",
            Assert.Single(BuiltInDatasets.Energy.SourceUrls).AbsoluteUri);
        Assert.Equal("https://ndownloader.figshare.com/files/5976036", Assert.Single(BuiltInDatasets.California.SourceUrls).AbsoluteUri);
        Assert.Equal("cal_housing.tgz", BuiltInDatasets.California.Files[0].DownloadFileName);
    }

    [Fact]
    public void Load_FromTheSharedFiles_GivesEachDataSetWithItsKnownRowCount()
    {
        foreach (var dataset in BuiltInDatasets.All)
        {
            var data = dataset.Load(dataset.Files.Select(f => TestData.SharedFile(f.FileName)).ToArray());
            Assert.Equal(dataset.RowCount, data.Rows);
            Assert.Equal(dataset.Name, data.Name);
            Assert.Equal(dataset.Task, data.Task);
            Assert.Equal(dataset.FeatureNames, data.FeatureNames);
            Assert.Equal(dataset.Schema, data.Schema);
        }
    }

    [Fact]
    public void Summaries_ReadAsAListingShowsThem()
    {
        var iris = BuiltInDatasets.Iris.Load([TestData.SharedFile("iris.csv")]).Summarize();
        Assert.Equal("iris: 150 rows, 4 features, classification of target into 3 classes (setosa 50, versicolor 50, virginica 50)", iris.ToString());
        var energy = BuiltInDatasets.Energy.Load([TestData.SharedFile("ENB2012_data.xlsx")]).Summarize();
        Assert.Equal("energy: 768 rows, 8 features, regression of heating load, cooling load", energy.ToString());
        var cancer = BuiltInDatasets.BreastCancer.Load([TestData.SharedFile("breast_cancer.csv")]).Summarize();
        Assert.Equal([212, 357], cancer.ClassCounts);
    }
}
