using System.Formats.Tar;
using System.Globalization;

namespace DynPmnn.Data;

/// <summary>
/// Reads the California Housing data of Pace and Barry (1997) and derives scikit-learn's eight features from it,
/// as <c>sklearn.datasets.fetch_california_housing</c> does.
/// </summary>
/// <remarks>
/// Three forms are accepted: the raw StatLib <c>cal_housing.data</c> (nine numeric columns, no header), the
/// <c>cal_housing.tgz</c> archive scikit-learn downloads, and a CSV with a header naming either the nine raw
/// columns or scikit-learn's derived ones. The ratios are computed in double and only then rounded to float, so
/// the features equal scikit-learn's float64 values rounded once.
/// </remarks>
public static class CaliforniaHousing
{
    /// <summary>The built-in data set's name.</summary>
    public const string Name = "california";

    /// <summary>Rows in the published data set.</summary>
    public const int RowCount = 20640;

    /// <summary>Where the raw file lies inside <c>cal_housing.tgz</c>.</summary>
    public const string ArchiveEntryName = "CaliforniaHousing/cal_housing.data";

    /// <summary>File name of the raw data, as StatLib and the archive spell it.</summary>
    public const string RawFileName = "cal_housing.data";

    /// <summary>File name of scikit-learn's archive.</summary>
    public const string ArchiveFileName = "cal_housing.tgz";

    /// <summary>SHA-256 of the raw <c>cal_housing.data</c> (hex, lower case).</summary>
    public const string RawSha256 = "d3d8a1a722ae78f91134862727d27a70b1415e7d512a89140406248687f4b902";

    /// <summary>SHA-256 of <c>cal_housing.tgz</c> as scikit-learn records it for <see cref="ArchiveUri"/>.</summary>
    public const string ArchiveSha256 = "aaa5c9a6afe2225cc2aed2723682ae403280c4a3695a2ddda4ffb5d8215ea681";

    /// <summary>scikit-learn's public copy of <c>cal_housing.tgz</c>.</summary>
    public static Uri ArchiveUri { get; } = new("https://ndownloader.figshare.com/files/5976036");

    /// <summary>scikit-learn's target name: median house value in units of 100,000 dollars.</summary>
    public const string TargetName = "MedHouseVal";

    /// <summary>scikit-learn's feature names, in its column order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        ["MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude", "Longitude"];

    /// <summary>The nine columns of the raw file, in file order.</summary>
    public static IReadOnlyList<string> RawColumnNames { get; } =
        ["longitude", "latitude", "housingMedianAge", "totalRooms", "totalBedrooms", "population", "households", "medianIncome", "medianHouseValue"];

    private const int Longitude = 0, Latitude = 1, HousingMedianAge = 2, TotalRooms = 3, TotalBedrooms = 4,
        Population = 5, Households = 6, MedianIncome = 7, MedianHouseValue = 8;

    private static readonly string[] DerivedColumnNames = [.. FeatureNames, TargetName];

    /// <summary>
    /// Reads a file in any of the accepted forms. A gzip archive is recognised by its magic bytes rather than its
    /// name, so a renamed download still loads.
    /// </summary>
    /// <exception cref="DataFormatException">The content is not a California Housing table.</exception>
    public static Dataset Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        if (GzipContent.HasMagic(stream))
        {
            return ReadArchive(stream, path);
        }

