namespace DynPmnn.Data;

/// <summary>Finding, verifying, downloading and gathering the files of the built-in data sets.</summary>
/// <remarks>
/// Each file is searched for in turn: an explicit path (a file, or a folder holding it), <see cref="DataDirectory"/>,
/// for California Housing the file named by <see cref="EnvironmentVariable"/>, the folder named by
/// <see cref="DataDirectoryVariable"/>, the per-user cache, and last a download into the cache. A place the user named
/// that does not exist is an error rather than a reason to look further: silently using some other copy would hide the
/// typo. Every copy found is checked against its SHA-256 before use, the cached ones too; a wrong copy the user
/// placed is an error naming the file, both hashes and what to do, while a wrong copy in the cache is replaced by a
/// fresh download (or reported, when downloading is off). Downloads land in a temporary file and are renamed into
/// place only once verified.
/// </remarks>
public sealed partial class DataLocator
{
    /// <summary>Environment variable naming a folder that holds data files (any of the built-in data sets' files).</summary>
    public const string DataDirectoryVariable = "DYNPMNN_DATA_DIR";

    private const string FetchHint = "On a machine with internet, 'dynpmnn datasets fetch --to DIR' gathers every built-in data file into DIR, verified, to copy here.";

    /// <summary>A folder holding data files, searched before the environment and the cache; it must exist when given.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// A server to download every file from instead of its published URL: a file is fetched from this address plus
    /// its file name (e.g. an internal mirror). <see langword="null"/> uses the published URLs.
    /// </summary>
    public Uri? MirrorUri { get; init; }

    /// <summary>Finds (or downloads) the data set's files and reads them.</summary>
    /// <inheritdoc cref="LocateAsync" path="/param"/>
    /// <inheritdoc cref="LocateAsync" path="/exception"/>
    public async Task<Dataset> LoadAsync(
        BuiltInDataset dataset, string? explicitPath = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var located = await LocateAsync(dataset, explicitPath, progress, cancellationToken).ConfigureAwait(false);
        return located.Load();
    }

    /// <summary>Finds a verified copy of each of the data set's files, downloading into the cache what is nowhere at hand.</summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="explicitPath">A file of the data set (for a data set of several files, one named as the data set names it, the others looked for beside it) or a folder holding them; it must exist.</param>
    /// <param name="progress">Told how downloads go, if there are any.</param>
    /// <param name="cancellationToken">Cancels a download in progress.</param>
    /// <exception cref="FileNotFoundException">A named path does not exist, or a file was not found and could not be downloaded; the message says where to put it.</exception>
    /// <exception cref="DirectoryNotFoundException">The data folder given, or the one <see cref="DataDirectoryVariable"/> names, does not exist.</exception>
    /// <exception cref="InvalidDataException">A copy found, or downloaded, has the wrong SHA-256.</exception>
    public async Task<LocatedDataset> LocateAsync(
        BuiltInDataset dataset, string? explicitPath = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var places = SearchPlaces(dataset, explicitPath, excludedFolder: null);
        var files = new List<LocatedFile>(dataset.Files.Count);
        foreach (var file in dataset.Files)
        {
            var found = Find(dataset, file, places, out var rejectedCacheCopy);
            files.Add(found ?? await DownloadAsync(dataset, file, rejectedCacheCopy, progress, cancellationToken).ConfigureAwait(false));
        }

        return new LocatedDataset(dataset, files);
    }

