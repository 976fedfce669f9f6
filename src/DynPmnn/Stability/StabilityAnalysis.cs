using System.Numerics;
using DynPmnn.Dynamics;
using DynPmnn.Neurons;

namespace DynPmnn.Stability;

/// <summary>
/// Linear stability of a neuron's fixed-step integration: the eigenvalues λ of the generated analytic state Jacobian
/// at chosen points, set against the stability region |R(dt·λ)| ≤ 1 of the explicit schemes.
/// </summary>
/// <remarks>
/// Explicit schemes amplify a contracting direction once dt·λ leaves their region: with the paper's FitzHugh–Nagumo
/// at rest, λ = −0.13 ± 0.123i, so Euler needs dt &lt; −2 Re λ / |λ|² = 8.125; the paper's nominal dt = 20 diverges
/// within a few steps while the code's dt = 5 is stable.
/// </remarks>
public static class StabilityAnalysis
{
    /// <summary>
    /// Analyses <paramref name="scheme"/> with step <paramref name="dt"/> at each point. Empty <c>inputs</c> mean no
    /// drive; a point whose states or Jacobian are not finite is counted, not analysed.
    /// </summary>
    public static StabilityReport Analyse<TNeuron>(Integrator scheme, double dt, IEnumerable<(double[] States, double[] Parameters, double[] Inputs)> points)
        where TNeuron : INeuron<TNeuron> =>
        Analyse<TNeuron>(scheme, dt, points, "at the given points");

    /// <summary>
    /// Analyses the neuron at rest: the fixed point Newton's method reaches from the zero state with the default
    /// parameters and no input, or the zero state itself when Newton's method does not converge.
    /// </summary>
    public static StabilityReport AtRest<TNeuron>(Integrator scheme, double dt)
        where TNeuron : INeuron<TNeuron>
    {
        var parameters = TNeuron.Descriptor.ParameterDefaults.ToArray();
        var inputs = new double[TNeuron.InputCount];
        var rest = FindFixedPoint<TNeuron>(new double[TNeuron.StateCount], parameters, inputs);
        var context = rest is null ? "at the zero state (Newton's method found no fixed point from it)" : "at rest (fixed point from the zero state, default parameters, no input)";
        return Analyse<TNeuron>(scheme, dt, [(rest ?? new double[TNeuron.StateCount], parameters, inputs)], context);
    }

    /// <summary>
    /// Newton's method on f(x) = 0 from <paramref name="start"/>, with the generated right-hand side and Jacobian;
    /// null when it does not converge within 100 iterations or meets a singular Jacobian.
    /// </summary>
    public static double[]? FindFixedPoint<TNeuron>(ReadOnlySpan<double> start, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs)
        where TNeuron : INeuron<TNeuron> =>
        FindFixedPoint(NeuronDynamics.Of<TNeuron>(), start, parameters, inputs);

    /// <inheritdoc cref="FindFixedPoint{TNeuron}(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    internal static double[]? FindFixedPoint(NeuronDynamics dynamics, ReadOnlySpan<double> start, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs)
    {
        var n = dynamics.StateCount;
        if (start.Length != n)
        {
            throw new ArgumentException($"{dynamics.Descriptor.Name} has {n} states, not {start.Length}.", nameof(start));
        }

        var x = start.ToArray();
        var f = new double[n];
        var jacobian = new double[n * n];
        for (var iteration = 0; iteration < 100; iteration++)
        {
            dynamics.RightHandSide(x, parameters, inputs, f);
            var residual = MaxAbs(f);
            if (!double.IsFinite(residual))
            {
                return null;
            }

            if (residual <= 1e-13 * (1 + MaxAbs(x)))
            {
                return x;
            }

            dynamics.Jacobian(x, parameters, inputs, jacobian);
            if (!Solve(jacobian, f, n))
            {
                return null;
            }

            for (var i = 0; i < n; i++)
            {
                x[i] -= f[i];
            }
        }

        return null;
    }

