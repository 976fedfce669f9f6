using DynPmnn.Neurons;

namespace DynPmnn.Dynamics;

/// <summary>
/// An accurate solution of one unit's ODE over a layer's time span, for comparison with the layer's fixed steps:
/// classic RK4 in double (the neuron's generated kernel) with the step halved until two successive solutions agree
/// to a tolerance at every trained step's time. No state clamp is applied, so the difference from the layer's
/// trajectory is the discretisation error of its step size (and whatever the clamp cut).
/// </summary>
public sealed class ReferenceTrajectory
{
    /// <summary>How closely two successive halvings must agree: |a − b| ≤ tolerance · max(1, |b|) in every state.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>Halvings of the trained step tried before giving up: down to dt / 2²⁰.</summary>
    public const int DefaultMaxHalvings = 20;

    // At most this many points per trained step are kept for drawing the solution between the steps.
    private const int PointsPerStep = 64;

    private ReferenceTrajectory(int stateCount, double dt, int steps, int substeps, double agreement, double[] times, double[] states)
    {
        StateCount = stateCount;
        Dt = dt;
        Steps = steps;
        Substeps = substeps;
        Agreement = agreement;
        Times = times;
        this.states = states;
    }

    private readonly double[] states;

    public int StateCount { get; }

    /// <summary>The trained step size the solution is compared at.</summary>
    public double Dt { get; }

    public int Steps { get; }

    /// <summary>RK4 steps per trained step in the accepted solution (a power of two).</summary>
    public int Substeps { get; }

    /// <summary>The RK4 step of the accepted solution.</summary>
    public double StepSize => Dt / Substeps;

    /// <summary>The largest scaled difference between the accepted solution and the one with twice its step.</summary>
    public double Agreement { get; }

    /// <summary>The times of the solution's points, from 0 to <c>Dt · Steps</c>; every trained step's time is among them.</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>State <paramref name="state"/> at <c>Times[point]</c>.</summary>
    public double State(int point, int state) => states[(point * StateCount) + state];

    /// <summary>One state at every point.</summary>
    public double[] Path(int state) => [.. Enumerable.Range(0, Times.Count).Select(p => State(p, state))];

    /// <summary>The states at time <c>step · Dt</c>.</summary>
    public double[] StatesAtStep(int step)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)step, (uint)Steps, nameof(step));
        var point = step * (Times.Count - 1) / Math.Max(Steps, 1);
        return states.AsSpan(point * StateCount, StateCount).ToArray();
    }

    /// <summary>Solves the unit's ODE from <paramref name="initialStates"/> over <paramref name="steps"/> steps of <paramref name="dt"/>.</summary>
    /// <exception cref="ReferenceSolutionException">No two successive halvings agreed within <paramref name="maxHalvings"/> (the solution blows up or is too stiff).</exception>
    public static ReferenceTrajectory Solve(
        NeuronDynamics dynamics,
        ReadOnlySpan<double> initialStates,
        ReadOnlySpan<double> parameters,
        ReadOnlySpan<double> inputs,
        double dt,
        int steps,
        double tolerance = DefaultTolerance,
        int maxHalvings = DefaultMaxHalvings)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        var n = dynamics.StateCount;
        if (initialStates.Length != n)
        {
            throw new ArgumentException($"{dynamics.Descriptor.Name} has {n} states, not {initialStates.Length}.", nameof(initialStates));
        }

        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "dt must be a positive finite number.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tolerance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHalvings);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxHalvings, 30);

        var start = initialStates.ToArray();
        var previous = AtSteps(dynamics, start, parameters, inputs, dt, steps, 1);
        var worst = (Difference: double.PositiveInfinity, Step: 0, State: 0);
        for (var halving = 1; halving <= maxHalvings; halving++)
        {
            var substeps = 1 << halving;
            var current = AtSteps(dynamics, start, parameters, inputs, dt, steps, substeps);
            worst = Compare(previous, current, n);
            if (worst.Difference <= tolerance)
            {
                return Record(dynamics, start, parameters, inputs, dt, steps, substeps, worst.Difference);
            }

            previous = current;
        }

        throw new ReferenceSolutionException(dynamics.Descriptor, dt, steps, tolerance, maxHalvings, worst.Difference, dynamics.Descriptor.States[worst.State], worst.Step * dt);
    }

    /// <summary>The states at every trained step's time with <paramref name="substeps"/> RK4 steps per trained step, <c>[step][state]</c>.</summary>
    private static double[] AtSteps(NeuronDynamics dynamics, double[] start, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, double dt, int steps, int substeps)
    {
        var n = start.Length;
        var result = new double[(steps + 1) * n];
        var x = start.ToArray();
        x.CopyTo(result, 0);
        for (var step = 1; step <= steps; step++)
        {
            dynamics.Integrate(Integrator.RungeKutta4, dt / substeps, substeps, x, parameters, inputs);
            x.CopyTo(result, step * n);
        }

        return result;
    }

    /// <summary>The largest scaled difference between two solutions and where; infinite where either is not finite.</summary>
    private static (double Difference, int Step, int State) Compare(double[] coarse, double[] fine, int n)
    {
        var worst = (Difference: 0.0, Step: 0, State: 0);
        for (var i = 0; i < fine.Length; i++)
        {
            var difference = double.IsFinite(coarse[i]) && double.IsFinite(fine[i])
                ? Math.Abs(coarse[i] - fine[i]) / Math.Max(1, Math.Abs(fine[i]))
                : double.PositiveInfinity;
            if (difference > worst.Difference || (double.IsPositiveInfinity(difference) && !double.IsPositiveInfinity(worst.Difference)))
            {
                worst = (difference, i / n, i % n);
            }
        }

        return worst;
    }

    private static ReferenceTrajectory Record(NeuronDynamics dynamics, double[] start, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, double dt, int steps, int substeps, double agreement)
    {
        var n = start.Length;
        var stride = Math.Max(1, substeps / PointsPerStep);
        var perStep = substeps / stride;
        var points = (steps * perStep) + 1;
        var times = new double[points];
        var states = new double[points * n];
        var x = start.ToArray();
        x.CopyTo(states, 0);
        var h = dt / substeps;
        for (var point = 1; point < points; point++)
        {
            dynamics.Integrate(Integrator.RungeKutta4, h, stride, x, parameters, inputs);
            times[point] = point % perStep == 0 ? point / perStep * dt : (double)point * stride * h;
            x.CopyTo(states, point * n);
        }

        return new ReferenceTrajectory(n, dt, steps, substeps, agreement, times, states);
    }
}
