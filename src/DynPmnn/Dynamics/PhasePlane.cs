namespace DynPmnn.Dynamics;

/// <summary>A window onto two of a neuron's states: <see cref="XState"/> across, <see cref="YState"/> up (indices into its states).</summary>
public sealed record PhasePlane(int XState, int YState, double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>
    /// The window that shows <paramref name="points"/> (full state vectors; non-finite ones are ignored) with a margin
    /// of <paramref name="margin"/> of their span on each side, and at least <paramref name="minimumSpan"/> across.
    /// </summary>
    public static PhasePlane Around(int xState, int yState, IEnumerable<IReadOnlyList<double>> points, double margin = 0.15, double minimumSpan = 0.5)
    {
        ArgumentNullException.ThrowIfNull(points);
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity, yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        foreach (var point in points)
        {
            var (x, y) = (point[xState], point[yState]);
            if (double.IsFinite(x) && double.IsFinite(y))
            {
                (xMin, xMax, yMin, yMax) = (Math.Min(xMin, x), Math.Max(xMax, x), Math.Min(yMin, y), Math.Max(yMax, y));
            }
        }

        if (!double.IsFinite(xMin))
        {
            (xMin, xMax, yMin, yMax) = (-1, 1, -1, 1);
        }

        static (double Low, double High) Widen(double low, double high, double margin, double minimumSpan)
        {
            var span = Math.Max(high - low, minimumSpan);
            var centre = (low + high) / 2;
            var half = span * (0.5 + margin);
            return (centre - half, centre + half);
        }

        var (x0, x1) = Widen(xMin, xMax, margin, minimumSpan);
        var (y0, y1) = Widen(yMin, yMax, margin, minimumSpan);
        return new PhasePlane(xState, yState, x0, x1, y0, y1);
    }

    /// <summary>Throws unless the states are distinct states of <paramref name="dynamics"/> and the window is finite and not empty.</summary>
    public void Validate(NeuronDynamics dynamics)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        var n = dynamics.StateCount;
        if ((uint)XState >= (uint)n || (uint)YState >= (uint)n || XState == YState)
        {
            throw new ArgumentException($"{dynamics.Descriptor.Name} has {n} states; a phase plane needs two different ones, not {XState} and {YState}.");
        }

        if (!(double.IsFinite(XMin) && double.IsFinite(XMax) && double.IsFinite(YMin) && double.IsFinite(YMax) && XMin < XMax && YMin < YMax))
        {
            throw new ArgumentException($"The phase plane [{XMin}, {XMax}] × [{YMin}, {YMax}] is not a finite, non-empty window.");
        }
    }
}
