using System.Globalization;
using DynPmnn.Dynamics;
using ScottPlot;

namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// What a trained network's ODE neurons do, drawn: a state against time (the layer's discrete steps over the RK4
/// reference), a phase portrait (nullclines, fixed points and the rows' trajectories), and where every row's initial
/// and final states land.
/// </summary>
public static class DynamicsFigures
{
    private static readonly Color XNullclineColor = Color.FromHex("#8C2D04");
    private static readonly Color YNullclineColor = Color.FromHex("#08519C");
    private static readonly Color InitialColor = Color.FromHex("#1F77B4");
    private static readonly Color FinalColor = Color.FromHex("#D62728");

    /// <summary>
    /// One state of one unit against time for each traced row: the layer's steps as dots joined by straight lines, and
    /// the row's RK4 reference (where there is one) as a wide pale line of the same colour.
    /// </summary>
    /// <param name="trajectories">The layer's traced rows.</param>
    /// <param name="unit">The unit to draw.</param>
    /// <param name="state">The state to draw.</param>
    /// <param name="references">Per traced row, its reference solution, or null where none could be made.</param>
    /// <param name="title">The figure's title.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    public static Figure StateOverTime(LayerTrajectories trajectories, int unit, int state, IReadOnlyList<ReferenceTrajectory?> references, string title, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        ArgumentNullException.ThrowIfNull(references);
        CheckReferences(trajectories, references);
        var name = trajectories.Neuron.States[state];
        var plot = Figures.NewPlot(title, "time", name);
        var times = Enumerable.Range(0, trajectories.Steps + 1).Select(k => k * trajectories.Dt).ToArray();
        for (var r = 0; r < trajectories.Rows.Count; r++)
        {
            var color = Figures.Palette.GetColor(r);
            if (references[r] is { } reference)
            {
                var smooth = plot.Add.ScatterLine([.. reference.Times], reference.Path(state), color.WithOpacity(0.45));
                smooth.LineWidth = 5;
                smooth.MarkerSize = 0;
            }

            var steps = plot.Add.ScatterLine(times, trajectories.Trajectory(r, unit, state), color);
            steps.LineWidth = 2;
            steps.LinePattern = LinePattern.Dashed;
            steps.MarkerShape = MarkerShape.FilledCircle;
            steps.MarkerSize = 7;
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"row {trajectories.Rows[r]}", LineColor = color, LineWidth = 2, MarkerShape = MarkerShape.FilledCircle, MarkerFillColor = color, MarkerSize = 7 });
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "dots and dashes: the layer's steps; wide pale line: RK4 reference", LineWidth = 0 });
        plot.ShowLegend(Alignment.UpperRight);
        return Figures.Finish(plot, width, height);
    }

    /// <summary>
    /// A unit's phase portrait: both nullclines, the fixed points (filled: stable; open: unstable or undecided; a
    /// diamond: a saddle) named by type, and each traced row's steps (dots joined by straight lines, a square at the
    /// start) over its RK4 reference (a wide pale line).
    /// </summary>
    /// <param name="portrait">The unit's nullclines and fixed points.</param>
    /// <param name="trajectories">The layer's traced rows, or null to draw the vector field's structure alone.</param>
    /// <param name="unit">The unit the portrait is of.</param>
    /// <param name="references">Per traced row, its reference solution or null.</param>
    /// <param name="title">The figure's title.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    public static Figure PhasePortrait(DynPmnn.Dynamics.PhasePortrait portrait, LayerTrajectories? trajectories, int unit, IReadOnlyList<ReferenceTrajectory?> references, string title, int width = 800, int height = 650)
    {
        ArgumentNullException.ThrowIfNull(portrait);
        ArgumentNullException.ThrowIfNull(references);
        var plane = portrait.Plane;
        var plot = Figures.NewPlot(title, portrait.XNullcline.StateName, portrait.YNullcline.StateName);
        AddNullclines(plot, portrait, opacity: 1);
        if (trajectories is not null)
        {
            CheckReferences(trajectories, references);
            for (var r = 0; r < trajectories.Rows.Count; r++)
            {
                var color = Figures.Palette.GetColor(r);
                if (references[r] is { } reference)
                {
                    var smooth = plot.Add.ScatterLine(reference.Path(plane.XState), reference.Path(plane.YState), color.WithOpacity(0.45));
                    smooth.LineWidth = 5;
                    smooth.MarkerSize = 0;
                }

                var steps = plot.Add.ScatterLine(trajectories.Trajectory(r, unit, plane.XState), trajectories.Trajectory(r, unit, plane.YState), color);
                steps.LineWidth = 2;
                steps.LinePattern = LinePattern.Dashed;
                steps.MarkerShape = MarkerShape.FilledCircle;
                steps.MarkerSize = 7;
                plot.Add.Marker(trajectories.State(r, unit, 0, plane.XState), trajectories.State(r, unit, 0, plane.YState), MarkerShape.OpenSquare, 12, color);
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"row {trajectories.Rows[r]}", LineColor = color, LineWidth = 2, MarkerShape = MarkerShape.FilledCircle, MarkerFillColor = color, MarkerSize = 7 });
            }
        }

        AddFixedPoints(plot, portrait);
        plot.Axes.SetLimits(plane.XMin, plane.XMax, plane.YMin, plane.YMax);
        plot.ShowLegend(Alignment.UpperRight);
        return Figures.Finish(plot, width, height);
    }

    /// <summary>
    /// Where every row's initial (blue) and final (red) states of a unit lie in the portrait's plane, over its
    /// nullclines and fixed points: how the layer maps its inputs.
    /// </summary>
    /// <param name="portrait">The unit's nullclines and fixed points, and the plane to draw.</param>
    /// <param name="initial">Every row's initial states, <c>[row][state]</c>.</param>
    /// <param name="final">Every row's final states, <c>[row][state]</c>.</param>
    /// <param name="title">The figure's title.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    public static Figure InitialAndFinalStates(DynPmnn.Dynamics.PhasePortrait portrait, IReadOnlyList<IReadOnlyList<double>> initial, IReadOnlyList<IReadOnlyList<double>> final, string title, int width = 800, int height = 650)
    {
        ArgumentNullException.ThrowIfNull(portrait);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(final);
        var plane = portrait.Plane;
        var plot = Figures.NewPlot(title, portrait.XNullcline.StateName, portrait.YNullcline.StateName);
        AddNullclines(plot, portrait, opacity: 0.5);
        foreach (var (points, color, label) in new[] { (initial, InitialColor, "initial state"), (final, FinalColor, "final state") })
        {
            var finite = points.Where(p => double.IsFinite(p[plane.XState]) && double.IsFinite(p[plane.YState])).ToList();
            if (finite.Count > 0)
            {
                var markers = plot.Add.Markers(finite.Select(p => p[plane.XState]).ToArray(), finite.Select(p => p[plane.YState]).ToArray(), MarkerShape.FilledCircle, 4, color.WithOpacity(0.35));
                markers.MarkerLineWidth = 0;
            }

            var share = DynamicsTrace.ShareOfTwoCommonest(finite, plane.XState, plane.YState);
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = string.Create(CultureInfo.InvariantCulture, $"{label}: {finite.Count:N0} rows, {share:P0} in the two fullest 0.01 × 0.01 cells"),
                MarkerShape = MarkerShape.FilledCircle,
                MarkerFillColor = color,
                MarkerSize = 8,
                LineWidth = 0,
            });
        }

        AddFixedPoints(plot, portrait);
        plot.Axes.SetLimits(plane.XMin, plane.XMax, plane.YMin, plane.YMax);
        plot.ShowLegend(Alignment.UpperRight);
        return Figures.Finish(plot, width, height);
    }

    private static void AddNullclines(Plot plot, DynPmnn.Dynamics.PhasePortrait portrait, double opacity)
    {
        foreach (var (nullcline, color) in new[] { (portrait.XNullcline, XNullclineColor), (portrait.YNullcline, YNullclineColor) })
        {
            foreach (var curve in nullcline.Curves.Where(c => c.X.Count > 1))
            {
                var line = plot.Add.ScatterLine(curve.X.ToArray(), curve.Y.ToArray(), color.WithOpacity(opacity));
                line.LineWidth = 1.8f;
                line.MarkerSize = 0;
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"d{nullcline.StateName}/dt = 0", LineColor = color, LineWidth = 2 });
        }
    }

    private static void AddFixedPoints(Plot plot, DynPmnn.Dynamics.PhasePortrait portrait)
    {
        var plane = portrait.Plane;
        foreach (var point in portrait.FixedPoints)
        {
            var (x, y) = (point.States[plane.XState], point.States[plane.YState]);
            var shape = point.Type switch
            {
                FixedPointType.StableNode or FixedPointType.StableFocus or FixedPointType.Stable => MarkerShape.FilledCircle,
                FixedPointType.Saddle => MarkerShape.FilledDiamond,
                _ => MarkerShape.OpenCircle,
            };
            var marker = plot.Add.Marker(x, y, shape, 13, Figures.Ink);
            marker.MarkerLineWidth = 2;
            var label = plot.Add.Text(point.Description, x, y);
            label.Alignment = Alignment.LowerLeft;
            label.OffsetX = 8;
            label.OffsetY = -6;
            label.LabelFontSize = 13;
            label.LabelFontColor = Figures.Ink;
        }
    }

    private static void CheckReferences(LayerTrajectories trajectories, IReadOnlyList<ReferenceTrajectory?> references)
    {
        if (references.Count != trajectories.Rows.Count)
        {
            throw new ArgumentException($"There are {trajectories.Rows.Count} traced rows but {references.Count} references; give one (or null) per row.", nameof(references));
        }
    }
}
