using DynPmnn.Stability;

namespace DynPmnn.Dynamics;

/// <summary>Fixed points of a neuron found numerically: Newton's method on the generated right-hand side and Jacobian from many starts.</summary>
public static class FixedPoints
{
    /// <summary>
    /// The distinct fixed points Newton's method reaches from <paramref name="starts"/>, each with its Jacobian's
    /// eigenvalues and type, ordered by their first state. Two points within 10⁻⁶ · max(1, |x|) in every state are one.
    /// </summary>
    public static IReadOnlyList<FixedPoint> Find(NeuronDynamics dynamics, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, IEnumerable<double[]> starts)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(starts);
        var found = new List<double[]>();
        foreach (var start in starts)
        {
            var point = StabilityAnalysis.FindFixedPoint(dynamics, start, parameters, inputs);
            if (point is not null && !found.Any(f => Same(f, point)))
            {
                found.Add(point);
            }
        }

        var result = new List<FixedPoint>(found.Count);
        foreach (var point in found.OrderBy(p => p[0]).ThenBy(p => p.Length > 1 ? p[1] : 0))
        {
            result.Add(At(dynamics, point, parameters, inputs));
        }

        return result;
    }

    /// <summary>The eigenvalues and type at <paramref name="point"/>, taken to be a fixed point.</summary>
    public static FixedPoint At(NeuronDynamics dynamics, double[] point, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(point);
        var n = dynamics.StateCount;
        var jacobian = new double[n * n];
        dynamics.Jacobian(point, parameters, inputs, jacobian);
        var eigenvalues = Eigenvalues.Of(jacobian, n);
        return new FixedPoint(point, eigenvalues, FixedPoint.Classify(eigenvalues));
    }

    private static bool Same(double[] a, double[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (Math.Abs(a[i] - b[i]) > 1e-6 * Math.Max(1, Math.Abs(a[i])))
            {
                return false;
            }
        }

        return true;
    }
}
