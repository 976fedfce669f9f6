using System.Net;
using System.Security.Cryptography;
using DynPmnn.Data;

namespace DynPmnn.Tests.Data;

public class DataLocatorTests
{
    private const string Row = "-122.230000,37.880000,41.000000,880.000000,129.000000,322.000000,126.000000,8.325200,452600.000000\n";

    private static Func<string, string?> Environment(string? calHousing = null) =>
        name => name == DataLocator.EnvironmentVariable ? calHousing : null;

    [Fact]
    public void SharedFile_HasTheRecordedSha256()
    {
        using var stream = File.OpenRead(TestData.CalHousingPath);
        Assert.Equal(CaliforniaHousing.RawSha256, Convert.ToHexStringLower(SHA256.HashData(stream)));
        Assert.Equal("d3d8a1a722ae78f91134862727d27a70b1415e7d512a89140406248687f4b902", CaliforniaHousing.RawSha256);
    }

    [Fact]
    public void Defaults_AreScikitLearnsArchive()
    {
        Assert.Equal("https://ndownloader.figshare.com/files/5976036", DataLocator.DefaultArchiveUri.AbsoluteUri);
        Assert.Equal("aaa5c9a6afe2225cc2aed2723682ae403280c4a3695a2ddda4ffb5d8215ea681", DataLocator.DefaultArchiveSha256);
        Assert.Equal("DYNPMNN_CAL_HOUSING", DataLocator.EnvironmentVariable);
    }

