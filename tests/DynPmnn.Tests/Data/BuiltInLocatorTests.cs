using System.IO.Compression;
using System.Security.Cryptography;
using DynPmnn.Data;

namespace DynPmnn.Tests.Data;

/// <summary>Finding, verifying, downloading and gathering the built-in data sets' files.</summary>
public class BuiltInLocatorTests
{
    private static readonly BuiltInDataset IrisSet = BuiltInDatasets.Iris;

    private static Func<string, string?> Environment(string? dataDirectory = null, string? california = null) => name => name switch
    {
        DataLocator.DataDirectoryVariable => dataDirectory,
        DataLocator.EnvironmentVariable => california,
        _ => null,
    };

    /// <summary>A folder under <paramref name="temp"/> holding copies of the named shared files.</summary>
    private static string FolderWith(TempDirectory temp, string folder, params string[] files)
    {
        var path = temp.File(folder);
        Directory.CreateDirectory(path);
        foreach (var file in files)
        {
            File.Copy(TestData.SharedFile(file), Path.Combine(path, file));
        }

        return path;
    }

    private static byte[] Shared(string name) => File.ReadAllBytes(TestData.SharedFile(name));

    [Fact]
    public async Task SearchOrder_ExplicitPath_DataFolder_EnvironmentFolder_Cache()
    {
        using var temp = new TempDirectory();
        var explicitFolder = FolderWith(temp, "explicit", "iris.csv");
        var dataFolder = FolderWith(temp, "data", "iris.csv");
        var environmentFolder = FolderWith(temp, "env", "iris.csv");
        var cache = FolderWith(temp, "cache", "iris.csv");

        var all = new DataLocator { DataDirectory = dataFolder, CacheDirectory = cache, ReadEnvironment = Environment(environmentFolder), AllowDownload = false };
        var explicitFile = Path.Combine(explicitFolder, "iris.csv");
        Assert.Equal(new LocatedFile(IrisSet.Files[0], explicitFile, DataFileSource.ExplicitPath), (await all.LocateAsync(IrisSet, explicitFile)).Files[0]);
        Assert.Equal(new LocatedFile(IrisSet.Files[0], explicitFile, DataFileSource.ExplicitPath), (await all.LocateAsync(IrisSet, explicitFolder)).Files[0]);
        Assert.Equal(Path.Combine(dataFolder, "iris.csv"), (await all.LocateAsync(IrisSet)).Files[0].Path);
        Assert.Equal(DataFileSource.DataDirectory, (await all.LocateAsync(IrisSet)).Files[0].Source);

        var environment = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(environmentFolder), AllowDownload = false };
        var fromEnvironment = (await environment.LocateAsync(IrisSet)).Files[0];
        Assert.Equal((Path.Combine(environmentFolder, "iris.csv"), DataFileSource.DataDirectoryVariable), (fromEnvironment.Path, fromEnvironment.Source));