    /// <summary>Where each of the data set's files is, without downloading anything or failing on what is missing.</summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="explicitPath">As for <see cref="LocateAsync"/>.</param>
    public DatasetAvailability Survey(BuiltInDataset dataset, string? explicitPath = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        IReadOnlyList<Place> places;
        try
        {
            places = SearchPlaces(dataset, explicitPath, excludedFolder: null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            return new DatasetAvailability(dataset, dataset.Files.Select(f => new FileAvailability(f, null, e.Message)).ToArray());
        }

        var files = new List<FileAvailability>();
        foreach (var file in dataset.Files)
        {
            try
            {
                var found = Find(dataset, file, places, out var rejected);
                files.Add(new FileAvailability(file, found, rejected is null ? null : Mismatch(dataset, file, rejected, "Delete it so that it is downloaded again.").Message));
            }
            catch (InvalidDataException e)
            {
                files.Add(new FileAvailability(file, null, e.Message));
            }
        }

        return new DatasetAvailability(dataset, files);
    }

    /// <summary>
    /// Puts a verified copy of every built-in data file into <paramref name="directory"/>, found or downloaded as
    /// <see cref="LocateAsync"/> finds them, so that a machine without internet can use the folder as its data folder.
    /// Verified copies already there are kept; wrong ones are replaced.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file was not found and could not be downloaded.</exception>
    /// <exception cref="InvalidDataException">A copy found elsewhere, or downloaded, has the wrong SHA-256.</exception>
    public async Task<IReadOnlyList<FetchedFile>> FetchAllAsync(
        string directory, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var folder = Path.GetFullPath(directory);
        Directory.CreateDirectory(folder);
        var fetched = new List<FetchedFile>();
        foreach (var dataset in BuiltInDatasets.All)
        {
            var places = SearchPlaces(dataset, explicitPath: null, excludedFolder: folder);
            foreach (var file in dataset.Files)
            {
                if (FindIn(folder, file) is { } present)
                {
                    if (Verify(file, present.Path, present.IsArchive).Matches)
                    {
                        fetched.Add(new FetchedFile(dataset, file, present.Path, null));
                        continue;
                    }

                    // The folder is being filled on request: a wrong copy there is replaced, not reported.
                    File.Delete(present.Path);
                }

                var origin = Find(dataset, file, places, out var rejected)
                    ?? await DownloadAsync(dataset, file, rejected, progress, cancellationToken).ConfigureAwait(false);
                var destination = Path.Combine(folder, origin.IsArchive ? file.Archive!.FileName : file.FileName);
                CopyVerified(dataset, file, origin, destination);
                fetched.Add(new FetchedFile(dataset, file, destination, origin));
            }
        }

        return fetched;
    }

    private IReadOnlyList<Place> SearchPlaces(BuiltInDataset dataset, string? explicitPath, string? excludedFolder)
    {
        var places = new List<Place>();
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            places.AddRange(ExplicitPlaces(dataset, explicitPath));
        }

        if (!string.IsNullOrWhiteSpace(DataDirectory))
        {
            places.Add(new Place(DataFileSource.DataDirectory, RequireFolder(DataDirectory, "The data folder"), null));
        }

        if (dataset.Name == CaliforniaHousing.Name && ReadEnvironment(EnvironmentVariable) is { } californiaFile && !string.IsNullOrWhiteSpace(californiaFile))
        {
            places.Add(File.Exists(californiaFile)
                ? new Place(DataFileSource.CaliforniaVariable, null, Path.GetFullPath(californiaFile))
                : throw new FileNotFoundException(
                    $"{EnvironmentVariable} is set to '{californiaFile}', which does not exist. Point it at cal_housing.data or cal_housing.tgz, or unset it.",
                    californiaFile));
        }

        if (ReadEnvironment(DataDirectoryVariable) is { } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            places.Add(new Place(
                DataFileSource.DataDirectoryVariable, RequireFolder(fromEnvironment, $"{DataDirectoryVariable} is set to a folder that"), null));
        }

        places.Add(new Place(DataFileSource.Cache, Path.GetFullPath(CacheDirectory), null));
        return excludedFolder is null
            ? places
            : places.Where(p => p.Folder is null || !string.Equals(p.Folder, excludedFolder, PathComparison)).ToArray();
    }

    private static IEnumerable<Place> ExplicitPlaces(BuiltInDataset dataset, string explicitPath)
    {
        if (Directory.Exists(explicitPath))
        {
            return [new Place(DataFileSource.ExplicitPath, Path.GetFullPath(explicitPath), null)];
        }

        if (!File.Exists(explicitPath))
        {
            throw new FileNotFoundException($"The {dataset.Name} file '{explicitPath}' does not exist.", explicitPath);
        }

        var full = Path.GetFullPath(explicitPath);
        if (dataset.Files.Count == 1)
        {
            return [new Place(DataFileSource.ExplicitPath, null, full)];
        }

        // A data set of several files: the one named, and its companions beside it.
        var name = Path.GetFileName(full);
        return dataset.Files.Any(f => f.FileName == name || f.Archive?.FileName == name)
            ? [new Place(DataFileSource.ExplicitPath, null, full), new Place(DataFileSource.ExplicitPath, Path.GetDirectoryName(full)!, null)]
            : throw new ArgumentException(
                $"{dataset.Name} is read from {dataset.Files.Count} files ({string.Join(", ", dataset.Files.Select(f => f.FileName))}); "
                + $"'{explicitPath}' is none of them. Name the folder that holds them, or one of them by its own name.",
                nameof(explicitPath));
    }

    private static string RequireFolder(string folder, string what) => Directory.Exists(folder)
        ? Path.GetFullPath(folder)
        : throw new DirectoryNotFoundException($"{what} '{folder}' does not exist.");

