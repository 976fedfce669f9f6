using System.Globalization;

namespace DynPmnn.Metrics;

/// <summary>Checks shared by the metrics, so every one rejects bad input with the same clear messages.</summary>
internal static class MetricInputs
{
    /// <summary>Throws unless both spans have the same, non-zero length.</summary>
    public static void SameNonEmptyLength(int first, int second, string firstName, string secondName)
    {
        if (first != second)
        {
            throw new ArgumentException($"There are {first} {Plain(firstName)} but {second} {Plain(secondName)}; they must match one for one.", secondName);
        }

        if (first == 0)
        {
            throw new ArgumentException($"Metrics need at least one row; {firstName} is empty.", firstName);
        }
    }

    /// <summary>Throws unless every label is a class index in <c>[0, classCount)</c>.</summary>
    public static void ClassIndices(ReadOnlySpan<int> labels, int classCount, string name)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(
                    name, labels[i], Invariant($"{name}[{i}] = {labels[i]} is not a class index in [0, {classCount})."));
            }
        }
    }

    /// <summary>Throws unless there are at least two classes.</summary>
    public static void ClassCount(int classCount, string name)
    {
        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(name, classCount, $"A classification needs at least 2 classes, not {classCount}.");
        }
    }

    /// <summary>
    /// Throws unless <paramref name="weights"/> is empty (every row weighs 1) or holds one finite, non-negative weight
    /// per row with a positive sum.
    /// </summary>
    public static void SampleWeights(ReadOnlySpan<double> weights, int rows, string name)
    {
        if (weights.IsEmpty)
        {
            return;
        }

        if (weights.Length != rows)
        {
            throw new ArgumentException($"There are {rows} rows but {weights.Length} sample weights; give one weight per row or none.", name);
        }

        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (!(weights[i] >= 0 && double.IsFinite(weights[i])))
            {
                throw new ArgumentOutOfRangeException(
                    name, weights[i], Invariant($"{name}[{i}] = {weights[i]}; sample weights must be finite and not negative."));
            }

            sum += weights[i];
        }

        if (sum == 0)
        {
            throw new ArgumentException("The sample weights are all 0, so no row counts.", name);
        }
    }

    /// <summary>Throws unless every value is finite, naming the first that is not by row and column.</summary>
    public static void Finite(ReadOnlySpan<double> values, int columns, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    columns == 1
                        ? Invariant($"{name}[{i}] = {values[i]}; every value must be a finite number.")
                        : Invariant($"{name} row {i / columns}, column {i % columns} is {values[i]}; every value must be a finite number."),
                    name);
            }
        }
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // "predictedLabels" reads as "predicted labels" in a sentence.
    private static string Plain(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c))
            {
                builder.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
