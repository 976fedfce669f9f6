// Port of scikit-learn 1.2.1's sklearn/utils/__init__.py (_approximate_mode); BSD-3-Clause, see NOTICE.
namespace DynPmnn.Data;

/// <summary>
/// scikit-learn's <c>_approximate_mode</c>: how many of <c>draws</c> rows each class gets, close to the mode of the
/// multivariate hypergeometric distribution, with ties broken by the generator.
/// </summary>
internal static class ApproximateMode
{
    /// <summary>
    /// Floors each class's proportional share, then hands the rows still missing to the classes with the largest
    /// remainders; among equal remainders the receivers are <c>rng.choice(inds, add_now, replace=False)</c>, so the
    /// generator is drawn from at every remainder level visited, even when every tied class receives one.
    /// </summary>
    public static int[] Compute(ReadOnlySpan<int> classCounts, int draws, NumpyRandomState random)
    {
        long total = 0;
        foreach (var count in classCounts)
        {
            total += count;
        }

        var classes = classCounts.Length;
        var continuous = new double[classes];
        var floored = new double[classes];
        var flooredSum = 0.0;
        for (var i = 0; i < classes; i++)
        {
            // numpy: class_counts / class_counts.sum() * n_draws, a true division then a product, both in double.
            continuous[i] = (double)classCounts[i] / total * draws;
            floored[i] = Math.Floor(continuous[i]);
            flooredSum += floored[i];
        }

        var needToAdd = (int)(draws - flooredSum);
        if (needToAdd > 0)
        {
            var remainder = new double[classes];
            for (var i = 0; i < classes; i++)
            {
                remainder[i] = continuous[i] - floored[i];
            }

            // np.sort(np.unique(remainder))[::-1]: distinct remainders, largest first.
            var values = (double[])remainder.Clone();
            Array.Sort(values);
            var tied = new List<int>(classes);
            for (var v = values.Length - 1; v >= 0 && needToAdd > 0; v--)
            {
                if (v < values.Length - 1 && values[v] == values[v + 1])
                {
                    continue;
                }

                tied.Clear();
                for (var i = 0; i < classes; i++)
                {
                    if (remainder[i] == values[v])
                    {
                        tied.Add(i);
                    }
                }

                var addNow = Math.Min(tied.Count, needToAdd);
                foreach (var pick in random.Choice(tied.Count, addNow))
                {
                    floored[tied[pick]] += 1;
                }

                needToAdd -= addNow;
            }
        }

        var result = new int[classes];
        for (var i = 0; i < classes; i++)
        {
            result[i] = (int)floored[i];
        }

        return result;
    }
}