    /// <summary>
    /// The first verified copy of <paramref name="file"/> among <paramref name="places"/>, or <see langword="null"/>.
    /// A wrong copy in the cache is not used: its path comes back in <paramref name="rejectedCacheCopy"/>, for a download
    /// to replace. A wrong copy anywhere else is an error.
    /// </summary>
    private static LocatedFile? Find(BuiltInDataset dataset, DataFile file, IReadOnlyList<Place> places, out Candidate? rejectedCacheCopy)
    {
        rejectedCacheCopy = null;
        foreach (var place in places)
        {
            Candidate? candidate;
            if (place.File is { } path)
            {
                // A file the user named may be the data file or its archive, whatever its name.
                var name = Path.GetFileName(path);
                if (dataset.Files.Count > 1 && name != file.FileName && name != file.Archive?.FileName)
                {
                    continue;
                }

                var asFile = Verify(file, path, isArchive: false);
                if (asFile.Matches)
                {
                    return new LocatedFile(file, path, place.Source);
                }

                if (file.Archive is not null && Verify(file, path, isArchive: true).Matches)
                {
                    return new LocatedFile(file, path, place.Source, IsArchive: true);
                }

                candidate = new Candidate(path, false, asFile.Actual);
            }
            else if (FindIn(place.Folder!, file) is { } present)
            {
                var check = Verify(file, present.Path, present.IsArchive);
                if (check.Matches)
                {
                    return new LocatedFile(file, present.Path, place.Source, present.IsArchive);
                }

                candidate = present with { Actual = check.Actual };
                if (place.Source == DataFileSource.Cache)
                {
                    rejectedCacheCopy = candidate;
                    return null;
                }
            }
            else
            {
                continue;
            }

            throw Mismatch(dataset, file, candidate, "Delete it, or replace it with a verified copy.");
        }

        return null;
    }

    /// <summary>The file, or else its archive, in <paramref name="folder"/>.</summary>
    private static Candidate? FindIn(string folder, DataFile file)
    {
        var path = Path.Combine(folder, file.FileName);
        if (File.Exists(path))
        {
            return new Candidate(path, false, null);
        }

        if (file.Archive is not null)
        {
            var archive = Path.Combine(folder, file.Archive.FileName);
            if (File.Exists(archive))
            {
                return new Candidate(archive, true, null);
            }
        }

        return null;
    }