        var cacheOnly = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), AllowDownload = false };
        var cached = (await cacheOnly.LocateAsync(IrisSet)).Files[0];
        Assert.Equal((Path.Combine(cache, "iris.csv"), DataFileSource.Cache), (cached.Path, cached.Source));
        Assert.Equal(150, (await cacheOnly.LoadAsync(IrisSet)).Rows);
    }

    [Fact]
    public async Task AFolderWithoutTheFile_IsPassedOver()
    {
        using var temp = new TempDirectory();
        var dataFolder = FolderWith(temp, "data", "breast_cancer.csv");
        var cache = FolderWith(temp, "cache", "iris.csv");
        var locator = new DataLocator { DataDirectory = dataFolder, CacheDirectory = cache, ReadEnvironment = Environment(), AllowDownload = false };
        Assert.Equal(DataFileSource.Cache, (await locator.LocateAsync(IrisSet)).Files[0].Source);
        Assert.Equal(DataFileSource.DataDirectory, (await locator.LocateAsync(BuiltInDatasets.BreastCancer)).Files[0].Source);
    }

    [Fact]
    public async Task NamedPlacesThatDoNotExist_AreErrorsNotFallbacks()
    {
        using var temp = new TempDirectory();
        var cache = FolderWith(temp, "cache", "iris.csv");
        var missing = temp.File("typo");

        var plain = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), AllowDownload = false };
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => plain.LocateAsync(IrisSet, missing));
        Assert.Contains(missing, e.Message);

        var folder = new DataLocator { DataDirectory = missing, CacheDirectory = cache, ReadEnvironment = Environment(), AllowDownload = false };
        var d = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => folder.LocateAsync(IrisSet));
        Assert.Contains($"The data folder '{missing}' does not exist.", d.Message);

        var environment = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(missing), AllowDownload = false };
        var v = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => environment.LocateAsync(IrisSet));
        Assert.Contains("DYNPMNN_DATA_DIR", v.Message);
        Assert.Contains(missing, v.Message);
    }

    [Fact]
    public async Task Diabetes_ExplicitFile_FindsItsCompanionBesideIt()
    {
        using var temp = new TempDirectory();
        var folder = FolderWith(temp, "diabetes", "diabetes_data_raw.csv.gz", "diabetes_target.csv.gz");
        var locator = new DataLocator { CacheDirectory = temp.File("cache"), ReadEnvironment = Environment(), AllowDownload = false };

        var located = await locator.LocateAsync(BuiltInDatasets.Diabetes, Path.Combine(folder, "diabetes_target.csv.gz"));
        Assert.Equal(
            [Path.Combine(folder, "diabetes_data_raw.csv.gz"), Path.Combine(folder, "diabetes_target.csv.gz")],
            located.Files.Select(f => f.Path));
        Assert.All(located.Files, f => Assert.Equal(DataFileSource.ExplicitPath, f.Source));
        Assert.Equal(442, located.Load().Rows);

        var other = temp.Write("patients.csv", "1,2\n");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => locator.LocateAsync(BuiltInDatasets.Diabetes, other));
        Assert.Contains("diabetes is read from 2 files (diabetes_data_raw.csv.gz, diabetes_target.csv.gz)", e.Message);
    }

    [Fact]
    public async Task Diabetes_GzipFilesOfOtherBytes_ButTheSameContent_AreAccepted()
    {
        // scikit-learn's own .gz files differ in bytes from the shared ones; the check is of the decompressed content.
        using var temp = new TempDirectory();
        var folder = temp.File("recompressed");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "diabetes_data_raw.csv.gz", "diabetes_target.csv.gz" })
        {
            using var input = new GZipStream(File.OpenRead(TestData.SharedFile(name)), CompressionMode.Decompress);
            using var output = new GZipStream(File.Create(Path.Combine(folder, name)), CompressionLevel.Fastest);
            input.CopyTo(output);
        }

        Assert.NotEqual(Shared("diabetes_data_raw.csv.gz"), File.ReadAllBytes(Path.Combine(folder, "diabetes_data_raw.csv.gz")));
        var locator = new DataLocator { DataDirectory = folder, CacheDirectory = temp.File("cache"), ReadEnvironment = Environment(), AllowDownload = false };
        Assert.Equal(442, (await locator.LoadAsync(BuiltInDatasets.Diabetes)).Rows);
    }

    [Fact]
    public async Task California_TheVariableNamesAFile_CheckedLikeAnyOther()
    {
        using var temp = new TempDirectory();
        var locator = new DataLocator { CacheDirectory = temp.File("cache"), ReadEnvironment = Environment(california: TestData.CalHousingPath), AllowDownload = false };
        var located = (await locator.LocateAsync(BuiltInDatasets.California)).Files[0];
        Assert.Equal((TestData.CalHousingPath, DataFileSource.CaliforniaVariable, false), (located.Path, located.Source, located.IsArchive));

        var oneRow = temp.Write("one.data", File.ReadLines(TestData.CalHousingPath).First() + "\n");
        var strict = new DataLocator { CacheDirectory = temp.File("cache"), ReadEnvironment = Environment(california: oneRow), AllowDownload = false };
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => strict.LocateAsync(BuiltInDatasets.California));
        Assert.Contains($"{oneRow} is not the expected cal_housing.data", e.Message);
        Assert.Contains("(or aaa5c9a6afe2225cc2aed2723682ae403280c4a3695a2ddda4ffb5d8215ea681 for its archive cal_housing.tgz)", e.Message);
    }

    [Fact]
    public async Task CorruptedCacheCopy_IsRejected_AndReplacedByADownload()
    {
        using var temp = new TempDirectory();
        var cache = temp.File("cache");
        Directory.CreateDirectory(cache);
        var cached = Path.Combine(cache, "iris.csv");
        var damaged = Shared("iris.csv");
        damaged[100] ^= 1;
        File.WriteAllBytes(cached, damaged);

        var offline = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), AllowDownload = false };
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => offline.LocateAsync(IrisSet));
        Assert.Contains($"{cached} is not the expected iris.csv of the iris data set", e.Message);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(damaged)), e.Message);
        Assert.Contains($"expected {Iris.Sha256}", e.Message);
        Assert.Contains("Delete it so that it is downloaded again", e.Message);
        Assert.Equal(damaged, File.ReadAllBytes(cached));

        var survey = offline.Survey(IrisSet);
        Assert.False(survey.IsAvailable);
        Assert.Contains("is not the expected iris.csv", survey.Files[0].Problem);

        using var server = new LoopbackServer(new Dictionary<string, byte[]> { ["iris.csv"] = Shared("iris.csv") });
        using var client = new HttpClient();
        var online = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), MirrorUri = server.Root, HttpClient = client };
        var located = (await online.LocateAsync(IrisSet)).Files[0];
        Assert.Equal((cached, DataFileSource.Download), (located.Path, located.Source));
        Assert.Equal(Shared("iris.csv"), File.ReadAllBytes(cached));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Download_LandsVerifiedFilesInTheCache_Once()
    {
        using var temp = new TempDirectory();
        using var server = new LoopbackServer(new Dictionary<string, byte[]>
        {
            ["diabetes_data_raw.csv.gz"] = Shared("diabetes_data_raw.csv.gz"),
            ["diabetes_target.csv.gz"] = Shared("diabetes_target.csv.gz"),
        });
        using var client = new HttpClient();
        var cache = temp.File("cache");
        var locator = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), MirrorUri = server.Root, HttpClient = client };
        var progress = new RecordingProgress<DownloadProgress>();

        var located = await locator.LocateAsync(BuiltInDatasets.Diabetes, progress: progress);

        Assert.Equal([Path.Combine(cache, "diabetes_data_raw.csv.gz"), Path.Combine(cache, "diabetes_target.csv.gz")], located.Files.Select(f => f.Path));
        Assert.All(located.Files, f => Assert.Equal(DataFileSource.Download, f.Source));
        Assert.Equal(2, Directory.GetFiles(cache).Length);
        Assert.Equal(["diabetes_data_raw.csv.gz", "diabetes_target.csv.gz"], progress.Reports.Select(p => p.FileName).Distinct());
        Assert.Equal(new DownloadProgress(1044, 1044) { FileName = "diabetes_target.csv.gz" }, progress.Reports[^1]);
        Assert.Equal(442, located.Load().Rows);

        var again = await locator.LocateAsync(BuiltInDatasets.Diabetes);
        Assert.All(again.Files, f => Assert.Equal(DataFileSource.Cache, f.Source));
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task CorruptedDownload_IsDiscarded()
    {
        using var temp = new TempDirectory();
        var truncated = Shared("ENB2012_data.xlsx")[..40000];
        using var server = new LoopbackServer(new Dictionary<string, byte[]> { ["ENB2012_data.xlsx"] = truncated });
        using var client = new HttpClient();
        var cache = temp.File("cache");
        var locator = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), MirrorUri = server.Root, HttpClient = client };

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => locator.LocateAsync(BuiltInDatasets.Energy));

        Assert.Contains($"downloaded from {new Uri(server.Root, "ENB2012_data.xlsx")}", e.Message);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(truncated)), e.Message);
        Assert.Contains($"not the expected {EnergyEfficiency.Sha256}; it was discarded.", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(cache));
    }

    [Fact]
    public async Task TruncatedGzipDownload_IsDiscarded()
    {
        using var temp = new TempDirectory();
        var gz = Shared("diabetes_data_raw.csv.gz");
        using var server = new LoopbackServer(new Dictionary<string, byte[]> { ["diabetes_data_raw.csv.gz"] = gz[..(gz.Length - 4)] });
        using var client = new HttpClient();
        var cache = temp.File("cache");
        var locator = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), MirrorUri = server.Root, HttpClient = client };

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => locator.LocateAsync(BuiltInDatasets.Diabetes));
        Assert.Contains("is not usable: the gzip data is cut short or damaged", e.Message);
        Assert.Contains("it was discarded", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(cache));
    }

    [Fact]
    public async Task Offline_TheMessageSaysWhichFileToPutWhere()
    {
        using var temp = new TempDirectory();
        var cache = temp.File("cache");
        var locator = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), AllowDownload = false };
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => locator.LocateAsync(BuiltInDatasets.Banknote));
        Assert.Contains("data_banknote_authentication.txt of the banknote data set was not found and downloading is turned off.", e.Message);
        Assert.Contains($"in {cache}", e.Message);
        Assert.Contains("https://archive.ics.uci.edu/ml/machine-learning-databases/00267/data_banknote_authentication.txt", e.Message);
        Assert.Contains($"SHA-256 {Banknote.Sha256}", e.Message);
        Assert.Contains("DYNPMNN_DATA_DIR", e.Message);
        Assert.Contains("dynpmnn datasets fetch --to DIR", e.Message);

        var california = await Assert.ThrowsAsync<FileNotFoundException>(() => locator.LocateAsync(BuiltInDatasets.California));
        Assert.Contains("cal_housing.tgz, from https://ndownloader.figshare.com/files/5976036", california.Message);
        Assert.Contains("DYNPMNN_CAL_HOUSING", california.Message);
    }

    [Fact]
    public async Task Unreachable_TheMessageNamesTheUrlAndWhereToPutTheFile()
    {
        using var temp = new TempDirectory();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var mirror = new Uri($"http://127.0.0.1:{LoopbackServer.FreeLoopbackPort()}/data/");
        var cache = temp.File("cache");
        var locator = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), MirrorUri = mirror, HttpClient = client };

        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => locator.LocateAsync(IrisSet));
        Assert.Contains($"Could not download iris.csv of the iris data set ({mirror}iris.csv:", e.Message);
        Assert.Contains($"in {cache}", e.Message);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Empty(Directory.GetFileSystemEntries(cache));
    }

    [Fact]
    public void Survey_ReportsWhereEachFileIs_WithoutDownloading()
    {
        using var temp = new TempDirectory();
        var dataFolder = FolderWith(temp, "data", "diabetes_data_raw.csv.gz");
        var locator = new DataLocator { DataDirectory = dataFolder, CacheDirectory = temp.File("cache"), ReadEnvironment = Environment() };

        var survey = locator.Survey(BuiltInDatasets.Diabetes);
        Assert.False(survey.IsAvailable);
        Assert.Equal(DataFileSource.DataDirectory, survey.Files[0].Located!.Source);
        Assert.Null(survey.Files[1].Located);
        Assert.Null(survey.Files[1].Problem);
        Assert.Equal(
            "diabetes_target.csv.gz not found; it would be downloaded from https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.2.1/sklearn/datasets/data/diabetes_target.csv.gz",
            survey.Files[1].ToString());
        Assert.False(Directory.Exists(temp.File("cache")));

        var everything = new DataLocator { DataDirectory = TestData.SharedDataDirectory, CacheDirectory = temp.File("cache"), ReadEnvironment = Environment() };
        Assert.All(BuiltInDatasets.All, d => Assert.True(everything.Survey(d).IsAvailable, everything.Survey(d).ToString()));
    }

    [Fact]
    public async Task FetchAll_GathersEveryVerifiedFile_IntoOneFolder()
    {
        using var temp = new TempDirectory();
        var target = temp.File("for-offline");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "iris.csv"), "not iris\n");
        var locator = new DataLocator { DataDirectory = TestData.SharedDataDirectory, CacheDirectory = temp.File("cache"), ReadEnvironment = Environment(), AllowDownload = false };

        var fetched = await locator.FetchAllAsync(target);

        string[] expected =
        [
            "ENB2012_data.xlsx", "breast_cancer.csv", "cal_housing.data", "data_banknote_authentication.txt",
            "diabetes_data_raw.csv.gz", "diabetes_target.csv.gz", "iris.csv",
        ];
        Assert.Equal(expected, Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in expected)
        {
            Assert.Equal(Shared(name), File.ReadAllBytes(Path.Combine(target, name)));
        }

        Assert.Equal(7, fetched.Count);
        Assert.All(fetched, f => Assert.Equal(DataFileSource.DataDirectory, f.CopiedFrom!.Source));

        // The folder now serves as a data folder on its own, and a second fetch copies nothing.
        var offline = new DataLocator { DataDirectory = target, CacheDirectory = temp.File("cache"), ReadEnvironment = Environment(), AllowDownload = false };
        foreach (var dataset in BuiltInDatasets.All)
        {
            Assert.Equal(dataset.RowCount, (await offline.LoadAsync(dataset)).Rows);
        }

        var again = await offline.FetchAllAsync(target);
        Assert.All(again, f => Assert.Null(f.CopiedFrom));
    }
}
