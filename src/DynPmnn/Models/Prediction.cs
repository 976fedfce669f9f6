using DynPmnn.Data;

namespace DynPmnn.Models;

/// <summary>
/// What a trained model says about a batch of rows: for regression the values in the targets' own units, for
/// classification the class of each row and the probability of every class.
/// </summary>
public sealed class Prediction
{
    internal Prediction(DatasetTask task, int rows, float[] values, int[] classes, double[] probabilities)
    {
        Task = task;
        Rows = rows;
        Values = values;
        Classes = classes;
        Probabilities = probabilities;
    }

    public DatasetTask Task { get; }

    public int Rows { get; }

    /// <summary>Regression: row-major <c>[Rows, targets]</c> in the targets' units. Empty for classification.</summary>
    public float[] Values { get; }

    /// <summary>Classification: the predicted class index of each row. Empty for regression.</summary>
    public int[] Classes { get; }

    /// <summary>Classification: row-major <c>[Rows, classes]</c> class probabilities. Empty for regression.</summary>
    public double[] Probabilities { get; }

    /// <summary>The predicted class name of a row.</summary>
    public string ClassName(int row) => Task.ClassNames[Classes[row]];
}
