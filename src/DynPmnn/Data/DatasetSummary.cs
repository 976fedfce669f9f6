using System.Globalization;

namespace DynPmnn.Data;

/// <summary>The size and task of a data set, as a listing of data sets shows them.</summary>
/// <param name="Name">The data set's name.</param>
/// <param name="Rows">Rows of data.</param>
/// <param name="Features">Feature columns.</param>
/// <param name="Task">What is predicted.</param>
/// <param name="ClassCounts">Classification: rows per class, by class index. Empty for regression.</param>
public sealed record DatasetSummary(string Name, int Rows, int Features, DatasetTask Task, IReadOnlyList<int> ClassCounts)
{
    /// <summary>
    /// For example <c>iris: 150 rows, 4 features, classification of target into 3 classes (setosa 50, versicolor 50, virginica 50)</c>.
    /// </summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var size = string.Create(c, $"{Name}: {Rows:N0} rows, {Features} features, ");
        if (Task.Kind == TaskKind.Regression)
        {
            return size + Task;
        }

        var classes = Task.ClassNames.Select((name, i) => string.Create(c, $"{name} {ClassCounts[i]:N0}"));
        return size + $"classification of {Task.TargetNames[0]} into {Task.ClassCount} classes ({string.Join(", ", classes)})";
    }
}