    [Fact]
    public void DefaultCacheDirectory_FollowsTheUserCacheConvention()
    {
        if (OperatingSystem.IsWindows())
        {
            var expected = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData), "dynpmnn");
            Assert.Equal(expected, DataLocator.DefaultCacheDirectory(_ => null));
            return;
        }

        Assert.Equal("/xdg/cache/dynpmnn", DataLocator.DefaultCacheDirectory(n => n switch { "XDG_CACHE_HOME" => "/xdg/cache", "HOME" => "/home/u", _ => null }));
        Assert.Equal("/home/u/.cache/dynpmnn", DataLocator.DefaultCacheDirectory(n => n == "HOME" ? "/home/u" : null));
        Assert.Equal("/home/u/.cache/dynpmnn", DataLocator.DefaultCacheDirectory(n => n switch { "XDG_CACHE_HOME" => "relative", "HOME" => "/home/u", _ => null }));
    }

    [Fact]
    public async Task ExplicitPath_WinsOverEnvironmentAndCache()
    {
        using var temp = new TempDirectory();
        var given = temp.Write("given.data", Row);
        var fromEnvironment = temp.Write("env.data", Row);
        Directory.CreateDirectory(temp.File("cache"));
        File.WriteAllText(Path.Combine(temp.File("cache"), "cal_housing.data"), Row);
        var locator = new DataLocator { CacheDirectory = temp.File("cache"), ReadEnvironment = Environment(fromEnvironment), AllowDownload = false };

        Assert.Equal(given, await locator.LocateCaliforniaHousingAsync(given));
        Assert.Equal(fromEnvironment, await locator.LocateCaliforniaHousingAsync());
    }

    [Fact]
    public async Task MissingExplicitOrEnvironmentPath_IsAnErrorNotAFallback()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("cache"));
        File.WriteAllText(Path.Combine(temp.File("cache"), "cal_housing.data"), Row);
        var missing = temp.File("typo.data");

        var plain = new DataLocator { CacheDirectory = temp.File("cache"), ReadEnvironment = Environment(), AllowDownload = false };
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => plain.LocateCaliforniaHousingAsync(missing));
        Assert.Contains(missing, e.Message);

        var viaEnvironment = new DataLocator { CacheDirectory = temp.File("cache"), ReadEnvironment = Environment(missing), AllowDownload = false };
        var env = await Assert.ThrowsAsync<FileNotFoundException>(() => viaEnvironment.LocateCaliforniaHousingAsync());
        Assert.Contains("DYNPMNN_CAL_HOUSING", env.Message);
        Assert.Contains(missing, env.Message);
    }

    [Fact]
    public async Task Cache_PrefersRawFileThenArchive()
    {
        using var temp = new TempDirectory();
        var cache = temp.File("cache");
        Directory.CreateDirectory(cache);
        var archive = Path.Combine(cache, "cal_housing.tgz");
        File.WriteAllBytes(archive, TestData.MakeTgz(CaliforniaHousing.ArchiveEntryName, Row));
        var locator = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), AllowDownload = false };

        Assert.Equal(archive, await locator.LocateCaliforniaHousingAsync());
        var fromArchive = await locator.LoadCaliforniaHousingAsync();
        Assert.Equal(1, fromArchive.Rows);

        var raw = Path.Combine(cache, "cal_housing.data");
        File.WriteAllText(raw, Row);
        Assert.Equal(raw, await locator.LocateCaliforniaHousingAsync());
    }

    [Fact]
    public async Task NothingFound_WithoutDownload_SaysWhereToPutTheFile()
    {
        using var temp = new TempDirectory();
        var cache = temp.File("cache");
        var locator = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), AllowDownload = false };
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => locator.LocateCaliforniaHousingAsync());
        Assert.Contains(Path.Combine(cache, "cal_housing.data"), e.Message);
        Assert.Contains("DYNPMNN_CAL_HOUSING", e.Message);
    }

    [Fact]
    public async Task Download_LandsTheVerifiedArchiveInTheCache()
    {
        using var temp = new TempDirectory();
        var lines = string.Concat(File.ReadLines(TestData.CalHousingPath).Take(200).Select(l => l + "\n"));
        var archive = TestData.MakeTgz(CaliforniaHousing.ArchiveEntryName, lines);
        using var server = new LoopbackServer(archive);
        using var client = new HttpClient();
        var cache = temp.File("cache");
        var locator = new DataLocator
        {
            CacheDirectory = cache,
            ReadEnvironment = Environment(),
            ArchiveUri = server.Uri,
            ArchiveSha256 = Convert.ToHexStringLower(SHA256.HashData(archive)),
            HttpClient = client,
        };
        var progress = new RecordingProgress<DownloadProgress>();

        var path = await locator.LocateCaliforniaHousingAsync(progress: progress);

        Assert.Equal(Path.Combine(cache, "cal_housing.tgz"), path);
        Assert.Equal(archive, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(cache));
        Assert.NotEmpty(progress.Reports);
        Assert.Equal(new DownloadProgress(archive.Length, archive.Length), progress.Reports[^1]);
        Assert.Equal(1.0, progress.Reports[^1].Fraction);
        Assert.Equal(200, CaliforniaHousing.Load(path).Rows);

        // Once cached, no second request is made.
        await locator.LocateCaliforniaHousingAsync();
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Download_WithWrongChecksum_LeavesNothingBehind()
    {
        using var temp = new TempDirectory();
        var archive = TestData.MakeTgz(CaliforniaHousing.ArchiveEntryName, Row);
        using var server = new LoopbackServer(archive);
        using var client = new HttpClient();
        var cache = temp.File("cache");
        var locator = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), ArchiveUri = server.Uri, HttpClient = client };

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => locator.LocateCaliforniaHousingAsync());

        Assert.Contains("SHA-256", e.Message);
        Assert.Contains(DataLocator.DefaultArchiveSha256, e.Message);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(archive)), e.Message);
        Assert.Contains(server.Uri.ToString(), e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(cache));
    }

    [Fact]
    public async Task Download_ConnectionFailure_SaysWhereToPutTheFile()
    {
        using var temp = new TempDirectory();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var cache = temp.File("cache");
        var uri = new Uri($"http://127.0.0.1:{LoopbackServer.FreeLoopbackPort()}/cal_housing.tgz");
        var locator = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), ArchiveUri = uri, HttpClient = client };

        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => locator.LocateCaliforniaHousingAsync());

        Assert.Contains(uri.ToString(), e.Message);
        Assert.Contains(Path.Combine(cache, "cal_housing.data"), e.Message);
        Assert.Contains("DYNPMNN_CAL_HOUSING", e.Message);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Empty(Directory.GetFileSystemEntries(cache));
    }

    [Fact]
    public async Task Download_HttpError_IsReportedLikeAConnectionFailure()
    {
        using var temp = new TempDirectory();
        using var server = new LoopbackServer("gone"u8.ToArray(), HttpStatusCode.NotFound);
        using var client = new HttpClient();
        var cache = temp.File("cache");
        var locator = new DataLocator { CacheDirectory = cache, ReadEnvironment = Environment(), ArchiveUri = server.Uri, HttpClient = client };

        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => locator.LocateCaliforniaHousingAsync());

        Assert.Contains("404", e.Message);
        Assert.Contains("DYNPMNN_CAL_HOUSING", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(cache));
    }
}
