namespace DynPmnn.Trees;

/// <summary>
/// A column-major copy of a float feature matrix: the splitter gathers one feature of many samples at a time,
/// which reads one contiguous column instead of striding across rows.
/// </summary>
internal sealed class FeatureColumns
{
    public FeatureColumns(ReadOnlySpan<float> rowMajor, int columns)
    {
        Columns = columns;
        Rows = rowMajor.Length / columns;
        Values = new float[rowMajor.Length];
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                Values[c * Rows + r] = rowMajor[r * columns + c];
            }
        }
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Feature c of row r at <c>c * Rows + r</c>.</summary>
    public float[] Values { get; }

    public ReadOnlySpan<float> Column(int column) => Values.AsSpan(column * Rows, Rows);
}
