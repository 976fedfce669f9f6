namespace DynPmnn.Data;

/// <summary>A table read by <see cref="DelimitedFile"/>, with what was decided on the way, for the caller to report.</summary>
public sealed record DelimitedFileResult
{
    /// <summary>The data set; its <see cref="Dataset.Schema"/> records the encoding.</summary>
    public required Dataset Dataset { get; init; }

    /// <summary>The delimiter used.</summary>
    public required char Delimiter { get; init; }

    /// <summary>Whether the delimiter was sniffed rather than given.</summary>
    public required bool DelimiterSniffed { get; init; }

    /// <summary>The target column(s).</summary>
    public required IReadOnlyList<string> TargetColumns { get; init; }

    /// <summary>Whether the target is the last column because none was named.</summary>
    public required bool TargetDefaulted { get; init; }

    /// <summary>The task and why.</summary>
    public required TaskInference Task { get; init; }

    /// <summary>Columns of the file that are neither features nor targets.</summary>
    public required IReadOnlyList<string> UnusedColumns { get; init; }

    /// <summary>The encoding of the columns, as saved with a model.</summary>
    public TabularSchema Schema => Dataset.Schema;

    /// <summary>One line per decision, for a command to print: delimiter, target, task, one-hot columns, unused columns.</summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = new List<string>
        {
            $"delimiter '{DelimitedReader.Printable(Delimiter)}'{(DelimiterSniffed ? " (detected)" : "")}",
            $"target {TabularSchema.Quote(TargetColumns)}{(TargetDefaulted ? " (the last column, as none was named)" : "")}",
            $"task: {Task}",
        };
        foreach (var column in Schema.Features.Where(f => f.Kind == FeatureKind.Categorical))
        {
            lines.Add($"one-hot: '{column.Name}' into {column.Categories.Count} features ({ColumnEncoder.Listing(column.Categories)})");
        }

        if (UnusedColumns.Count > 0)
        {
            lines.Add($"unused column(s): {TabularSchema.Quote(UnusedColumns)}");
        }

        return lines;
    }
}
