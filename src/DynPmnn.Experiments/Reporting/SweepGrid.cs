namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// A metric over every pair of values of two hyperparameters, for <see cref="Figures.Heatmap"/>: one row per value of
/// the first (e.g. learning rate), one column per value of the second (e.g. batch size). A cell with no result, such
/// as a trial that failed or diverged, is <see langword="null"/>.
/// </summary>
public sealed class SweepGrid
{
    private readonly double?[,] values;

    /// <summary>
    /// A grid whose cell [r, c] is the result for <paramref name="rowValues"/>[r] and <paramref name="columnValues"/>[c]
    /// (all copied). The values are labels, written as they should appear on the axes (<c>"1e-3"</c>, <c>"32"</c>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A label list is empty, its length differs from the grid's, or a cell is NaN or infinite (write <see langword="null"/>
    /// for a trial without a result, so a missing cell is a decision and never an accident).
    /// </exception>
    public SweepGrid(string rowParameter, IReadOnlyList<string> rowValues, string columnParameter, IReadOnlyList<string> columnValues, double?[,] values)
    {
        ArgumentNullException.ThrowIfNull(rowParameter);
        ArgumentNullException.ThrowIfNull(rowValues);
        ArgumentNullException.ThrowIfNull(columnParameter);
        ArgumentNullException.ThrowIfNull(columnValues);
        ArgumentNullException.ThrowIfNull(values);
        if (rowValues.Count == 0 || columnValues.Count == 0)
        {
            throw new ArgumentException(
                $"A sweep grid needs at least one value of each hyperparameter; got {rowValues.Count} of '{rowParameter}' and {columnValues.Count} of '{columnParameter}'.",
                rowValues.Count == 0 ? nameof(rowValues) : nameof(columnValues));
        }

        if (values.GetLength(0) != rowValues.Count || values.GetLength(1) != columnValues.Count)
        {
            throw new ArgumentException(
                $"The grid is {values.GetLength(0)}×{values.GetLength(1)} but there are {rowValues.Count} values of '{rowParameter}' (rows) and {columnValues.Count} of '{columnParameter}' (columns).",
                nameof(values));
        }

        for (var r = 0; r < values.GetLength(0); r++)
        {
            for (var c = 0; c < values.GetLength(1); c++)
            {
                if (values[r, c] is { } v && !double.IsFinite(v))
                {
                    throw new ArgumentException(
                        $"The cell for {rowParameter} {rowValues[r]}, {columnParameter} {columnValues[c]} is {v}; use null for a trial without a result.",
                        nameof(values));
                }
            }
        }

        RowParameter = rowParameter;
        RowValues = [.. rowValues];
        ColumnParameter = columnParameter;
        ColumnValues = [.. columnValues];
        this.values = (double?[,])values.Clone();
    }

    /// <summary>The hyperparameter that varies down the rows, the y axis's label.</summary>
    public string RowParameter { get; }

    /// <summary>Its values, top row first.</summary>
    public IReadOnlyList<string> RowValues { get; }

    /// <summary>The hyperparameter that varies across the columns, the x axis's label.</summary>
    public string ColumnParameter { get; }

    /// <summary>Its values, left column first.</summary>
    public IReadOnlyList<string> ColumnValues { get; }

    /// <summary>How many cells have no result.</summary>
    public int MissingCount => values.Cast<double?>().Count(v => v is null);

    /// <summary>The result for row <paramref name="row"/> and column <paramref name="column"/>, or null if there is none.</summary>
    public double? this[int row, int column] => values[row, column];
}
