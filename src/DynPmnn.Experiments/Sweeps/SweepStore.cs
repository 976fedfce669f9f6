using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DynPmnn.IO;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// A sweep's results on disk: <c>DIR/sweep.json</c> (the <see cref="SweepManifest"/>) and one file per finished trial,
/// <c>DIR/trials/&lt;id&gt;.json</c> (a <see cref="TrialRecord"/>).
/// </summary>
/// <remarks>
/// Many processes on many machines may share one directory (a cluster file system): nothing is ever updated in place
/// by two writers. Each trial file is written whole to a uniquely named temporary file in the same directory, flushed,
/// and renamed into place, so a reader sees a complete result or none, and a process killed mid-trial or mid-write
/// leaves at most a temporary file (<c>.&lt;id&gt;.json.&lt;guid&gt;.tmp</c>), which every reader ignores. If two
/// processes run the same trial, both write a complete record of the same configuration and the last rename wins whole.
/// <c>sweep.json</c> is created without overwriting (a hard link, atomic on POSIX and NFS), so of several processes
/// starting at once exactly one creates it and the others compare against it.
/// </remarks>
public sealed class SweepStore
{
    /// <summary>The manifest's file name in the sweep directory.</summary>
    public const string ManifestFileName = "sweep.json";

    /// <summary>The folder of trial records in the sweep directory.</summary>
    public const string TrialsFolderName = "trials";

    /// <summary>How old an abandoned temporary file must be before <see cref="RemoveStaleTemporaryFiles"/> deletes it: far longer than any write takes, with room for clocks of machines that disagree.</summary>
    public static readonly TimeSpan StaleTemporaryAge = TimeSpan.FromHours(1);

    private SweepStore(string directory, SweepManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
    }

    /// <summary>The sweep directory (full path).</summary>
    public string Directory { get; }

    public string TrialsDirectory => Path.Combine(Directory, TrialsFolderName);

    public SweepManifest Manifest { get; }

