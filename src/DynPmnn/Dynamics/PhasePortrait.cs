namespace DynPmnn.Dynamics;

/// <summary>
/// One unit's vector field in a phase plane: both states' nullclines and the fixed points that lie in the window, with
/// the other states and the inputs held at given values.
/// </summary>
public sealed record PhasePortrait(PhasePlane Plane, IReadOnlyList<double> Point, IReadOnlyList<double> Parameters, IReadOnlyList<double> Inputs, Nullcline XNullcline, Nullcline YNullcline, IReadOnlyList<FixedPoint> FixedPoints)
{
    /// <summary>Starts per side of the grid Newton's method searches for fixed points from, besides the nullclines' crossings.</summary>
    private const int FixedPointStarts = 12;

    /// <summary>
    /// The portrait of a unit with <paramref name="parameters"/> and <paramref name="inputs"/> (empty: no drive), the
    /// states outside the plane at their values in <paramref name="point"/>. Fixed points are searched from a grid over
    /// the window and from where the nullclines cross, and kept when they project into the window.
    /// </summary>
    public static PhasePortrait Compute(NeuronDynamics dynamics, PhasePlane plane, ReadOnlySpan<double> point, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, int resolution = Nullclines.DefaultResolution)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(plane);
        plane.Validate(dynamics);
        var xNullcline = Nullclines.Compute(dynamics, plane.XState, plane, point, parameters, inputs, resolution);
        var yNullcline = Nullclines.Compute(dynamics, plane.YState, plane, point, parameters, inputs, resolution);
        var basePoint = point.ToArray();
        var starts = new List<double[]>();
        for (var j = 0; j < FixedPointStarts; j++)
        {
            for (var i = 0; i < FixedPointStarts; i++)
            {
                var start = (double[])basePoint.Clone();
                start[plane.XState] = plane.XMin + ((plane.XMax - plane.XMin) * (i + 0.5) / FixedPointStarts);
                start[plane.YState] = plane.YMin + ((plane.YMax - plane.YMin) * (j + 0.5) / FixedPointStarts);
                starts.Add(start);
            }
        }

        // Where the other state's right-hand side changes sign along a nullcline, the two cross: a fixed point in a
        // two-state neuron, and a good start in any.
        var derivatives = new double[dynamics.StateCount];
        var parameterValues = parameters.ToArray();
        var inputValues = inputs.ToArray();
        double Other(double x, double y)
        {
            var at = (double[])basePoint.Clone();
            at[plane.XState] = x;
            at[plane.YState] = y;
            dynamics.RightHandSide(at, parameterValues, inputValues, derivatives);
            return derivatives[plane.YState];
        }

        foreach (var curve in xNullcline.Curves)
        {
            for (var k = 1; k < curve.X.Count; k++)
            {
                if (Other(curve.X[k - 1], curve.Y[k - 1]) >= 0 != Other(curve.X[k], curve.Y[k]) >= 0)
                {
                    var start = (double[])basePoint.Clone();
                    start[plane.XState] = (curve.X[k - 1] + curve.X[k]) / 2;
                    start[plane.YState] = (curve.Y[k - 1] + curve.Y[k]) / 2;
                    starts.Add(start);
                }
            }
        }

        var inWindow = Dynamics.FixedPoints.Find(dynamics, parameters, inputs, starts)
            .Where(f => f.States[plane.XState] >= plane.XMin && f.States[plane.XState] <= plane.XMax && f.States[plane.YState] >= plane.YMin && f.States[plane.YState] <= plane.YMax)
            .ToList();
        return new PhasePortrait(plane, basePoint, parameterValues, inputValues, xNullcline, yNullcline, inWindow);
    }
}
