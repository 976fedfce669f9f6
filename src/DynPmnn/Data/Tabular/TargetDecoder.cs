namespace DynPmnn.Data;

/// <summary>Reads the target cells of a record: numbers for a regression, a class index for a classification.</summary>
internal sealed class TargetDecoder
{
    private readonly string _source;
    private readonly int[] _columns;
    private readonly string[] _names;
    private readonly IReadOnlyList<string> _classNames;
    private readonly bool _classification;
    private readonly bool _indices;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byName;
    private readonly Dictionary<double, int> _byNumber = [];

    private TargetDecoder(string source, int[] columns, string[] names, TaskKind task, IReadOnlyList<string> classNames, bool labelsAreIndices)
    {
        _source = source;
        _columns = columns;
        _names = names;
        _classification = task == TaskKind.Classification;
        _classNames = classNames;
        _indices = labelsAreIndices;
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < classNames.Count; i++)
        {
            byName[classNames[i]] = i;
            // A class named "1" also matches a cell "1.0": numeric labels are one class per value, not per spelling.
            if (Cells.ParseNumber(classNames[i], out var value) == CellNumber.Finite)
            {
                _byNumber.TryAdd(value, i);
            }
        }

        _byName = byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <param name="schema">The task, class names and target names.</param>
    /// <param name="columns">The 0-based file position of each target column, in the schema's order.</param>
    /// <param name="source">Names the file in messages.</param>
    public static TargetDecoder For(TabularSchema schema, int[] columns, string source) =>
        new(source, columns, [.. schema.Targets], schema.Task, schema.ClassNames, schema.LabelsAreClassIndices);

    /// <summary>Appends the current record's target value(s) to <paramref name="targets"/>.</summary>
    public void Decode(DelimitedReader reader, List<float> targets)
    {
        if (!_classification)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                targets.Add(ColumnEncoder.ReadNumber(reader, _source, _columns[i], _names[i]));
            }

            return;
        }

        var column = _columns[0];
        var cell = reader[column];
        ColumnEncoder.CheckPresent(reader, _source, column, _names[0], cell);
        if (_byName.TryGetValue(cell, out var label))
        {
            targets.Add(label);
            return;
        }

        if (Cells.ParseNumber(cell, out var value) == CellNumber.Finite)
        {
            if (_indices && value >= 0 && value < _classNames.Count && value == Math.Floor(value))
            {
                targets.Add((float)value);
                return;
            }

            if (_byNumber.TryGetValue(value, out label))
            {
                targets.Add(label);
                return;
            }
        }

        var expected = _indices
            ? $"a class index 0..{_classNames.Count - 1} or a class name ({ColumnEncoder.Listing(_classNames)})"
            : $"one of the classes ({ColumnEncoder.Listing(_classNames)})";
        throw new DataFormatException(_source, reader.Line, column + 1, _names[0], $"'{Cells.Shorten(cell)}' is not {expected}.");
    }
}
