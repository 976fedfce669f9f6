using System.Globalization;
using System.Numerics;
using System.Text;
using DynPmnn.Neurons;

namespace DynPmnn.Stability;

/// <summary>One eigenvalue of the state Jacobian and the point where it was found.</summary>
/// <param name="PointIndex">The point's position in the analysed sequence.</param>
/// <param name="States">The states at that point.</param>
/// <param name="Eigenvalue">The eigenvalue λ (of a conjugate pair, the one with Im λ ≥ 0).</param>
public sealed record EigenvalueAtPoint(int PointIndex, IReadOnlyList<double> States, Complex Eigenvalue);

/// <summary>
/// How a fixed step of an explicit scheme treats a neuron's linearised dynamics at a set of points: where dt·λ falls
/// outside the scheme's stability region, how badly, and which dt would keep every point's λ inside.
/// </summary>
/// <remarks>
/// Eigenvalues with a positive real part (locally expanding dynamics: an unstable equilibrium, the upstroke of a
/// spike) grow under the exact flow too, and lie outside every explicit scheme's region for any dt; they are counted
/// separately and do not enter <see cref="WorstAmplification"/>, <see cref="UnstablePointCount"/> or the stable
/// steps. The largest stable steps are computed over the given points: a different dt visits different states, so
/// they are a guide, not a guarantee, away from a fixed point. Near the border between expanding and contracting
/// dynamics an oscillatory eigenvalue has a tiny negative real part, and Euler's bound −2 Re λ / |λ|² becomes tiny
/// with it: Euler adds energy to a barely damped oscillation at any step that is not tiny, while RK4's region reaches
/// along the imaginary axis.
/// </remarks>
public sealed class StabilityReport
{
    private readonly IReadOnlyDictionary<Integrator, double> largestStableSteps;

    internal StabilityReport(
        NeuronDescriptor neuron,
        string context,
        Integrator scheme,
        double dt,
        int pointCount,
        int nonFinitePointCount,
        int unstablePointCount,
        int expandingPointCount,
        double worstAmplification,
        EigenvalueAtPoint? worst,
        EigenvalueAtPoint? fastestExpansion,
        IReadOnlyDictionary<Integrator, double> largestStableSteps)
    {
        Neuron = neuron;
        Context = context;
        Scheme = scheme;
        Dt = dt;
        PointCount = pointCount;
        NonFinitePointCount = nonFinitePointCount;
        UnstablePointCount = unstablePointCount;
        ExpandingPointCount = expandingPointCount;
        WorstAmplification = worstAmplification;
        Worst = worst;
        FastestExpansion = fastestExpansion;
        this.largestStableSteps = largestStableSteps;
    }

    public NeuronDescriptor Neuron { get; }

    /// <summary>Where the points came from, for example "at rest" or the layer and rows sampled.</summary>
    public string Context { get; }

    /// <summary>The scheme analysed.</summary>
    public Integrator Scheme { get; }

    /// <summary>The step analysed.</summary>
    public double Dt { get; }

    /// <summary>Points analysed, non-finite ones included.</summary>
    public int PointCount { get; }

    /// <summary>Points whose states or Jacobian are not finite (typically a trajectory that has already blown up).</summary>
    public int NonFinitePointCount { get; }

    /// <summary>Points where some non-expanding eigenvalue λ has |R(dt·λ)| &gt; 1: the step, not the dynamics, amplifies there.</summary>
    public int UnstablePointCount { get; }

    /// <summary>Points with an eigenvalue of positive real part.</summary>
    public int ExpandingPointCount { get; }

    /// <summary><see cref="UnstablePointCount"/> over <see cref="PointCount"/>.</summary>
    public double UnstableFraction => PointCount == 0 ? 0 : (double)UnstablePointCount / PointCount;

    /// <summary><see cref="ExpandingPointCount"/> over <see cref="PointCount"/>.</summary>
    public double ExpandingFraction => PointCount == 0 ? 0 : (double)ExpandingPointCount / PointCount;

    /// <summary>The largest |R(dt·λ)| over the non-expanding eigenvalues of every finite point; 0 when there are none.</summary>
    public double WorstAmplification { get; }

    /// <summary>The eigenvalue responsible for <see cref="WorstAmplification"/>, and its point.</summary>
    public EigenvalueAtPoint? Worst { get; }

