namespace DynPmnn.Data;

/// <summary>
/// Reads any delimited text table with a header row (CSV, TSV, semicolon- or pipe-separated) into a <see cref="Dataset"/>.
/// </summary>
/// <remarks>
/// <para>
/// The file is read twice: a first pass learns each column's kind (numeric or text), categories and the target's values,
/// the second encodes the rows into preallocated arrays. Nothing per cell is kept between the passes, so a large file
/// costs its encoded floats, not its text.
/// </para>
/// <para>
/// Targets: the named column(s), else the last column. The task, unless given: classification when the target holds
/// text, or holds only whole numbers with at most <see cref="DefaultMaxInferredClasses"/> (10) distinct values, enough
/// for digits 0-9 and typical label codes while a count or rating with more levels stays a regression; otherwise
/// regression. Several target columns are always a regression. Text class names are ordered by code point and numeric
/// ones by value, as <c>numpy.unique</c> orders them, so class indices match scikit-learn's <c>LabelEncoder</c>.
/// </para>
/// <para>
/// Feature columns holding any text are categorical and one-hot encoded into <c>column=category</c> features
/// (categories in code-point order), unless <see cref="CategoricalFeatures.Reject"/> is asked for. Missing values (an
/// empty cell, NA, N/A, NaN, null, None, ?) in a used column are an error, as are numbers a float cannot hold (1e39,
/// Infinity); every error names file, line and column.
/// </para>
/// </remarks>
public static class DelimitedFile
{
    /// <summary>The longest row read, in characters: 1 MiB, far beyond any sane table row, small enough to fail fast on a file that is not one.</summary>
    public const int DefaultMaxRowLength = 1 << 20;

    /// <summary>The most categories a text feature column may have by default.</summary>
    public const int DefaultMaxCategories = 100;

    /// <summary>An all-integer target with at most this many distinct values is inferred to be class labels.</summary>
    public const int DefaultMaxInferredClasses = 10;

    /// <summary>The most classes a classification target may have.</summary>
    public const int MaxClasses = 10_000;

    /// <summary>Reads <paramref name="path"/> into a data set.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not a table these options can read; the message names file, line and column.</exception>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    public static Dataset Load(string path, DelimitedFileOptions? options = null) => Read(path, options).Dataset;

    /// <summary>Reads <paramref name="path"/> into a data set, with the decisions taken on the way.</summary>
    /// <inheritdoc cref="Load" path="/exception"/>
    public static DelimitedFileResult Read(string path, DelimitedFileOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The file '{path}' does not exist.", path);
        }

