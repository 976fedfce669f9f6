namespace DynPmnn.Dynamics;

/// <summary>
/// Where d<see cref="StateName"/>/dt = 0 in a phase plane: curves of points, each refined onto the zero set so that
/// |d<see cref="StateName"/>/dt| ≤ <see cref="Nullclines.Tolerance"/> · <see cref="Scale"/> there.
/// </summary>
/// <param name="State">The state's index.</param>
/// <param name="StateName">The state's name.</param>
/// <param name="Scale">max(1, the largest |d<see cref="StateName"/>/dt| on the grid): the size the tolerance is relative to.</param>
/// <param name="Curves">The connected pieces in the window.</param>
public sealed record Nullcline(int State, string StateName, double Scale, IReadOnlyList<NullclineCurve> Curves);

/// <summary>One connected piece of a nullcline, as a polyline in the plane's coordinates.</summary>
public sealed record NullclineCurve(IReadOnlyList<double> X, IReadOnlyList<double> Y);
