namespace DynPmnn.Dynamics;

/// <summary>Where d<see cref="StateName"/>/dt = 0 in a phase plane: curves of points, each refined onto the zero set.</summary>
public sealed record Nullcline(int State, string StateName, IReadOnlyList<NullclineCurve> Curves);

/// <summary>One connected piece of a nullcline, as a polyline in the plane's coordinates.</summary>
public sealed record NullclineCurve(IReadOnlyList<double> X, IReadOnlyList<double> Y);
