using DynPmnn.Neurons;

namespace DynPmnn.Dynamics;

/// <summary>
/// Every unit's states at every integrator step of an ODE layer's forward pass, for chosen rows of a batch: exactly the
/// values the forward pass computes (the same kernels, in the layer's precision, with its state clamp), widened to double.
/// </summary>
/// <remarks>Step 0 is the initial state; step <see cref="Steps"/> is the state the layer reads out.</remarks>
public sealed class LayerTrajectories
{
    private readonly double[] states;
    private readonly double[] inputs;

    internal LayerTrajectories(NeuronDescriptor neuron, IReadOnlyList<int> rows, int units, int steps, double dt, double[] states, double[] inputs)
    {
        Neuron = neuron;
        Rows = rows;
        Units = units;
        Steps = steps;
        Dt = dt;
        this.states = states;
        this.inputs = inputs;
    }

    public NeuronDescriptor Neuron { get; }

    /// <summary>The batch rows traced, in the order asked for; methods here take a position in this list.</summary>
    public IReadOnlyList<int> Rows { get; }

    public int Units { get; }

    public int Steps { get; }

    /// <summary>The layer's step size: step <c>k</c> is the state at time <c>k · Dt</c>.</summary>
    public double Dt { get; }

    public int StateCount => Neuron.States.Count;

    /// <summary>State <paramref name="state"/> of <paramref name="unit"/> after <paramref name="step"/> steps, for the <paramref name="row"/>-th traced row.</summary>
    public double State(int row, int unit, int step, int state)
    {
        CheckUnit(row, unit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)step, (uint)Steps, nameof(step));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)state, (uint)StateCount, nameof(state));
        return states[(((((row * Units) + unit) * (Steps + 1)) + step) * StateCount) + state];
    }

    /// <summary>All states of a unit after <paramref name="step"/> steps.</summary>
    public double[] StatesAt(int row, int unit, int step)
    {
        CheckUnit(row, unit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)step, (uint)Steps, nameof(step));
        return states.AsSpan((((row * Units) + unit) * (Steps + 1) + step) * StateCount, StateCount).ToArray();
    }

    /// <summary>One state of a unit at steps 0 to <see cref="Steps"/>.</summary>
    public double[] Trajectory(int row, int unit, int state)
    {
        var result = new double[Steps + 1];
        for (var step = 0; step <= Steps; step++)
        {
            result[step] = State(row, unit, step, state);
        }

        return result;
    }

    /// <summary>The unit's drive (its inputs, held over the integration); zero for inputs not taken from features.</summary>
    public double[] Inputs(int row, int unit)
    {
        CheckUnit(row, unit);
        var count = Neuron.Inputs.Count;
        return inputs.AsSpan(((row * Units) + unit) * count, count).ToArray();
    }

    private void CheckUnit(int row, int unit)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows.Count, nameof(row));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)unit, (uint)Units, nameof(unit));
    }
}