    /// <summary>
    /// Opens <paramref name="directory"/> for <paramref name="plan"/>, creating it and its manifest if it is new. A
    /// directory that holds a different spec, was started by a different program version, or whose trials this
    /// machine expands differently is refused.
    /// </summary>
    /// <exception cref="SweepDirectoryException">The directory belongs to another sweep; the message says what differs.</exception>
    public static SweepStore Create(string directory, SweepPlan plan)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(plan);
        directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, TrialsFolderName));
        var manifest = SweepManifest.Of(plan);
        var manifestPath = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            CreateExclusively(manifestPath, JsonSerializer.Serialize(manifest, SweepJson.Indented.SweepManifest) + "\n");
        }

        var existing = ReadManifest(manifestPath);
        CheckSameSweep(directory, existing, manifest);
        return new SweepStore(directory, existing);
    }

    /// <summary>Opens an existing sweep directory to read its results.</summary>
    /// <exception cref="SweepDirectoryException">It has no readable <c>sweep.json</c>.</exception>
    public static SweepStore Open(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        directory = Path.GetFullPath(directory);
        var manifestPath = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new SweepDirectoryException($"{directory} is not a sweep directory: it has no {ManifestFileName}.");
        }

        return new SweepStore(directory, ReadManifest(manifestPath));
    }

    /// <summary>The file of trial <paramref name="id"/>'s record.</summary>
    public string PathOf(string id) => Path.Combine(TrialsDirectory, id + ".json");

    /// <summary>Whether trial <paramref name="id"/> has a record (done or failed).</summary>
    public bool Contains(string id) => File.Exists(PathOf(id));

    /// <summary>Trial <paramref name="id"/>'s record, or null if it has none.</summary>
    /// <exception cref="SweepDirectoryException">The file is damaged; the message names it.</exception>
    public TrialRecord? TryRead(string id)
    {
        var path = PathOf(id);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        return Parse(path, id, text);
    }

    /// <summary>Writes <paramref name="record"/> as its trial's file, atomically, replacing an earlier record.</summary>
    public void Write(TrialRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!TrialId.IsValid(record.Id))
        {
            throw new ArgumentException($"'{record.Id}' is not a trial id.", nameof(record));
        }

        AtomicFile.WriteAllText(PathOf(record.Id), JsonSerializer.Serialize(record, SweepJson.Indented.TrialRecord) + "\n");
    }

    /// <summary>Every record in the directory, by id. Temporary files and files not named like a trial are ignored.</summary>
    /// <exception cref="SweepDirectoryException">A record is damaged; the message names the file.</exception>
    public IReadOnlyDictionary<string, TrialRecord> ReadAll()
    {
        var records = new Dictionary<string, TrialRecord>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(TrialsDirectory))
        {
            return records;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(TrialsDirectory, "*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            if (!TrialId.IsValid(id))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (FileNotFoundException)
            {
                // Removed between listing and reading (a retry of a failed trial deletes nothing, but a user may).
                continue;
            }

            records[id] = Parse(path, id, text);
        }

        return records;
    }

    /// <summary>
    /// Deletes temporary files older than <paramref name="olderThan"/> (by default <see cref="StaleTemporaryAge"/>),
    /// which only a process killed while writing leaves; younger ones may belong to a writer still at work.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public int RemoveStaleTemporaryFiles(TimeSpan? olderThan = null)
    {
        var cutoff = DateTime.UtcNow - (olderThan ?? StaleTemporaryAge);
        var removed = 0;
        foreach (var folder in (string[])[Directory, TrialsDirectory])
        {
            if (!System.IO.Directory.Exists(folder))
            {
                continue;
            }

            foreach (var path in System.IO.Directory.EnumerateFiles(folder, ".*.tmp"))
            {
                try
                {
                    if (File.GetLastWriteTimeUtc(path) < cutoff)
                    {
                        File.Delete(path);
                        removed++;
                    }
                }
                catch (IOException)
                {
                    // Another process removed or renamed it first.
                }
            }
        }

        return removed;
    }

    private static TrialRecord Parse(string path, string id, string text)
    {
        TrialRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(text, SweepJson.Default.TrialRecord);
        }
        catch (JsonException error)
        {
            throw new SweepDirectoryException($"{path} is not a valid trial record: {DynPmnn.Serialization.PublicJson.Describe(error)}. Delete it to run the trial again.", error);
        }

        if (record is null || record.Id != id)
        {
            throw new SweepDirectoryException($"{path} is not the record of trial {id} (it names {record?.Id ?? "nothing"}). Delete it to run the trial again.");
        }

        return record;
    }

    /// <summary>Writes <paramref name="path"/> only if it does not exist, whole: a complete temporary file hard-linked into place.</summary>
    private static void CreateExclusively(string path, string text)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            // Without overwriting, .NET links the file into place (link(2) fails if the name exists), so of several
            // processes creating the directory at once exactly one succeeds and nobody sees a partial manifest.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; it is compared with ours next.
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static SweepManifest ReadManifest(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), SweepJson.Default.SweepManifest)
                   ?? throw new SweepDirectoryException($"{path} is empty (null).");
        }
        catch (JsonException error)
        {
            throw new SweepDirectoryException($"{path} is not a valid sweep manifest: {DynPmnn.Serialization.PublicJson.Describe(error)}.", error);
        }
    }

    private static void CheckSameSweep(string directory, SweepManifest existing, SweepManifest mine)
    {
        if (existing.Format != SweepManifest.CurrentFormat)
        {
            throw new SweepDirectoryException($"{directory} was written in sweep directory format {existing.Format}; this program reads format {SweepManifest.CurrentFormat}. Use a new directory.");
        }

        var storedSpec = JsonNode.Parse(JsonSerializer.Serialize(existing.Spec, SweepJson.Default.SweepSpec));
        var mySpec = JsonNode.Parse(JsonSerializer.Serialize(mine.Spec, SweepJson.Default.SweepSpec));
        if (JsonDifference.Find(storedSpec, mySpec) is { } difference)
        {
            throw new SweepDirectoryException(
                $"{directory} holds the sweep '{existing.Name}' of a different spec ({difference.Replace("the first", "its sweep.json").Replace("the second", "this spec")}). " +
                "Run this spec into a new directory, or delete the old one to start over.");
        }

        if (existing.ProgramVersion != mine.ProgramVersion)
        {
            throw new SweepDirectoryException(
                $"{directory} was started by program version {existing.ProgramVersion}; this is {mine.ProgramVersion}. Trial ids include the version, " +
                "so none of its results would be reused and the two versions' results would mix. Finish it with the old version, or run into a new directory.");
        }

        var storedIds = existing.Trials.Select(t => t.Id).ToArray();
        var myIds = mine.Trials.Select(t => t.Id).ToArray();
        if (!storedIds.SequenceEqual(myIds, StringComparer.Ordinal))
        {
            var first = Enumerable.Range(0, Math.Min(storedIds.Length, myIds.Length)).FirstOrDefault(k => storedIds[k] != myIds[k], -1);
            var where = first >= 0
                ? $"trial {first} is {storedIds[first]} there and {myIds[first]} here"
                : $"it has {storedIds.Length} trials and this machine expands {myIds.Length}";
            throw new SweepDirectoryException(
                $"This machine expands the spec of {directory} into other trials than the process that started it ({where}), though the spec and program version are the same. " +
                "Its results cannot be shared; run every process of a sweep with the same build on machines that expand it alike.");
        }
    }
}
