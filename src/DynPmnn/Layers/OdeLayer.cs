using System.Numerics;
using System.Runtime.InteropServices;
using DynPmnn.CompilerServices;
using DynPmnn.Dynamics;
using DynPmnn.Neurons;
using DynPmnn.Stability;

namespace DynPmnn.Layers;

/// <summary>
/// A layer whose activation is the solution of an ODE: <see cref="OdeLayerOptions.Units"/> neurons of type
/// <typeparamref name="TNeuron"/>, integrated by its generated kernels. Features become initial states and/or input
/// drives, chosen states are read out at the final time, and chosen dynamical parameters are trained per unit.
/// </summary>
/// <remarks>
/// Buffers are kept as <c>[unit][block of rows][state][row in block]</c>: each block (a unit's rows, up to
/// <see cref="RowsPerBlock"/> of them) is the structure-of-arrays block the kernels vectorise over, and one work item.
/// Features and outputs are gathered and scattered per unit as <c>[row][unit · k + j]</c>. Blocks are independent, so
/// large batches run them in parallel; each block's parameter gradient has its own slot, added in a fixed order, so the
/// results do not depend on the number of threads.
/// </remarks>
public sealed class OdeLayer<TNeuron, T> : Layer<T>, IStabilityChecked, IOdeLayer
    where TNeuron : INeuron<TNeuron>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int units;
    private readonly int stateCount;
    private readonly int parameterCount;
    private readonly int inputCount;
    private readonly int[] statesFromFeatures;
    private readonly int[] inputsFromFeatures;
    private readonly int[] readout;
    private readonly T[] initialStateValues;
    private readonly TrainedSlot[] trained;
    private readonly Parameter<T>[] parameters;

    /// <summary>Effective dynamical parameters, <c>[unit][parameter]</c>, refreshed from the trained values each forward pass.</summary>
    private readonly T[] unitParameters;
    private T[] blockParameterGradients = [];
    private T[] initialStates = [];
    private T[] states = [];
    private T[] inputs = [];
    private T[] adjoint = [];
    private T[] tape = [];
    private bool taped;

    /// <summary>With a state clamp: the states before each step, <c>[unit][block][step][state][row in block]</c>.</summary>
    private T[] stepStates = [];

    /// <summary>With a state clamp: whether the clamp cut each state after each step (its gradient is zero there), laid out as <see cref="stepStates"/>.</summary>
    private bool[] clamped = [];
    private T clampBound;
    private T[] inputGradients = [];
    private int capacity;

    public OdeLayer(OdeLayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var neuron = TNeuron.Descriptor;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Units, nameof(options.Units));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Steps, nameof(options.Steps));
        if (!double.IsFinite(options.Dt) || options.Dt <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Dt, $"{neuron.Name}: dt must be a positive finite number.");
        }

        if (options.StateClamp is { } bound && !(bound > 0 && double.IsFinite(bound)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), bound, $"{neuron.Name}: the state clamp must be a positive finite number.");
        }

        units = options.Units;
        stateCount = TNeuron.StateCount;
        parameterCount = TNeuron.ParameterCount;
        inputCount = TNeuron.InputCount;
        statesFromFeatures = [.. options.StatesFromFeatures.Select(neuron.IndexOfState)];
        inputsFromFeatures = [.. options.InputsFromFeatures.Select(neuron.IndexOfInput)];
        readout = options.Readout is null ? [.. Enumerable.Range(0, stateCount)] : [.. options.Readout.Select(neuron.IndexOfState)];
        if (statesFromFeatures.Length + inputsFromFeatures.Length == 0)
        {
            throw new ArgumentException($"{neuron.Name}: an ODE layer needs at least one state or input taken from its features.", nameof(options));
        }

        if (readout.Length == 0)
        {
            throw new ArgumentException($"{neuron.Name}: an ODE layer needs at least one state to read out.", nameof(options));
        }

        CheckDistinct(options.StatesFromFeatures, "StatesFromFeatures");
        CheckDistinct(options.InputsFromFeatures, "InputsFromFeatures");

        initialStateValues = new T[stateCount];
        foreach (var (name, value) in options.InitialStates)
        {
            initialStateValues[neuron.IndexOfState(name)] = T.CreateChecked(value);
        }

        var values = neuron.ParameterDefaults.ToArray();
        foreach (var (name, value) in options.ParameterValues)
        {
            values[neuron.IndexOfParameter(name)] = value;
        }

        clampBound = T.CreateChecked(options.StateClamp ?? 0);
        unitParameters = new T[units * parameterCount];
        for (var u = 0; u < units; u++)
        {
            for (var p = 0; p < parameterCount; p++)
            {
                unitParameters[(u * parameterCount) + p] = T.CreateChecked(values[p]);
            }
        }

        CheckDistinct(options.TrainedParameters.Select(t => t.Name).ToList(), "TrainedParameters");
        trained = new TrainedSlot[options.TrainedParameters.Count];
        parameters = new Parameter<T>[trained.Length];
        for (var k = 0; k < trained.Length; k++)
        {
            var spec = options.TrainedParameters[k];
            var index = neuron.IndexOfParameter(spec.Name);
            if (spec.Constraint == ParameterConstraint.Positive && values[index] <= 0)
            {
                throw new ArgumentException($"{neuron.Name}: parameter {spec.Name} is constrained positive but starts at {values[index]}.", nameof(options));
            }

            var parameter = new Parameter<T>(spec.Name, units);
            var raw = spec.Constraint == ParameterConstraint.Positive ? InverseSoftplus(values[index]) : values[index];
            parameter.Value.AsSpan().Fill(T.CreateChecked(raw));
            trained[k] = new TrainedSlot(index, spec.Constraint, parameter);
            parameters[k] = parameter;
        }
    }

    public OdeLayerOptions Options { get; }

    public NeuronDescriptor Neuron => TNeuron.Descriptor;

    public int Units => units;

    public override int InputSize => units * (statesFromFeatures.Length + inputsFromFeatures.Length);

    public override int OutputSize => units * readout.Length;

    public override IReadOnlyList<Parameter<T>> Parameters => parameters;

    public override string Description =>
        $"Ode<{TNeuron.Descriptor.Name}>({units} units, {Options.Integrator}, dt {Options.Dt.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {Options.Steps} steps"
        + (Options.StateClamp is { } bound ? $", states clamped to ±{bound.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : ")");

    /// <summary>The dynamical parameters in effect, <c>[unit][parameter]</c> (after any positivity transform).</summary>
    public ReadOnlySpan<T> EffectiveParameters
    {
        get
        {
            RefreshParameters();
            return unitParameters;
        }
    }

    public double[] EffectiveParameterValues() => ToDouble(EffectiveParameters);

    public override void Forward(ReadOnlySpan<T> input, Span<T> output, int batch)
    {
        BufferChecks.Require(input.Length, batch, InputSize, nameof(input));
        BufferChecks.Require(output.Length, batch, OutputSize, nameof(output));
        EnsureCapacity(batch);
        RefreshParameters();
        Gather(input, batch);
        initialStates.AsSpan(0, units * stateCount * batch).CopyTo(states);
        var tapeLength = (long)units * NeuronBuffers.TapeLength(stateCount, Options.Steps, batch);
        if (Options.StateClamp is not null)
        {
            // A clamped integration is run and differentiated one step at a time, so it always keeps every step's states.
            taped = false;
            var length = checked(units * stateCount * Options.Steps * batch);
            if (stepStates.Length < length)
            {
                stepStates = new T[length];
                clamped = new bool[length];
            }
        }
        else
        {
            taped = tapeLength <= Options.TapeBudget;
            if (taped && tape.Length < tapeLength)
            {
                tape = new T[tapeLength];
            }
        }

        var items = units * BlockCount(batch);
        if (Parallelise(batch, items))
        {
            IntegrateInParallel(batch, items);
        }
        else
        {
            for (var item = 0; item < items; item++)
            {
                IntegrateBlock(item, batch);
            }
        }

        CheckFinite(batch);
        Scatter(output, batch);
    }

    public override void Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient, int batch)
    {
        BufferChecks.Require(outputGradient.Length, batch, OutputSize, nameof(outputGradient));
        BufferChecks.Require(inputGradient.Length, batch, InputSize, nameof(inputGradient));
        if (batch > capacity)
        {
            throw new InvalidOperationException($"{Description}: Backward for a batch of {batch} without a Forward pass of that batch before it.");
        }

        var width = readout.Length;
        adjoint.AsSpan(0, units * stateCount * batch).Clear();
        inputGradients.AsSpan(0, units * inputCount * batch).Clear();
        for (var b = 0; b < batch; b++)
        {
            var row = outputGradient.Slice(b * OutputSize, OutputSize);
            for (var u = 0; u < units; u++)
            {
                for (var r = 0; r < width; r++)
                {
                    adjoint[Index(u, readout[r], b, batch, stateCount)] = row[(u * width) + r];
                }
            }
        }

        // Each block writes its parameter gradient to its own slot; the slots are added in a fixed order afterwards,
        // so the result does not depend on how many threads ran the blocks.
        var blocks = BlockCount(batch);
        var items = units * blocks;
        if (Parallelise(batch, items))
        {
            BackpropagateInParallel(batch, items);
        }
        else
        {
            for (var item = 0; item < items; item++)
            {
                BackpropagateBlock(item, batch);
            }
        }

        for (var u = 0; u < units; u++)
        {
            AccumulateParameterGradients(u, blocks);
        }

        var drive = statesFromFeatures.Length + inputsFromFeatures.Length;
        for (var b = 0; b < batch; b++)
        {
            var row = inputGradient.Slice(b * InputSize, InputSize);
            for (var u = 0; u < units; u++)
            {
                for (var d = 0; d < statesFromFeatures.Length; d++)
                {
                    row[(u * drive) + d] = adjoint[Index(u, statesFromFeatures[d], b, batch, stateCount)];
                }

                for (var d = 0; d < inputsFromFeatures.Length; d++)
                {
                    row[(u * drive) + statesFromFeatures.Length + d] = inputGradients[Index(u, inputsFromFeatures[d], b, batch, inputCount)];
                }
            }
        }
    }

    public NeuronDynamics Dynamics => NeuronDynamics.Of<TNeuron>();

    public IReadOnlyList<NeuronParameter> ParametersOf(int unit)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)unit, (uint)units, nameof(unit));
        RefreshParameters();
        var neuron = TNeuron.Descriptor;
        var result = new NeuronParameter[parameterCount];
        for (var p = 0; p < parameterCount; p++)
        {
            var name = neuron.Parameters[p];
            var initial = Options.ParameterValues.TryGetValue(name, out var given) ? given : neuron.ParameterDefaults[p];
            var isTrained = trained.Any(t => t.Index == p);
            result[p] = new NeuronParameter(name, double.CreateChecked(unitParameters[(unit * parameterCount) + p]), neuron.ParameterDefaults[p], initial, isTrained);
        }

        return result;
    }

    LayerTrajectories IOdeLayer.Trace(ReadOnlySpan<float> input, int batch, IReadOnlyList<int> rows) =>
        Trace(typeof(T) == typeof(float) ? MemoryMarshal.Cast<float, T>(input) : [.. input.ToArray().Select(v => T.CreateChecked(v))], batch, rows);

    /// <inheritdoc cref="IOdeLayer.Trace"/>
    /// <remarks>
    /// The rows are integrated as the forward pass integrates a block, one step per kernel call with the clamp after
    /// each, which gives the forward pass's bits: a row's result never depends on its place in a block (the kernels fuse
    /// multiply-adds in every lane width) nor on how many steps one call takes. Leaves the layer's buffers untouched.
    /// </remarks>
    public LayerTrajectories Trace(ReadOnlySpan<T> input, int batch, IReadOnlyList<int> rows)
    {
        BufferChecks.Require(input.Length, batch, InputSize, nameof(input));
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            if ((uint)row >= (uint)batch)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"{Description}: row {row} is outside the batch of {batch} rows.");
            }
        }

        RefreshParameters();
        var traced = rows.ToArray();
        var steps = Options.Steps;
        var count = traced.Length;
        var trajectories = new double[(long)count * units * (steps + 1) * stateCount];
        var drives = new double[count * units * inputCount];
        var drive = statesFromFeatures.Length + inputsFromFeatures.Length;
        var blockRows = Math.Min(Math.Max(count, 1), RowsPerBlock);
        var x = new T[stateCount * blockRows];
        var blockDrive = new T[inputCount * blockRows];
        for (var u = 0; u < units; u++)
        {
            var values = unitParameters.AsSpan(u * parameterCount, parameterCount);
            for (var first = 0; first < count; first += RowsPerBlock)
            {
                var n = Math.Min(RowsPerBlock, count - first);
                var blockStates = x.AsSpan(0, stateCount * n);
                var blockInputs = inputsFromFeatures.Length == 0 ? Span<T>.Empty : blockDrive.AsSpan(0, inputCount * n);
                for (var s = 0; s < stateCount; s++)
                {
                    blockStates.Slice(s * n, n).Fill(initialStateValues[s]);
                }

                blockInputs.Clear();
                for (var r = 0; r < n; r++)
                {
                    var row = input.Slice(traced[first + r] * InputSize, InputSize);
                    for (var d = 0; d < statesFromFeatures.Length; d++)
                    {
                        blockStates[(statesFromFeatures[d] * n) + r] = row[(u * drive) + d];
                    }

                    for (var d = 0; d < inputsFromFeatures.Length; d++)
                    {
                        blockInputs[(inputsFromFeatures[d] * n) + r] = row[(u * drive) + statesFromFeatures.Length + d];
                    }

                    for (var k = 0; k < inputCount && !blockInputs.IsEmpty; k++)
                    {
                        drives[((((first + r) * units) + u) * inputCount) + k] = double.CreateChecked(blockInputs[(k * n) + r]);
                    }
                }

                for (var step = 0; ; step++)
                {
                    for (var r = 0; r < n; r++)
                    {
                        var at = (((((long)(first + r) * units) + u) * (steps + 1)) + step) * stateCount;
                        for (var s = 0; s < stateCount; s++)
                        {
                            trajectories[at + s] = double.CreateChecked(blockStates[(s * n) + r]);
                        }
                    }

                    if (step == steps)
                    {
                        break;
                    }

                    IntegrateSteps(1, n, blockStates, values, blockInputs, Span<T>.Empty);
                    ClampReplay(blockStates);
                }
            }
        }

        return new LayerTrajectories(TNeuron.Descriptor, traced, units, steps, Options.Dt, trajectories, drives);
    }

    /// <summary>Rows of a batch whose trajectories <see cref="CheckStability"/> samples, at most.</summary>
    public const int StabilitySampleRows = 64;

    /// <summary>
    /// Linear stability of this layer's integration for <paramref name="input"/>: replays up to
    /// <see cref="StabilitySampleRows"/> evenly spaced rows of the batch, every unit, with the current parameters, and
    /// analyses the initial states and the state after each step (up to the first non-finite one). Leaves the layer's
    /// buffers untouched, so it may run between <see cref="Forward"/> and <see cref="Backward"/>.
    /// </summary>
    StabilityReport IStabilityChecked.CheckStability(ReadOnlySpan<float> input, int batch) =>
        CheckStability(typeof(T) == typeof(float) ? MemoryMarshal.Cast<float, T>(input) : [.. input.ToArray().Select(v => T.CreateChecked(v))], batch);

    public StabilityReport CheckStability(ReadOnlySpan<T> input, int batch)
    {
        BufferChecks.Require(input.Length, batch, InputSize, nameof(input));
        RefreshParameters();
        var rows = Math.Min(batch, StabilitySampleRows);
        var drive = statesFromFeatures.Length + inputsFromFeatures.Length;
        var o = Options;
        var points = new List<(double[] States, double[] Parameters, double[] Inputs)>();
        var x = new T[stateCount];
        var neuronInputs = new T[inputCount];
        for (var k = 0; k < rows; k++)
        {
            var row = input.Slice((int)((long)k * batch / rows) * InputSize, InputSize);
            for (var u = 0; u < units; u++)
            {
                initialStateValues.CopyTo(x, 0);
                Array.Clear(neuronInputs);
                for (var d = 0; d < statesFromFeatures.Length; d++)
                {
                    x[statesFromFeatures[d]] = row[(u * drive) + d];
                }

                for (var d = 0; d < inputsFromFeatures.Length; d++)
                {
                    neuronInputs[inputsFromFeatures[d]] = row[(u * drive) + statesFromFeatures.Length + d];
                }

                var values = unitParameters.AsSpan(u * parameterCount, parameterCount);
                var parameterValues = ToDouble(values);
                var inputValues = ToDouble(neuronInputs);
                for (var step = 0; ; step++)
                {
                    var point = ToDouble(x);
                    points.Add((point, parameterValues, inputValues));

                    // Follow the trajectory only while it is inside the stability region: the states an unstable step
                    // produces are artefacts of the blow-up, and would make the suggested step absurdly small.
                    if (step == o.Steps || point.Any(v => !double.IsFinite(v)) || !InsideStabilityRegion(point, parameterValues, inputValues))
                    {
                        break;
                    }

                    IntegrateSteps(1, 1, x, values, neuronInputs, Span<T>.Empty);
                    ClampReplay(x);
                }
            }
        }

        var context = $"{Description}: {rows} of {batch} rows × {units} units, initial states and every step while stable";
        return StabilityAnalysis.Analyse<TNeuron>(o.Integrator, o.Dt, points, context);
    }

    private static double[] ToDouble(ReadOnlySpan<T> values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateChecked(values[i]);
        }

        return result;
    }

    private void BackpropagateBlock(int item, int batch)
    {
        var (u, first, rows) = Block(item, batch);
        var size = stateCount * rows;
        var start = (u * stateCount * batch) + (first * stateCount);
        var initial = initialStates.AsSpan(start, size);
        var blockAdjoint = adjoint.AsSpan(start, size);
        var inputStart = (u * inputCount * batch) + (first * inputCount);
        var blockInputs = inputsFromFeatures.Length == 0 ? Span<T>.Empty : inputs.AsSpan(inputStart, inputCount * rows);
        var blockInputGradient = inputsFromFeatures.Length == 0 ? Span<T>.Empty : inputGradients.AsSpan(inputStart, inputCount * rows);
        var gradient = blockParameterGradients.AsSpan(item * parameterCount, parameterCount);
        gradient.Clear();
        var values = unitParameters.AsSpan(u * parameterCount, parameterCount);
        var o = Options;
        if (o.StateClamp is not null)
        {
            // Backwards through the steps: zero the adjoint where the clamp cut a state, then through one step.
            var (stepStart, stride) = StepRange(u, first, rows, batch);
            for (var step = o.Steps - 1; step >= 0; step--)
            {
                var cut = clamped.AsSpan(stepStart + (step * stride), stride);
                for (var i = 0; i < stride; i++)
                {
                    if (cut[i])
                    {
                        blockAdjoint[i] = T.Zero;
                    }
                }

                BackpropagateSteps(1, rows, stepStates.AsSpan(stepStart + (step * stride), stride), Span<T>.Empty, values, blockInputs, blockAdjoint, gradient, blockInputGradient);
            }

            return;
        }

        BackpropagateSteps(o.Steps, rows, initial, BlockTape(u, first, rows, batch), values, blockInputs, blockAdjoint, gradient, blockInputGradient);
    }

    /// <summary>The neuron's backward kernel in the layer's precision, from the tape when it is not empty, else recomputing from <paramref name="initial"/>.</summary>
    private void BackpropagateSteps(int steps, int rows, Span<T> initial, Span<T> blockTape, Span<T> values, Span<T> blockInputs, Span<T> blockAdjoint, Span<T> gradient, Span<T> blockInputGradient)
    {
        var o = Options;
        var fromTape = !blockTape.IsEmpty;
        if (typeof(T) == typeof(float))
        {
            if (fromTape)
            {
                TNeuron.BackpropagateFromTape(o.Integrator, (float)o.Dt, steps, rows, AsFloat(blockTape), AsFloat(values), AsFloat(blockInputs), AsFloat(blockAdjoint), AsFloat(gradient), AsFloat(blockInputGradient));
            }
            else
            {
                TNeuron.Backpropagate(o.Integrator, (float)o.Dt, steps, rows, AsFloat(initial), AsFloat(values), AsFloat(blockInputs), AsFloat(blockAdjoint), AsFloat(gradient), AsFloat(blockInputGradient));
            }
        }
        else if (fromTape)
        {
            TNeuron.BackpropagateFromTape(o.Integrator, o.Dt, steps, rows, AsDouble(blockTape), AsDouble(values), AsDouble(blockInputs), AsDouble(blockAdjoint), AsDouble(gradient), AsDouble(blockInputGradient));
        }
        else
        {
            TNeuron.Backpropagate(o.Integrator, o.Dt, steps, rows, AsDouble(initial), AsDouble(values), AsDouble(blockInputs), AsDouble(blockAdjoint), AsDouble(gradient), AsDouble(blockInputGradient));
        }
    }

    /// <summary>Adds unit <paramref name="u"/>'s block gradients, in block order, to its trained parameters.</summary>
    private void AccumulateParameterGradients(int u, int blocks)
    {
        foreach (var slot in trained)
        {
            var g = T.Zero;
            for (var k = 0; k < blocks; k++)
            {
                g += blockParameterGradients[(((u * blocks) + k) * parameterCount) + slot.Index];
            }

            if (slot.Constraint == ParameterConstraint.Positive)
            {
                // d softplus(θ)/dθ = sigmoid(θ).
                var theta = slot.Parameter.Value[u];
                g *= T.One / (T.One + T.Exp(-theta));
            }

            slot.Parameter.Gradient[u] += g;
        }
    }

    /// <summary>Kept out of <see cref="Forward"/>: a lambda that captures the batch would allocate its closure on every call, even on the serial path.</summary>
    private void IntegrateInParallel(int batch, int items) => Parallel.For(0, items, item => IntegrateBlock(item, batch));

    private void BackpropagateInParallel(int batch, int items) => Parallel.For(0, items, item => BackpropagateBlock(item, batch));

    /// <summary>Rows per block: a unit's rows are integrated in blocks of this many, each its own kernel call and work item.</summary>
    public const int RowsPerBlock = 1024;

    private static int BlockCount(int batch) => Math.Max(1, (batch + RowsPerBlock - 1) / RowsPerBlock);

    /// <summary>Work item <paramref name="item"/>: its unit, first row and number of rows.</summary>
    private static (int Unit, int First, int Rows) Block(int item, int batch)
    {
        var blocks = BlockCount(batch);
        var first = (item % blocks) * RowsPerBlock;
        return (item / blocks, first, Math.Min(RowsPerBlock, batch - first));
    }

    /// <summary>
    /// Where variable <paramref name="variable"/> of row <paramref name="row"/> of unit <paramref name="u"/> lives in a
    /// <c>[unit][block][variable][row in block]</c> buffer of <paramref name="width"/> variables.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int Index(int u, int variable, int row, int batch, int width)
    {
        if (batch <= RowsPerBlock)
        {
            // One block: the plain [unit][variable][row] layout.
            return (((u * width) + variable) * batch) + row;
        }

        var first = row - (row % RowsPerBlock);
        var rows = Math.Min(RowsPerBlock, batch - first);
        return (u * width * batch) + (first * width) + (variable * rows) + (row - first);
    }

    private void IntegrateBlock(int item, int batch)
    {
        var (u, first, rows) = Block(item, batch);
        var blockStates = states.AsSpan((u * stateCount * batch) + (first * stateCount), stateCount * rows);
        var blockInputs = inputsFromFeatures.Length == 0 ? Span<T>.Empty : inputs.AsSpan((u * inputCount * batch) + (first * inputCount), inputCount * rows);
        var values = unitParameters.AsSpan(u * parameterCount, parameterCount);
        if (Options.StateClamp is null)
        {
            IntegrateSteps(Options.Steps, rows, blockStates, values, blockInputs, BlockTape(u, first, rows, batch));
            return;
        }

        var (start, stride) = StepRange(u, first, rows, batch);
        for (var step = 0; step < Options.Steps; step++)
        {
            blockStates.CopyTo(stepStates.AsSpan(start + (step * stride), stride));
            IntegrateSteps(1, rows, blockStates, values, blockInputs, Span<T>.Empty);
            Clamp(blockStates, clamped.AsSpan(start + (step * stride), stride));
        }
    }

    /// <summary>Where a block's per-step states start in <see cref="stepStates"/>, and the length of one step's states.</summary>
    private (int Start, int Stride) StepRange(int u, int first, int rows, int batch)
    {
        var perRow = stateCount * Options.Steps;
        return ((u * perRow * batch) + (first * perRow), stateCount * rows);
    }

    /// <summary>Clamps <paramref name="values"/> to ±<see cref="OdeLayerOptions.StateClamp"/>, marking what it cut in <paramref name="cut"/> unless that is empty; a NaN stays NaN (as torch.clamp) for the divergence check to name.</summary>
    private void Clamp(Span<T> values, Span<bool> cut)
    {
        var bound = clampBound;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            var outside = v > bound || v < -bound;
            if (outside)
            {
                values[i] = v > bound ? bound : -bound;
            }

            if (!cut.IsEmpty)
            {
                cut[i] = outside;
            }
        }
    }

    /// <summary>The neuron's kernel in the layer's precision; records every step's state when <paramref name="tape"/> is not empty.</summary>
    private void IntegrateSteps(int steps, int count, Span<T> states, Span<T> values, Span<T> inputs, Span<T> tape)
    {
        var o = Options;
        if (typeof(T) == typeof(float))
        {
            if (tape.IsEmpty)
            {
                TNeuron.Integrate(o.Integrator, (float)o.Dt, steps, count, AsFloat(states), AsFloat(values), AsFloat(inputs));
            }
            else
            {
                TNeuron.IntegrateRecording(o.Integrator, (float)o.Dt, steps, count, AsFloat(states), AsFloat(values), AsFloat(inputs), AsFloat(tape));
            }
        }
        else if (tape.IsEmpty)
        {
            TNeuron.Integrate(o.Integrator, o.Dt, steps, count, AsDouble(states), AsDouble(values), AsDouble(inputs));
        }
        else
        {
            TNeuron.IntegrateRecording(o.Integrator, o.Dt, steps, count, AsDouble(states), AsDouble(values), AsDouble(inputs), AsDouble(tape));
        }
    }

    /// <summary>A block's part of the tape of the last forward pass (empty when it kept none).</summary>
    private Span<T> BlockTape(int u, int first, int rows, int batch)
    {
        if (!taped)
        {
            return Span<T>.Empty;
        }

        var perRow = stateCount * Options.Steps;
        return tape.AsSpan((u * perRow * batch) + (first * perRow), perRow * rows);
    }

    private void Gather(ReadOnlySpan<T> input, int batch)
    {
        var drive = statesFromFeatures.Length + inputsFromFeatures.Length;
        var blocks = BlockCount(batch);
        for (var item = 0; item < units * blocks; item++)
        {
            var (u, first, rows) = Block(item, batch);
            var start = (u * stateCount * batch) + (first * stateCount);
            for (var s = 0; s < stateCount; s++)
            {
                initialStates.AsSpan(start + (s * rows), rows).Fill(initialStateValues[s]);
            }
        }

        if (inputsFromFeatures.Length > 0)
        {
            inputs.AsSpan(0, units * inputCount * batch).Clear();
        }

        for (var b = 0; b < batch; b++)
        {
            var row = input.Slice(b * InputSize, InputSize);
            for (var u = 0; u < units; u++)
            {
                for (var d = 0; d < statesFromFeatures.Length; d++)
                {
                    initialStates[Index(u, statesFromFeatures[d], b, batch, stateCount)] = row[(u * drive) + d];
                }

                for (var d = 0; d < inputsFromFeatures.Length; d++)
                {
                    inputs[Index(u, inputsFromFeatures[d], b, batch, inputCount)] = row[(u * drive) + statesFromFeatures.Length + d];
                }
            }
        }
    }

    private void Scatter(Span<T> output, int batch)
    {
        var width = readout.Length;
        for (var b = 0; b < batch; b++)
        {
            var row = output.Slice(b * OutputSize, OutputSize);
            for (var u = 0; u < units; u++)
            {
                for (var r = 0; r < width; r++)
                {
                    row[(u * width) + r] = states[Index(u, readout[r], b, batch, stateCount)];
                }
            }
        }
    }

    /// <summary>Turns a non-finite final state into an error that says where the integration blew up.</summary>
    private void CheckFinite(int batch)
    {
        var all = states.AsSpan(0, units * stateCount * batch);
        var finite = true;
        foreach (var value in all)
        {
            finite &= T.IsFinite(value);
        }

        if (finite)
        {
            return;
        }

        // Something blew up: find the first unit and row, in that order, to name them.
        for (var u = 0; u < units; u++)
        {
            for (var b = 0; b < batch; b++)
            {
                for (var s = 0; s < stateCount; s++)
                {
                    if (!T.IsFinite(states[Index(u, s, b, batch, stateCount)]))
                    {
                        throw Diverged(u, b, batch);
                    }
                }
            }
        }
    }

    /// <summary>Replays one element step by step, in the layer's precision, to find the first step whose state is not finite.</summary>
    private OdeDivergenceException Diverged(int unit, int row, int batch)
    {
        var x = new T[stateCount];
        for (var s = 0; s < stateCount; s++)
        {
            x[s] = initialStates[Index(unit, s, row, batch, stateCount)];
        }

        var drive = new T[inputsFromFeatures.Length == 0 ? 0 : inputCount];
        for (var k = 0; k < drive.Length; k++)
        {
            drive[k] = inputs[Index(unit, k, row, batch, inputCount)];
        }

        var values = unitParameters.AsSpan(unit * parameterCount, parameterCount);
        var o = Options;
        var descriptor = TNeuron.Descriptor;
        for (var step = 1; step <= o.Steps; step++)
        {
            IntegrateSteps(1, 1, x, values, drive, Span<T>.Empty);
            ClampReplay(x);

            for (var s = 0; s < stateCount; s++)
            {
                if (!T.IsFinite(x[s]))
                {
                    return new OdeDivergenceException(Description, unit, row, descriptor.States[s], step, o.Steps, o.Dt, o.Integrator);
                }
            }
        }

        // The vector path overflowed where the scalar replay did not (a difference in the last bits): report the end.
        return new OdeDivergenceException(Description, unit, row, descriptor.States[0], o.Steps, o.Steps, o.Dt, o.Integrator);
    }

    /// <summary>The clamp on a replayed state, as the forward pass applies it (nothing without a clamp).</summary>
    private void ClampReplay(Span<T> x)
    {
        if (Options.StateClamp is not null)
        {
            Clamp(x, Span<bool>.Empty);
        }
    }

    private void RefreshParameters()
    {
        foreach (var slot in trained)
        {
            var values = slot.Parameter.Value;
            for (var u = 0; u < units; u++)
            {
                unitParameters[(u * parameterCount) + slot.Index] = slot.Constraint == ParameterConstraint.Positive ? Softplus(values[u]) : values[u];
            }
        }
    }

    private bool InsideStabilityRegion(double[] states, double[] parameters, double[] inputs)
    {
        var jacobian = new double[stateCount * stateCount];
        TNeuron.EvaluateJacobian(states, parameters, inputs, jacobian);
        return Eigenvalues.Of(jacobian, stateCount).All(lambda => StabilityRegion.Contains(Options.Integrator, Options.Dt * lambda));
    }

    private bool Parallelise(int batch, int items) => items > 1 && (long)units * batch * Math.Max(1, Options.Steps) * stateCount >= Options.ParallelThreshold;

    private void EnsureCapacity(int batch)
    {
        if (batch <= capacity)
        {
            return;
        }

        capacity = batch;
        initialStates = new T[units * stateCount * batch];
        states = new T[units * stateCount * batch];
        adjoint = new T[units * stateCount * batch];
        blockParameterGradients = new T[units * BlockCount(batch) * parameterCount];
        tape = [];
        stepStates = [];
        clamped = [];
        inputs = new T[units * inputCount * batch];
        inputGradients = new T[units * inputCount * batch];
    }

    private static T Softplus(T x) => x > T.CreateChecked(20) ? x : T.Log(T.One + T.Exp(x));

    private static double InverseSoftplus(double y) => y > 20 ? y : Math.Log(Math.Exp(y) - 1);

    private static Span<float> AsFloat(Span<T> span) => MemoryMarshal.Cast<T, float>(span);

    private static Span<double> AsDouble(Span<T> span) => MemoryMarshal.Cast<T, double>(span);

    private static void CheckDistinct(IReadOnlyList<string> names, string option)
    {
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"{TNeuron.Descriptor.Name}: '{duplicate.Key}' appears more than once in {option}.");
        }
    }

    private readonly record struct TrainedSlot(int Index, ParameterConstraint Constraint, Parameter<T> Parameter);
}
