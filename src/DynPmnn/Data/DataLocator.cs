namespace DynPmnn.Data;

/// <summary>
/// Finds the data files of the built-in data sets where a user would expect them, verifies them, and downloads what is
/// nowhere at hand (see <see cref="LocateAsync"/>); and, as the paper's command line always has, finds California
/// Housing in any of its accepted forms (<see cref="LocateCaliforniaHousingAsync"/>).
/// </summary>
/// <remarks>
/// <see cref="LocateCaliforniaHousingAsync"/> searches an explicit path, the <see cref="EnvironmentVariable"/> variable,
/// the per-user cache folder (<c>cal_housing.data</c>, then <c>cal_housing.tgz</c>), and last downloads
/// <see cref="DefaultArchiveUri"/> into that cache. It accepts any California Housing file it is pointed at (a CSV with
/// scikit-learn's columns, say) and checks only the downloaded archive's SHA-256; <see cref="LocateAsync"/> checks every
/// copy. A path the user named but that does not exist is an error rather than a reason to look further: silently
/// loading some other copy would hide the typo. The download lands in a temporary file in the cache folder and is
/// renamed into place only once its SHA-256 matches, so an interrupted or tampered download never looks like a cached one.
/// </remarks>
public sealed partial class DataLocator
{
    /// <summary>Environment variable holding the path of a California Housing file (raw, archive or CSV).</summary>
    public const string EnvironmentVariable = "DYNPMNN_CAL_HOUSING";

    /// <summary>SHA-256 of <c>cal_housing.tgz</c> as scikit-learn records it for <see cref="DefaultArchiveUri"/>.</summary>
    public const string DefaultArchiveSha256 = CaliforniaHousing.ArchiveSha256;

    private const string CacheFolderName = "dynpmnn";

    private string? _cacheDirectory;

    /// <summary>scikit-learn's public copy of <c>cal_housing.tgz</c>.</summary>
    public static Uri DefaultArchiveUri => CaliforniaHousing.ArchiveUri;

    /// <summary>Where cached and downloaded files live; defaults to <see cref="DefaultCacheDirectory()"/>.</summary>
    public string CacheDirectory
    {
        get => _cacheDirectory ?? DefaultCacheDirectory(ReadEnvironment);
        init => _cacheDirectory = value;
    }

    /// <summary>Where <see cref="LocateCaliforniaHousingAsync"/> downloads the archive from (<see cref="LocateAsync"/> uses the data set's URLs, or <see cref="MirrorUri"/>).</summary>
    public Uri ArchiveUri { get; init; } = DefaultArchiveUri;

    /// <summary>The SHA-256 (hex) the archive <see cref="LocateCaliforniaHousingAsync"/> downloads must have.</summary>
    public string ArchiveSha256 { get; init; } = DefaultArchiveSha256;

    /// <summary>The client to download with; when <see langword="null"/> a short-lived one is made per download.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Whether a missing file may be downloaded; when <see langword="false"/> the search ends at the cache.</summary>
    public bool AllowDownload { get; init; } = true;