        options ??= new DelimitedFileOptions();
        var name = options.Name ?? Path.GetFileNameWithoutExtension(path);
        return Read(() => DelimitedReader.OpenText(path), path, name, options);
    }

    /// <summary>As <see cref="Read(string, DelimitedFileOptions?)"/>, from text that <paramref name="open"/> supplies from its start (it is called once per pass).</summary>
    /// <param name="open">Opens the text.</param>
    /// <param name="source">Names the text in messages and row origins.</param>
    /// <param name="name">The data set's name.</param>
    /// <param name="options">How to read it.</param>
    public static DelimitedFileResult Read(Func<TextReader> open, string source, string name, DelimitedFileOptions options)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);

        // Pass 1: the columns' kinds and values.
        char delimiter;
        Layout layout;
        ColumnScan[] featureScans;
        ColumnScan[] targetScans;
        int rows;
        using (var reader = DelimitedReader.Open(open, source, options.Delimiter, options.MaxRowLength))
        {
            delimiter = reader.Delimiter;
            layout = Layout.Resolve(reader.Header, reader.HeaderLine, source, options);
            featureScans = layout.Features.Select(c => new ColumnScan(source, c, reader.Header[c], options.MaxCategories)).ToArray();
            targetScans = layout.Targets.Select(c => new ColumnScan(source, c, reader.Header[c], MaxClasses)).ToArray();
            rows = 0;
            while (reader.MoveNext())
            {
                rows++;
                foreach (var scan in featureScans)
                {
                    scan.Observe(reader);
                }

                foreach (var scan in targetScans)
                {
                    scan.Observe(reader);
                }
            }

            if (rows == 0)
            {
                throw new DataFormatException(source, reader.HeaderLine, "the file has a header but no rows of data.");
            }
        }

        var features = featureScans.Select(scan => DecideFeature(scan, options)).ToArray();
        var (inference, classNames) = DecideTask(targetScans, options);
        var schema = new TabularSchema
        {
            Features = features,
            Targets = targetScans.Select(s => s.Name).ToArray(),
            Task = inference.Kind,
            ClassNames = classNames,
        };
        schema.Validate();

        // Pass 2: encode into arrays sized by pass 1.
        var width = schema.EncodedWidth;
        var task = schema.ToTask();
        var featureValues = new float[checked(rows * width)];
        var targetValues = new List<float>(rows * task.TargetWidth);
        var lines = new int[rows];
        using (var reader = DelimitedReader.Open(open, source, delimiter, options.MaxRowLength))
        {
            var encoders = features.Select((f, i) => ColumnEncoder.For(f, layout.Features[i], source)).ToArray();
            var decoder = TargetDecoder.For(schema, layout.Targets, source);
            var row = 0;
            while (reader.MoveNext())
            {
                if (row == rows)
                {
                    throw new DataFormatException(source, reader.Line, "the file grew while it was being read; read it again once it is complete.");
                }

                var destination = featureValues.AsSpan(row * width, width);
                var offset = 0;
                foreach (var encoder in encoders)
                {
                    encoder.Encode(reader, destination.Slice(offset, encoder.Width));
                    offset += encoder.Width;
                }

                decoder.Decode(reader, targetValues);
                lines[row++] = reader.Line;
            }

            if (row != rows)
            {
                throw new DataFormatException(source, null, "the file shrank while it was being read; read it again once it is complete.");
            }
        }

        var dataset = new Dataset(name, featureValues, schema.EncodedFeatureNames, [.. targetValues], task, RowOrigins.FromLines(source, lines), schema);
        return new DelimitedFileResult
        {
            Dataset = dataset,
            Delimiter = delimiter,
            DelimiterSniffed = options.Delimiter is null,
            TargetColumns = schema.Targets,
            TargetDefaulted = options.Target is not { Count: > 0 },
            Task = inference,
            UnusedColumns = layout.Unused,
        };
    }

    private static void CheckOptions(DelimitedFileOptions options)
    {
        if (options.Features is not null && options.Drop is not null)
        {
            throw new ArgumentException("Name either the feature columns or the columns to drop, not both.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxCategories, "options.MaxCategories");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxInferredClasses, "options.MaxInferredClasses");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxRowLength, "options.MaxRowLength");
        CheckUnique(options.Target, "target");
        CheckUnique(options.Features, "feature");
        CheckUnique(options.Drop, "dropped");
        if (options.Target is { Count: > 1 } && options.Task == TaskKind.Classification)
        {
            throw new ArgumentException(
                $"A classification has one label column; {TabularSchema.Quote(options.Target)} are several (several targets make a regression).", nameof(options));
        }

        foreach (var target in options.Target ?? [])
        {
            if (options.Features?.Contains(target, StringComparer.Ordinal) == true)
            {
                throw new ArgumentException($"Column '{target}' is named both as a target and as a feature.", nameof(options));
            }

            if (options.Drop?.Contains(target, StringComparer.Ordinal) == true)
            {
                throw new ArgumentException($"Column '{target}' is named both as a target and as a column to drop.", nameof(options));
            }
        }
    }

    private static void CheckUnique(IReadOnlyList<string>? names, string role)
    {
        var duplicate = names?.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The {role} column '{duplicate.Key}' is named twice.", "options");
        }
    }

    private static FeatureColumn DecideFeature(ColumnScan scan, DelimitedFileOptions options)
    {
        if (scan.AllNumbers)
        {
            scan.RequireFiniteNumbers();
            return new FeatureColumn { Name = scan.Name, Kind = FeatureKind.Numeric };
        }

        var (line, text) = scan.NonNumber!.Value;
        if (options.CategoricalFeatures == CategoricalFeatures.Reject)
        {
            throw new DataFormatException(
                scan.SourceName, line, scan.Column + 1, scan.Name,
                $"'{text}' is not a number, and text (categorical) feature columns were refused. Drop the column, or allow one-hot encoding.");
        }

        if (scan.TooManyDistinct)
        {
            throw new DataFormatException(
                scan.SourceName, line, scan.Column + 1, scan.Name,
                $"'{text}' is not a number, so the column would be categorical, but it has more than {options.MaxCategories} distinct values "
                + "(an id or free text?). Drop the column, fix the cell if it should be a number, or raise the category limit.");
        }

        var categories = scan.Distinct.ToArray();
        Array.Sort(categories, CodePointOrder.Instance);
        return new FeatureColumn { Name = scan.Name, Kind = FeatureKind.Categorical, Categories = categories };
    }

    private static (TaskInference Inference, string[] ClassNames) DecideTask(ColumnScan[] targets, DelimitedFileOptions options)
    {
        if (targets.Length > 1 || options.Task == TaskKind.Regression)
        {
            foreach (var scan in targets)
            {
                scan.RequireNumbers("a regression target");
            }

            var reason = options.Task == TaskKind.Regression
                ? "given"
                : $"{targets.Length} target columns make a regression with {targets.Length} outputs";
            return (new TaskInference(TaskKind.Regression, options.Task is null, reason), []);
        }

        var target = targets[0];
        string why;
        if (options.Task == TaskKind.Classification)
        {
            why = "given";
        }
        else if (!target.AllNumbers)
        {
            why = $"target '{target.Name}' holds text ('{target.NonNumber!.Value.Text}' on line {target.NonNumber.Value.Line}), so it names classes";
        }
        else if (target.Fraction is { } fraction)
        {
            target.RequireFiniteNumbers();
            return (new TaskInference(
                TaskKind.Regression, true, $"target '{target.Name}' holds fractional numbers ({fraction.Text} on line {fraction.Line})"), []);
        }
        else if (target.DistinctNumbers.Count > options.MaxInferredClasses || target.TooManyDistinct)
        {
            target.RequireFiniteNumbers();
            return (new TaskInference(
                TaskKind.Regression,
                true,
                $"target '{target.Name}' holds more than {options.MaxInferredClasses} distinct whole numbers; to classify, set the task to classification"), []);
        }
        else if (target.DistinctNumbers.Count < 2)
        {
            // One value cannot be a classification; a constant is a (useless, but valid) regression target.
            target.RequireFiniteNumbers();
            return (new TaskInference(TaskKind.Regression, true, $"target '{target.Name}' holds a single value"), []);
        }
        else
        {
            why = $"target '{target.Name}' holds only {target.DistinctNumbers.Count} distinct whole numbers (at most {options.MaxInferredClasses} are read as class labels); "
                + "to predict it as a number, set the task to regression";
        }

        if (target.TooManyDistinct)
        {
            throw new DataFormatException(
                target.SourceName, null, target.Column + 1, target.Name, $"the label column has more than {MaxClasses:N0} distinct values; is it really a class label?");
        }

        string[] classNames;
        if (target.AllNumbers)
        {
            target.RequireFiniteNumbers();
            classNames = target.DistinctNumbers.Order().Select(Cells.NumberName).ToArray();
        }
        else
        {
            classNames = target.Distinct.ToArray();
            Array.Sort(classNames, CodePointOrder.Instance);
        }

        if (classNames.Length < 2)
        {
            throw new DataFormatException(
                target.SourceName, null, target.Column + 1, target.Name,
                $"every row has the label '{classNames[0]}'; a classification needs at least two classes.");
        }

        return (new TaskInference(TaskKind.Classification, options.Task is null, why), classNames);
    }

    /// <summary>Where the targets and features are in the file, and which columns go unused.</summary>
    private sealed record Layout(int[] Targets, int[] Features, string[] Unused)
    {
        public static Layout Resolve(IReadOnlyList<string> header, int headerLine, string source, DelimitedFileOptions options)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                index[header[i]] = i;
            }

            int Find(string column, string role) => index.TryGetValue(column, out var i)
                ? i
                : throw new DataFormatException(
                    source, headerLine, $"there is no column '{column}' (named as {role}). The header has {TabularSchema.Quote(header)}.");

            var targets = options.Target is { Count: > 0 } named
                ? named.Select(t => Find(t, "a target")).ToArray()
                : [header.Count - 1];
            int[] features;
            if (options.Features is { } chosen)
            {
                features = chosen.Select(f => Find(f, "a feature")).ToArray();
            }
            else
            {
                var dropped = (options.Drop ?? []).Select(d => Find(d, "a column to drop")).ToHashSet();
                features = Enumerable.Range(0, header.Count).Where(i => !targets.Contains(i) && !dropped.Contains(i)).ToArray();
            }

            if (features.Length == 0)
            {
                throw new DataFormatException(
                    source,
                    headerLine,
                    $"no feature columns are left besides the target(s) {TabularSchema.Quote(targets.Select(t => header[t]))}. The header has {TabularSchema.Quote(header)}.");
            }

            if (features.FirstOrDefault(targets.Contains, -1) is var both and >= 0)
            {
                throw new DataFormatException(
                    source, headerLine, $"column '{header[both]}' is both a target and a feature; name the target, or leave it out of the features.");
            }

            var used = targets.Concat(features).ToHashSet();
            var unused = Enumerable.Range(0, header.Count).Where(i => !used.Contains(i)).Select(i => header[i]).ToArray();
            return new Layout(targets, features, unused);
        }
    }
}
