namespace DynPmnn.Dynamics;

/// <summary>
/// Nullclines of a neuron in a phase plane, from its generated right-hand side: marching squares on a grid finds the
/// cells a nullcline crosses, and every crossing is then bisected along its grid edge onto the zero set.
/// </summary>
/// <remarks>
/// Bisection on the edge keeps each point on the grid line it was found on and drives the right-hand side to the
/// rounding level; a sign change that bisection cannot drive to zero (a pole such as 1/x) is not a nullcline and is
/// dropped. Marching squares is a few dozen lines; plotting libraries contour for drawing only, without the refinement.
/// </remarks>
public static class Nullclines
{
    /// <summary>Every returned point satisfies |f_state| ≤ Tolerance · max(1, the largest |f_state| on the grid).</summary>
    public const double Tolerance = 1e-9;

    public const int DefaultResolution = 200;

    /// <summary>
    /// The nullcline of <paramref name="state"/> in <paramref name="plane"/>, with the other states at their values in
    /// <paramref name="point"/> and the inputs fixed, on a <paramref name="resolution"/>² grid.
    /// </summary>
    public static Nullcline Compute(NeuronDynamics dynamics, int state, PhasePlane plane, ReadOnlySpan<double> point, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, int resolution = DefaultResolution)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(plane);
        plane.Validate(dynamics);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)state, (uint)dynamics.StateCount, nameof(state));
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        if (point.Length != dynamics.StateCount)
        {
            throw new ArgumentException($"{dynamics.Descriptor.Name} has {dynamics.StateCount} states, not {point.Length}.", nameof(point));
        }

        var field = new Field(dynamics, state, plane, point.ToArray(), parameters.ToArray(), inputs.ToArray());
        var r = resolution;
        var grid = new double[(r + 1) * (r + 1)];
        var scale = 1.0;
        for (var j = 0; j <= r; j++)
        {
            for (var i = 0; i <= r; i++)
            {
                var value = field.At(X(plane, i, r), Y(plane, j, r));
                grid[(j * (r + 1)) + i] = value;
                if (double.IsFinite(value))
                {
                    scale = Math.Max(scale, Math.Abs(value));
                }
            }
        }

        var limit = Tolerance * scale;
        var horizontal = r * (r + 1);
        var crossings = new Dictionary<int, (double X, double Y)>();
        double G(int i, int j) => grid[(j * (r + 1)) + i];

        // An edge's crossing, bisected onto the zero set; null where the edge has no sign change or only a pole.
        (double X, double Y)? Crossing(int edge)
        {
            if (crossings.TryGetValue(edge, out var known))
            {
                return double.IsNaN(known.X) ? null : known;
            }

            var (i0, j0, i1, j1) = edge < horizontal ? (edge % r, edge / r, (edge % r) + 1, edge / r) : ((edge - horizontal) / r, (edge - horizontal) % r, (edge - horizontal) / r, ((edge - horizontal) % r) + 1);
            var found = Bisect(field, G(i0, j0), G(i1, j1), X(plane, i0, r), Y(plane, j0, r), X(plane, i1, r), Y(plane, j1, r), limit);
            crossings[edge] = found ?? (double.NaN, double.NaN);
            return found;
        }

        var segments = new List<(int A, int B)>();
        for (var j = 0; j < r; j++)
        {
            for (var i = 0; i < r; i++)
            {
                double bl = G(i, j), br = G(i + 1, j), tr = G(i + 1, j + 1), tl = G(i, j + 1);
                if (!(double.IsFinite(bl) && double.IsFinite(br) && double.IsFinite(tr) && double.IsFinite(tl)))
                {
                    continue;
                }

                int bottom = (j * r) + i, top = ((j + 1) * r) + i, left = horizontal + (i * r) + j, right = horizontal + ((i + 1) * r) + j;
                var cut = new List<int>(4);
                if (Positive(bl) != Positive(br))
                {
                    cut.Add(bottom);
                }

                if (Positive(br) != Positive(tr))
                {
                    cut.Add(right);
                }

                if (Positive(tr) != Positive(tl))
                {
                    cut.Add(top);
                }

                if (Positive(tl) != Positive(bl))
                {
                    cut.Add(left);
                }

                if (cut.Count == 2)
                {
                    segments.Add((cut[0], cut[1]));
                }
                else if (cut.Count == 4)
                {
                    // A saddle cell: the value at its centre says which pair of opposite corners is connected.
                    var centre = field.At((X(plane, i, r) + X(plane, i + 1, r)) / 2, (Y(plane, j, r) + Y(plane, j + 1, r)) / 2);
                    if (Positive(centre) == Positive(bl))
                    {
                        segments.Add((bottom, right));
                        segments.Add((top, left));
                    }
                    else
                    {
                        segments.Add((left, bottom));
                        segments.Add((right, top));
                    }
                }
            }
        }

        var kept = segments.Where(s => Crossing(s.A) is not null && Crossing(s.B) is not null).ToList();
        var curves = Chain(kept).Select(edges => new NullclineCurve([.. edges.Select(e => crossings[e].X)], [.. edges.Select(e => crossings[e].Y)])).ToList();
        return new Nullcline(state, dynamics.Descriptor.States[state], scale, curves);
    }

    private static double X(PhasePlane plane, int i, int r) => plane.XMin + ((plane.XMax - plane.XMin) * i / r);

    private static double Y(PhasePlane plane, int j, int r) => plane.YMin + ((plane.YMax - plane.YMin) * j / r);

    private static bool Positive(double value) => value >= 0;

    private static (double X, double Y)? Bisect(Field field, double fa, double fb, double xa, double ya, double xb, double yb, double limit)
    {
        if (fa == 0)
        {
            return (xa, ya);
        }

        if (fb == 0)
        {
            return (xb, yb);
        }

        for (var iteration = 0; iteration < 200; iteration++)
        {
            var (xm, ym) = ((xa + xb) / 2, (ya + yb) / 2);
            if ((xm == xa && ym == ya) || (xm == xb && ym == yb))
            {
                break;
            }

            var fm = field.At(xm, ym);
            if (!double.IsFinite(fm))
            {
                return null;
            }

            if (fm == 0)
            {
                return (xm, ym);
            }

            if (Positive(fm) == Positive(fa))
            {
                (xa, ya, fa) = (xm, ym, fm);
            }
            else
            {
                (xb, yb, fb) = (xm, ym, fm);
            }
        }

        var (x, y, f) = Math.Abs(fa) <= Math.Abs(fb) ? (xa, ya, fa) : (xb, yb, fb);
        return Math.Abs(f) <= limit ? (x, y) : null;
    }

    /// <summary>Joins segments that share a crossing into polylines: open curves from their ends first, then closed loops.</summary>
    private static List<List<int>> Chain(List<(int A, int B)> segments)
    {
        var touching = new Dictionary<int, List<int>>();
        for (var s = 0; s < segments.Count; s++)
        {
            foreach (var edge in new[] { segments[s].A, segments[s].B })
            {
                if (!touching.TryGetValue(edge, out var list))
                {
                    touching[edge] = list = [];
                }

                list.Add(s);
            }
        }

        var used = new bool[segments.Count];
        var curves = new List<List<int>>();
        var starts = Enumerable.Range(0, segments.Count).OrderBy(s => touching[segments[s].A].Count == 1 || touching[segments[s].B].Count == 1 ? 0 : 1);
        foreach (var first in starts)
        {
            if (used[first])
            {
                continue;
            }

            used[first] = true;
            var (a, b) = segments[first];
            if (touching[b].Count == 1 && touching[a].Count > 1)
            {
                (a, b) = (b, a);
            }

            var curve = new List<int> { a, b };
            var end = b;
            while (touching[end].FirstOrDefault(s => !used[s], -1) is var next && next >= 0)
            {
                used[next] = true;
                end = segments[next].A == end ? segments[next].B : segments[next].A;
                curve.Add(end);
            }

            curves.Add(curve);
        }

        return curves;
    }

    /// <summary>The right-hand side of one state as a function of the plane's two coordinates.</summary>
    private sealed class Field(NeuronDynamics dynamics, int state, PhasePlane plane, double[] point, double[] parameters, double[] inputs)
    {
        private readonly double[] derivatives = new double[dynamics.StateCount];

        public double At(double x, double y)
        {
            point[plane.XState] = x;
            point[plane.YState] = y;
            dynamics.RightHandSide(point, parameters, inputs, derivatives);
            return derivatives[state];
        }
    }
}