    internal static StabilityReport Analyse<TNeuron>(Integrator scheme, double dt, IEnumerable<(double[] States, double[] Parameters, double[] Inputs)> points, string context)
        where TNeuron : INeuron<TNeuron>
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!double.IsFinite(dt) || dt <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "dt must be a positive finite number.");
        }

        var descriptor = TNeuron.Descriptor;
        var n = TNeuron.StateCount;
        var jacobian = new double[n * n];
        var noInputs = new double[TNeuron.InputCount];
        var schemes = Enum.GetValues<Integrator>();
        var stableSteps = schemes.ToDictionary(s => s, _ => double.PositiveInfinity);
        var limited = new HashSet<Complex>();
        int count = 0, nonFinite = 0, unstable = 0, expanding = 0;
        var worstAmplification = 0.0;
        EigenvalueAtPoint? worst = null, fastest = null;
        foreach (var (states, parameters, inputs) in points)
        {
            var index = count++;
            Check(states, n, "states", descriptor, index);
            Check(parameters, TNeuron.ParameterCount, "parameters", descriptor, index);
            var drive = inputs is null || inputs.Length == 0 ? noInputs : inputs;
            Check(drive, TNeuron.InputCount, "inputs", descriptor, index);
            if (!AllFinite(states))
            {
                nonFinite++;
                continue;
            }

            TNeuron.EvaluateJacobian(states, parameters, drive, jacobian);
            if (!AllFinite(jacobian))
            {
                nonFinite++;
                continue;
            }

            var tolerance = 1e-9 * (1 + MaxAbs(jacobian));
            var pointExpands = false;
            var pointUnstable = false;
            foreach (var lambda in Eigenvalues.Of(jacobian, n))
            {
                if (lambda.Imaginary < 0)
                {
                    continue;
                }

                if (lambda.Real > tolerance)
                {
                    pointExpands = true;
                    if (fastest is null || lambda.Real > fastest.Eigenvalue.Real)
                    {
                        fastest = new EigenvalueAtPoint(index, [.. states], lambda);
                    }

                    continue;
                }

                var amplification = StabilityRegion.Amplification(scheme, dt * lambda);
                if (amplification > 1 + StabilityRegion.Tolerance)
                {
                    pointUnstable = true;
                }

                if (worst is null || amplification > worstAmplification)
                {
                    worstAmplification = amplification;
                    worst = new EigenvalueAtPoint(index, [.. states], lambda);
                }

                if (limited.Add(lambda))
                {
                    foreach (var s in schemes)
                    {
                        stableSteps[s] = Math.Min(stableSteps[s], StabilityRegion.LargestStableStep(s, lambda));
                    }
                }
            }

            expanding += pointExpands ? 1 : 0;
            unstable += pointUnstable ? 1 : 0;
        }

        return new StabilityReport(descriptor, context, scheme, dt, count, nonFinite, unstable, expanding, worstAmplification, worst, fastest, stableSteps);
    }

    private static void Check(double[] values, int expected, string what, NeuronDescriptor descriptor, int index)
    {
        if (values is null || values.Length != expected)
        {
            throw new ArgumentException($"Point {index}: {descriptor.Name} takes {expected} {what}, not {values?.Length ?? 0}.", "points");
        }
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private static double MaxAbs(ReadOnlySpan<double> values)
    {
        var max = 0.0;
        foreach (var v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }

    /// <summary>Solves A y = b in place (b becomes y) by Gaussian elimination with partial pivoting; false when A is singular.</summary>
    private static bool Solve(double[] a, double[] b, int n)
    {
        var scale = MaxAbs(a);
        for (var k = 0; k < n; k++)
        {
            var pivot = k;
            for (var i = k + 1; i < n; i++)
            {
                if (Math.Abs(a[(i * n) + k]) > Math.Abs(a[(pivot * n) + k]))
                {
                    pivot = i;
                }
            }

            if (Math.Abs(a[(pivot * n) + k]) <= 1e-14 * scale || scale == 0)
            {
                return false;
            }

            if (pivot != k)
            {
                for (var j = 0; j < n; j++)
                {
                    (a[(k * n) + j], a[(pivot * n) + j]) = (a[(pivot * n) + j], a[(k * n) + j]);
                }

                (b[k], b[pivot]) = (b[pivot], b[k]);
            }

            for (var i = k + 1; i < n; i++)
            {
                var factor = a[(i * n) + k] / a[(k * n) + k];
                for (var j = k; j < n; j++)
                {
                    a[(i * n) + j] -= factor * a[(k * n) + j];
                }

                b[i] -= factor * b[k];
            }
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var j = i + 1; j < n; j++)
            {
                sum -= a[(i * n) + j] * b[j];
            }

            b[i] = sum / a[(i * n) + i];
        }

        return true;
    }
}