        using var reader = new StreamReader(stream);
        return ReadText(reader, path);
    }

    /// <summary>Reads <see cref="ArchiveEntryName"/> out of a gzip-compressed tar stream such as <c>cal_housing.tgz</c>.</summary>
    /// <param name="gzipStream">The compressed archive; left open.</param>
    /// <param name="sourceName">Names the archive in error messages.</param>
    public static Dataset ReadArchive(Stream gzipStream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(gzipStream);
        ArgumentNullException.ThrowIfNull(sourceName);
        try
        {
            // Decompressed whole and checked against the gzip trailer: a cut archive would otherwise end quietly
            // inside the data file and read as fewer rows.
            using var tarStream = new MemoryStream(GzipContent.Decompress(gzipStream));
            using var tar = new TarReader(tarStream);
            while (tar.GetNextEntry() is { } entry)
            {
                // Archives made with "tar -C dir ." name entries "./CaliforniaHousing/...", which is the same file.
                var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                    && name == ArchiveEntryName
                    && entry.DataStream is { } data)
                {
                    using var reader = new StreamReader(data);
                    return ReadText(reader, $"{sourceName}:{ArchiveEntryName}");
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException and not DataFormatException)
        {
            throw new DataFormatException(sourceName, null, $"not a readable gzip-compressed tar archive ({e.Message})", e);
        }

        throw new DataFormatException(sourceName, null, $"the archive has no entry '{ArchiveEntryName}'.");
    }

    /// <summary>
    /// Reads the raw headerless file or a CSV with a header. A first line with no numeric field is taken as a header.
    /// Blank lines are skipped, as numpy's <c>loadtxt</c> skips them.
    /// </summary>
    /// <param name="reader">The text; left open.</param>
    /// <param name="sourceName">Names the file in error messages.</param>
    public static Dataset ReadText(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        try
        {
            // A row longer than a data row could be is refused as it is read, not after a whole file lands in memory.
            return ReadRows(new RowLengthGuard(reader, DelimitedFile.DefaultMaxRowLength), sourceName);
        }
        catch (RowTooLongException e)
        {
            throw new DataFormatException(sourceName, e.StartLine, $"the line is longer than {e.Limit:N0} characters, which no California Housing row is.", e);
        }
    }

    private static Dataset ReadRows(TextReader reader, string sourceName)
    {

        var features = new List<float>(RowCount * FeatureNames.Count);
        var targets = new List<float>(RowCount);
        var lines = new List<int>(RowCount);
        RowLayout? layout = null;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = Unquote(fields[i]);
            }

            if (layout is null)
            {
                if (fields.All(f => !TryParseNumber(f, out _)))
                {
                    layout = RowLayout.FromHeader(fields, sourceName, lineNumber);
                    continue;
                }

                layout = RowLayout.ForRawFile();
            }

            layout.Append(fields, sourceName, lineNumber, features, targets);
            lines.Add(lineNumber);
        }

        if (targets.Count == 0)
        {
            var problem = lineNumber == 0 ? "the file is empty." : "the file has no data rows.";
            throw new DataFormatException(sourceName, Math.Max(lineNumber, 1), problem);
        }

        return new Dataset(Name, [.. features], FeatureNames, [.. targets], DatasetTask.Regression(TargetName), RowOrigins.FromLines(sourceName, [.. lines]));
    }

    private static string Unquote(string field)
    {
        var trimmed = field.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? trimmed[1..^1].Trim() : trimmed;
    }

    private static bool TryParseNumber(string field, out double value) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Where each needed column sits in a row, whether the row holds raw or derived values, and the row being parsed.</summary>
    private sealed class RowLayout
    {
        private readonly int[] _positions;
        private readonly string[] _names;
        private readonly int _fieldCount;
        private readonly bool _derived;
        private readonly double[] _values;

        private RowLayout(int[] positions, string[] names, int fieldCount, bool derived)
        {
            _positions = positions;
            _names = names;
            _fieldCount = fieldCount;
            _derived = derived;
            _values = new double[positions.Length];
        }

        /// <summary>
        /// The headerless raw file's layout. A new one per read: a layout holds the row being parsed, so sharing one
        /// between concurrent reads would mix their rows.
        /// </summary>
        public static RowLayout ForRawFile() =>
            new(Enumerable.Range(0, RawColumnNames.Count).ToArray(), [.. RawColumnNames], RawColumnNames.Count, derived: false);

        public static RowLayout FromHeader(string[] header, string sourceName, int lineNumber)
        {
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                if (header[i].Length > 0 && !index.TryAdd(header[i], i))
                {
                    throw new DataFormatException(sourceName, lineNumber, $"the header names column '{header[i]}' twice.");
                }
            }

            // Derived names win when both sets are present: they are what the model consumes, and deriving again
            // from raw columns could only add rounding.
            var missingDerived = DerivedColumnNames.Where(n => !index.ContainsKey(n)).ToArray();
            if (missingDerived.Length == 0)
            {
                return new RowLayout(DerivedColumnNames.Select(n => index[n]).ToArray(), DerivedColumnNames, header.Length, derived: true);
            }

            var missingRaw = RawColumnNames.Where(n => !index.ContainsKey(n)).ToArray();
            if (missingRaw.Length == 0)
            {
                return new RowLayout(RawColumnNames.Select(n => index[n]).ToArray(), [.. RawColumnNames], header.Length, derived: false);
            }

            // Report against the set the header most resembles, which is the one its author meant.
            var missing = missingDerived.Length <= missingRaw.Length ? missingDerived : missingRaw;
            throw new DataFormatException(
                sourceName,
                lineNumber,
                $"the header lacks column(s) {string.Join(", ", missing)}. It must name either the raw columns "
                + $"({string.Join(", ", RawColumnNames)}) or scikit-learn's ({string.Join(", ", DerivedColumnNames)}), in any order.");
        }

        public void Append(string[] fields, string sourceName, int lineNumber, List<float> features, List<float> targets)
        {
            if (fields.Length != _fieldCount)
            {
                throw new DataFormatException(sourceName, lineNumber, $"expected {_fieldCount} comma-separated columns, found {fields.Length}.");
            }

            for (var i = 0; i < _positions.Length; i++)
            {
                var field = fields[_positions[i]];
                if (!TryParseNumber(field, out _values[i]))
                {
                    throw new DataFormatException(
                        sourceName, lineNumber, $"column {_positions[i] + 1} ({_names[i]}) is '{field}', which is not a finite number.");
                }

                if (!float.IsFinite((float)_values[i]))
                {
                    throw new DataFormatException(
                        sourceName, lineNumber, $"column {_positions[i] + 1} ({_names[i]}) is '{field}', which is beyond the range of float (about ±3.4e38).");
                }
            }

            if (_derived)
            {
                foreach (var v in _values.AsSpan(0, FeatureNames.Count))
                {
                    features.Add((float)v);
                }

                targets.Add((float)_values[FeatureNames.Count]);
                return;
            }

            var households = _values[Households];
            if (households == 0)
            {
                throw new DataFormatException(
                    sourceName, lineNumber, "households is zero, so AveRooms, AveBedrms and AveOccup would be undefined.");
            }

            features.Add((float)_values[MedianIncome]);
            features.Add((float)_values[HousingMedianAge]);
            features.Add((float)(_values[TotalRooms] / households));
            features.Add((float)(_values[TotalBedrooms] / households));
            features.Add((float)_values[Population]);
            features.Add((float)(_values[Population] / households));
            features.Add((float)_values[Latitude]);
            features.Add((float)_values[Longitude]);
            targets.Add((float)(_values[MedianHouseValue] / 100000.0));
        }
    }
}