    /// <summary>The eigenvalue with the largest positive real part, and its point; null when no point expands.</summary>
    public EigenvalueAtPoint? FastestExpansion { get; }

    /// <summary>True when every finite point's non-expanding eigenvalues are inside the region and no point is non-finite.</summary>
    public bool IsStable => UnstablePointCount == 0 && NonFinitePointCount == 0;

    public bool HasExpandingDynamics => ExpandingPointCount > 0;

    /// <summary>The largest stable step of each scheme over these points (+∞ when no eigenvalue limits it).</summary>
    public IReadOnlyDictionary<Integrator, double> LargestStableSteps => largestStableSteps;

    /// <summary>The largest dt for which <paramref name="scheme"/> keeps dt·λ inside its region at every point (+∞ when nothing limits it).</summary>
    public double LargestStableDt(Integrator scheme) => largestStableSteps[scheme];

    /// <summary>One line of advice, for example "dt ≤ 8.12 for Euler, ≤ 8.12 for Heun, ≤ 21.4 for RK4".</summary>
    public string Suggestion
    {
        get
        {
            var bounds = string.Join(", ", Enum.GetValues<Integrator>().Select((s, i) => $"{(i == 0 && double.IsFinite(largestStableSteps[s]) ? "dt " : string.Empty)}{Bound(largestStableSteps[s])} for {Name(s)}"));
            return IsStable
                ? $"dt {Format(Dt)} is stable for {Name(Scheme)} here; the limits are {bounds}"
                : $"dt {Format(Dt)} is too large for {Name(Scheme)} here: use {bounds}";
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Stability of {Neuron.Name}, {Name(Scheme)}, dt {Format(Dt)}, {Context}").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"  points: {PointCount} ({ExpandingPointCount} expanding, {NonFinitePointCount} non-finite)").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"  outside {Name(Scheme)}'s stability region: {UnstablePointCount} of {PointCount} ({Percent(UnstableFraction)})").AppendLine();
        if (Worst is { } worst)
        {
            text.Append(CultureInfo.InvariantCulture, $"  worst |R(dt·λ)| = {Format(WorstAmplification)}, λ = {Format(worst.Eigenvalue, pair: true)} at point {worst.PointIndex} ({Describe(worst.States)})").AppendLine();
        }

        if (FastestExpansion is { } expansion)
        {
            text.Append(CultureInfo.InvariantCulture, $"  locally expanding dynamics at {ExpandingPointCount} of {PointCount} points ({Percent(ExpandingFraction)}): Re λ up to {Format(expansion.Eigenvalue.Real)} (λ = {Format(expansion.Eigenvalue, pair: true)} at point {expansion.PointIndex}, {Describe(expansion.States)}); the equations grow there, no step size changes that").AppendLine();
        }

        if (NonFinitePointCount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {NonFinitePointCount} points have non-finite states or Jacobians: the integration had already diverged").AppendLine();
        }

        text.Append(CultureInfo.InvariantCulture, $"  {(IsStable ? "stable" : "UNSTABLE")}: {Suggestion}");
        return text.ToString();
    }

    private string Describe(IReadOnlyList<double> states) =>
        string.Join(", ", states.Select((x, i) => $"{(i < Neuron.States.Count ? Neuron.States[i] : $"x{i}")} = {Format(x)}"));

    private static string Name(Integrator scheme) => scheme switch
    {
        Integrator.RungeKutta4 => "RK4",
        _ => scheme.ToString(),
    };

    private static string Bound(double dt) => double.IsPositiveInfinity(dt) ? "any dt" : $"≤ {Format(RoundDown(dt))}";

    /// <summary>Rounds a step bound down to three significant digits, so the printed bound is itself stable.</summary>
    private static double RoundDown(double x)
    {
        if (x <= 0 || !double.IsFinite(x))
        {
            return x;
        }

        var scale = Math.Pow(10, Math.Floor(Math.Log10(x)) - 2);
        return Math.Floor(x / scale) * scale;
    }

    private static string Percent(double fraction) => (100 * fraction).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Format(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    private static string Format(Complex z, bool pair)
    {
        if (z.Imaginary == 0)
        {
            return Format(z.Real);
        }

        var sign = pair ? "±" : z.Imaginary < 0 ? "-" : "+";
        return $"{Format(z.Real)} {sign} {Format(Math.Abs(z.Imaginary))}i";
    }
}
