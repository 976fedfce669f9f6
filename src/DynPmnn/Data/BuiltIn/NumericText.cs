namespace DynPmnn.Data;

/// <summary>Reads the headerless numeric text files of the built-in data sets, line by line, checking every field.</summary>
internal static class NumericText
{
    /// <summary>
    /// Opens a file for reading as text, decompressing it when it starts with the gzip magic bytes (so a data set's
    /// <c>.gz</c> file and its decompressed copy both read).
    /// </summary>
    /// <exception cref="DataFormatException">The gzip data is damaged or cut short.</exception>
    public static TextReader Open(string path)
    {
        var stream = File.OpenRead(path);
        if (!GzipContent.HasMagic(stream))
        {
            return new StreamReader(stream);
        }

        using (stream)
        {
            try
            {
                return new StreamReader(new MemoryStream(GzipContent.Decompress(stream)));
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(path, null, $"not a complete gzip file: {e.Message}. Fetch the file again.", e);
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="row"/> with each non-blank line's 1-based number and values. Blank lines are skipped, as
    /// numpy's <c>loadtxt</c> skips them.
    /// </summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">Names the file in messages.</param>
    /// <param name="separator">The field separator, or <see langword="null"/> for runs of white space (as <c>loadtxt</c> splits by default).</param>
    /// <param name="columnNames">One name per field, for messages; the field count every line must have.</param>
    /// <param name="row">Receives the line number and the fields as doubles (a buffer reused between calls).</param>
    /// <param name="linesAlreadyRead">Lines the caller read before handing over the reader (a header), so line numbers stay the file's.</param>
    /// <exception cref="DataFormatException">A line has the wrong number of fields, or a field is not a finite number.</exception>
    public static void Read(
        TextReader reader, string source, char? separator, IReadOnlyList<string> columnNames, Action<int, double[]> row, int linesAlreadyRead = 0)
    {
        var values = new double[columnNames.Count];
        var lineNumber = linesAlreadyRead;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = separator is { } s ? line.Split(s) : line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != values.Length)
            {
                var how = separator is { } sep ? $"'{sep}'-separated" : "space-separated";
                throw new DataFormatException(source, lineNumber, $"expected {values.Length} {how} fields ({string.Join(", ", columnNames)}), found {fields.Length}.");
            }

            for (var i = 0; i < fields.Length; i++)
            {
                var kind = Cells.ParseNumber(fields[i].Trim(), out values[i]);
                if (kind != CellNumber.Finite)
                {
                    throw new DataFormatException(source, lineNumber, i + 1, columnNames[i], $"{Cells.Explain(kind, fields[i].Trim())}.");
                }
            }

            row(lineNumber, values);
        }
    }
}
