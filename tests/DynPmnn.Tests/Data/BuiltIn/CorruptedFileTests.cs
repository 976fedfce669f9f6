using DynPmnn.Data;

namespace DynPmnn.Tests.Data.BuiltIn;

/// <summary>Damaged copies of the real files: the loaders fail with a message naming the file, and the locator refuses them by checksum.</summary>
public class CorruptedFileTests
{
    /// <summary>A copy of a shared file under its own name, cut to <paramref name="keep"/> bytes (or with one byte changed).</summary>
    private static string Damaged(TempDirectory temp, string name, Func<byte[], byte[]> damage)
    {
        var path = temp.File(name);
        File.WriteAllBytes(path, damage(File.ReadAllBytes(TestData.SharedFile(name))));
        return path;
    }

    private static byte[] Half(byte[] bytes) => bytes[..(bytes.Length / 2)];

    private static byte[] ChangeOneByte(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[copy.Length / 2] ^= 0x01;
        return copy;
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-4)] // only the length at the very end is missing: GZipStream itself would not notice
    [InlineData(-1)]
    public void TruncatedGzip_FailsClearly(double cut)
    {
        using var temp = new TempDirectory();
        var data = Damaged(temp, "diabetes_data_raw.csv.gz", b => b[..(cut > 0 ? (int)(b.Length * cut) : b.Length + (int)cut)]);
        var e = Assert.Throws<DataFormatException>(() => Diabetes.Load(data, TestData.SharedFile("diabetes_target.csv.gz")));
        Assert.StartsWith($"{data}: not a complete gzip file", e.Message);
        Assert.Contains("the gzip data is cut short", e.Message);
    }

    [Fact]
    public void TruncatedCaliforniaArchive_FailsClearly()
    {
        using var temp = new TempDirectory();
        var archive = TestData.MakeTgz(CaliforniaHousing.ArchiveEntryName, File.ReadAllText(TestData.CalHousingPath));
        foreach (var length in new[] { archive.Length / 2, archive.Length - 4 })
        {
            var path = temp.File("cal_housing.tgz");
            File.WriteAllBytes(path, archive[..length]);
            var e = Assert.Throws<DataFormatException>(() => CaliforniaHousing.Load(path));
            Assert.StartsWith($"{path}: not a readable gzip-compressed tar archive", e.Message);
        }
    }

    [Fact]
    public void TruncatedWorkbook_FailsClearly()
    {
        using var temp = new TempDirectory();
        var path = Damaged(temp, "ENB2012_data.xlsx", Half);
        var e = Assert.Throws<DataFormatException>(() => EnergyEfficiency.Load(path));
        Assert.StartsWith($"{path}: not a readable .xlsx workbook", e.Message);
    }

    [Fact]
    public void TruncatedCsv_FailsClearly()
    {
        using var temp = new TempDirectory();
        var iris = Damaged(temp, "iris.csv", Half);
        var e = Assert.Throws<DataFormatException>(() => Iris.Load(iris));
        Assert.Contains(iris, e.Message);

        // Cut at a line end, the banknote file is still well-formed: the registry's row count catches it.
        var banknote = temp.File("data_banknote_authentication.txt");
        File.WriteAllLines(banknote, File.ReadLines(TestData.SharedFile("data_banknote_authentication.txt")).Take(1000));
        var count = Assert.Throws<DataFormatException>(() => BuiltInDatasets.Banknote.Load([banknote]));
        Assert.Contains("1,000 rows were read, but banknote has 1,372", count.Message);
    }

    [Theory]
    [InlineData("iris")]
    [InlineData("breast-cancer")]
    [InlineData("diabetes")]
    [InlineData("banknote")]
    [InlineData("energy")]
    [InlineData("california")]
    public async Task DamagedCopies_AreRefusedByChecksum_NamingFileAndBothHashes(string name)
    {
        var dataset = BuiltInDatasets.Find(name);
        foreach (var damage in new Func<byte[], byte[]>[] { ChangeOneByte, Half })
        {
            using var temp = new TempDirectory();
            foreach (var file in dataset.Files)
            {
                Damaged(temp, file.FileName, damage);
            }

            var locator = new DataLocator
            {
                DataDirectory = temp.Path,
                CacheDirectory = temp.File("cache"),
                ReadEnvironment = _ => null,
                AllowDownload = false,
            };
            var e = await Assert.ThrowsAsync<InvalidDataException>(() => locator.LocateAsync(dataset));
            var first = dataset.Files[0];
            Assert.Contains($"{temp.File(first.FileName)} is not the expected {first.FileName} of the {name} data set: ", e.Message);
            // A damaged gzip file has no decompressed content to hash: the message says what is wrong with it instead.
            Assert.Contains(first.ChecksumOfDecompressedContent ? "the gzip data is" : $"expected {first.Sha256}", e.Message);
            Assert.Contains("damaged, incomplete or another version", e.Message);
            Assert.Contains(first.DownloadUrls[0].AbsoluteUri, e.Message);
        }
    }
}