    /// <summary>Reads environment variables; replaceable so the search order can be exercised without touching the process environment.</summary>
    public Func<string, string?> ReadEnvironment { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// The per-user cache folder: <c>$XDG_CACHE_HOME/dynpmnn</c> or <c>~/.cache/dynpmnn</c> on Unix,
    /// <c>%LOCALAPPDATA%\dynpmnn</c> on Windows.
    /// </summary>
    public static string DefaultCacheDirectory() => DefaultCacheDirectory(Environment.GetEnvironmentVariable);

    internal static string DefaultCacheDirectory(Func<string, string?> readEnvironment)
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), CacheFolderName);
        }

        // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
        var xdg = readEnvironment("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, CacheFolderName);
        }

        var home = readEnvironment("HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return Path.Combine(home, ".cache", CacheFolderName);
    }

    /// <summary>Finds (or downloads) the data and reads it with <see cref="CaliforniaHousing.Load"/>.</summary>
    public async Task<Dataset> LoadCaliforniaHousingAsync(
        string? explicitPath = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var path = await LocateCaliforniaHousingAsync(explicitPath, progress, cancellationToken).ConfigureAwait(false);
        return CaliforniaHousing.Load(path);
    }

    /// <summary>The path of a California Housing file, downloading the archive into the cache when none is at hand.</summary>
    /// <param name="explicitPath">A file the caller names; it must exist.</param>
    /// <param name="progress">Told how the download goes, if there is one.</param>
    /// <param name="cancellationToken">Cancels a download in progress.</param>
    /// <exception cref="FileNotFoundException">A named file does not exist, or nothing was found and the download failed or was not allowed; the message says where to put the file.</exception>
    /// <exception cref="InvalidDataException">The downloaded archive's SHA-256 is not the expected one.</exception>
    public async Task<string> LocateCaliforniaHousingAsync(
        string? explicitPath = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return File.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new FileNotFoundException($"The California Housing file '{explicitPath}' does not exist.", explicitPath);
        }

        var fromEnvironment = ReadEnvironment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new FileNotFoundException(
                    $"{EnvironmentVariable} is set to '{fromEnvironment}', which does not exist. Point it at cal_housing.data or cal_housing.tgz, or unset it.",
                    fromEnvironment);
        }

        var cache = CacheDirectory;
        foreach (var name in (ReadOnlySpan<string>)[CaliforniaHousing.RawFileName, CaliforniaHousing.ArchiveFileName])
        {
            var cached = Path.Combine(cache, name);
            if (File.Exists(cached))
            {
                return cached;
            }
        }

        if (!AllowDownload)
        {
            throw new FileNotFoundException(
                $"The California Housing data was not found and downloading is turned off. {WhereToPutIt(cache)}",
                Path.Combine(cache, CaliforniaHousing.RawFileName));
        }

        return await DownloadArchiveAsync(progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads <see cref="ArchiveUri"/> into <see cref="CacheDirectory"/> as <c>cal_housing.tgz</c>, checking its SHA-256,
    /// and returns its path. An existing archive there is replaced.
    /// </summary>
    /// <exception cref="FileNotFoundException">The server could not be reached or did not answer with the file.</exception>
    /// <exception cref="InvalidDataException">The SHA-256 does not match; nothing is left in the cache.</exception>
    public async Task<string> DownloadArchiveAsync(IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var cache = CacheDirectory;
        Directory.CreateDirectory(cache);
        var destination = Path.Combine(cache, CaliforniaHousing.ArchiveFileName);
        // A unique name per attempt, so two processes filling the same cache cannot write into one file.
        var temporary = Path.Combine(cache, $".{CaliforniaHousing.ArchiveFileName}.{Guid.NewGuid():N}.part");
        var ownsClient = HttpClient is null;
        var client = HttpClient ?? new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            string actualSha256;
            try
            {
                actualSha256 = await FileDownloader.DownloadAsync(client, ArchiveUri, temporary, progress, null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException
                or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new FileNotFoundException(
                    $"Could not download the California Housing data from {ArchiveUri} ({e.Message}). {WhereToPutIt(cache)}",
                    destination,
                    e);
            }

            if (!string.Equals(actualSha256, ArchiveSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException(
                    $"The file downloaded from {ArchiveUri} has SHA-256 {actualSha256}, not the expected {ArchiveSha256.ToLowerInvariant()}; "
                    + $"it was discarded. {WhereToPutIt(cache)}");
            }

            // Same folder, so the rename is atomic: readers see either no archive or the whole verified one.
            File.Move(temporary, destination, overwrite: true);
            return destination;
        }
        finally
        {
            if (ownsClient)
            {
                client.Dispose();
            }

            FileDownloader.TryDelete(temporary);
        }
    }

    private string WhereToPutIt(string cache) =>
        $"Put cal_housing.data (or scikit-learn's cal_housing.tgz, from {ArchiveUri}) at {Path.Combine(cache, CaliforniaHousing.RawFileName)}, "
        + $"or set the environment variable {EnvironmentVariable} to the file's path, or pass the path explicitly.";
}