    /// <summary>Whether the copy has the expected SHA-256; <c>Actual</c> is its SHA-256, or why none could be taken (damaged gzip data).</summary>
    private static (bool Matches, string Actual) Verify(DataFile file, string path, bool isArchive)
    {
        string actual;
        try
        {
            actual = FileChecksum.Compute(path, ofDecompressedContent: !isArchive && file.ChecksumOfDecompressedContent);
        }
        catch (InvalidDataException e)
        {
            return (false, e.Message);
        }

        var expected = isArchive ? file.Archive!.Sha256 : file.Sha256;
        return (string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase), actual);
    }

    private async Task<LocatedFile> DownloadAsync(
        BuiltInDataset dataset, DataFile file, Candidate? rejectedCacheCopy, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var cache = Path.GetFullPath(CacheDirectory);
        if (!AllowDownload)
        {
            if (rejectedCacheCopy is not null)
            {
                throw Mismatch(dataset, file, rejectedCacheCopy, "Delete it so that it is downloaded again (downloading is turned off now), or replace it with a verified copy.");
            }

            throw new FileNotFoundException(
                $"{file.FileName} of the {dataset.Name} data set was not found and downloading is turned off. {WhereToPut(dataset, file, cache)}",
                Path.Combine(cache, file.FileName));
        }

        var isArchive = file.Urls.Count == 0 && file.Archive is not null;
        var name = file.DownloadFileName;
        var urls = MirrorUri is { } mirror ? [new Uri(WithTrailingSlash(mirror), Uri.EscapeDataString(name))] : file.DownloadUrls;
        Directory.CreateDirectory(cache);
        var destination = Path.Combine(cache, name);
        var ownsClient = HttpClient is null;
        var client = HttpClient ?? new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var failures = new List<string>();
        Exception? lastFailure = null;
        string? wrongChecksum = null;
        try
        {
            foreach (var url in urls)
            {
                var temporary = Path.Combine(cache, $".{name}.{Guid.NewGuid():N}.part");
                try
                {
                    var bytesSha256 = await FileDownloader.DownloadAsync(client, url, temporary, progress, name, cancellationToken).ConfigureAwait(false);
                    var (matches, actual) = isArchive || !file.ChecksumOfDecompressedContent
                        ? (string.Equals(bytesSha256, isArchive ? file.Archive!.Sha256 : file.Sha256, StringComparison.OrdinalIgnoreCase), bytesSha256)
                        : Verify(file, temporary, isArchive: false);
                    if (matches)
                    {
                        // Same folder, so the rename is atomic: readers see no file, the old one, or the whole verified one.
                        File.Move(temporary, destination, overwrite: true);
                        if (rejectedCacheCopy is not null && rejectedCacheCopy.Path != destination)
                        {
                            File.Delete(rejectedCacheCopy.Path);
                        }

                        return new LocatedFile(file, destination, DataFileSource.Download, isArchive);
                    }

                    var expected = isArchive ? file.Archive!.Sha256 : file.Sha256;
                    wrongChecksum ??= IsSha256(actual)
                        ? $"The file downloaded from {url} has SHA-256 {actual}{(isArchive || !file.ChecksumOfDecompressedContent ? "" : " (of the decompressed content)")}, "
                          + $"not the expected {expected}; it was discarded."
                        : $"The file downloaded from {url} is not usable: {actual}; it was discarded.";
                    failures.Add($"{url}: wrong SHA-256");
                }
                catch (Exception e) when (e is HttpRequestException or IOException
                    or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    failures.Add($"{url}: {e.Message}");
                    lastFailure = e;
                }
                finally
                {
                    FileDownloader.TryDelete(temporary);
                }
            }
        }
        finally
        {
            if (ownsClient)
            {
                client.Dispose();
            }
        }

        if (wrongChecksum is not null)
        {
            throw new InvalidDataException($"{wrongChecksum} {WhereToPut(dataset, file, cache)}");
        }

        throw new FileNotFoundException(
            $"Could not download {name} of the {dataset.Name} data set ({string.Join("; ", failures)}). {WhereToPut(dataset, file, cache)}",
            Path.Combine(cache, file.FileName),
            lastFailure);
    }

    private static void CopyVerified(BuiltInDataset dataset, DataFile file, LocatedFile origin, string destination)
    {
        var folder = Path.GetDirectoryName(destination)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.part");
        try
        {
            File.Copy(origin.Path, temporary);
            var (matches, actual) = Verify(file, temporary, origin.IsArchive);
            if (!matches)
            {
                throw Mismatch(dataset, file, new Candidate(temporary, origin.IsArchive, actual), $"It was copied from {origin.Path}, which changed while it was copied; try again.");
            }

            File.Move(temporary, destination, overwrite: true);
        }
        finally
        {
            FileDownloader.TryDelete(temporary);
        }
    }

    private static InvalidDataException Mismatch(BuiltInDataset dataset, DataFile file, Candidate copy, string remedy)
    {
        var (name, expected) = copy.IsArchive ? (file.Archive!.FileName, file.Archive.Sha256) : (file.FileName, file.Sha256);
        var of = !copy.IsArchive && file.ChecksumOfDecompressedContent ? " of the decompressed content" : "";
        var orArchive = !copy.IsArchive && file.Archive is { } archive ? $" (or {archive.Sha256} for its archive {archive.FileName})" : "";
        var found = IsSha256(copy.Actual) ? $"the SHA-256{of} is {copy.Actual}, expected {expected}{orArchive}" : $"{copy.Actual}";
        return new InvalidDataException(
            $"{copy.Path} is not the expected {name} of the {dataset.Name} data set: {found}. "
            + $"The file is damaged, incomplete or another version. {remedy} A verified copy can be downloaded from {string.Join(" or ", file.DownloadUrls)}.");
    }

    private string WhereToPut(BuiltInDataset dataset, DataFile file, string cache)
    {
        var from = file.Urls.Count > 0 ? $"from {string.Join(" or ", file.Urls)}; " : "";
        var archive = file.Archive is { } a ? $" (or its archive {a.FileName}, from {string.Join(" or ", a.Urls)})" : "";
        var california = dataset.Name == CaliforniaHousing.Name ? $", or set {EnvironmentVariable} to the file's path" : "";
        return $"Put {file.FileName} ({from}{file.DescribeChecksum()}){archive} in {cache}, or in the folder given as the data folder or by "
            + $"the environment variable {DataDirectoryVariable}{california}. {FetchHint}";
    }

    private static bool IsSha256(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigit);

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static StringComparison PathComparison => OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>A place to look: a folder, or one file the user named.</summary>
    private sealed record Place(DataFileSource Source, string? Folder, string? File);

    /// <summary>A copy of a data file (or its archive) found somewhere, with its SHA-256 once taken.</summary>
    private sealed record Candidate(string Path, bool IsArchive, string? Actual);
}
