using System.Numerics;
using System.Numerics.Tensors;

namespace DynPmnn.Models;

/// <summary>
/// Integrates a batched <see cref="IOdeVectorField{T}"/> from <c>t = 0</c> to <c>t = 1</c> and backpropagates through
/// the steps it actually took (discretise-then-optimise, like backpropagating through torchdiffeq's <c>odeint</c>
/// without the adjoint method).
/// </summary>
/// <remarks>
/// <para>
/// The adaptive path follows torchdiffeq's <c>dopri5</c>: Hairer's initial step selection, an error ratio that is the
/// RMS over the whole batch of <c>err / (atol + rtol · max(|y0|, |y1|))</c>, the controller
/// <c>h · min(ifactor, max(safety · ratio^(−1/5), dfactor))</c> (no shrinking after an accepted step), and steps that are
/// not clipped to the end time: the last one usually overshoots <c>t = 1</c> and the result there is read off its
/// quartic dense output. Step sizes are chosen for the batch as a whole, so a row's result depends on its batch mates
/// through the step sequence, exactly as in torchdiffeq.
/// </para>
/// <para>
/// Step sizes and accept/reject decisions are constants to the backward pass: the gradient is that of the fixed
/// sequence of accepted steps. <see cref="FreezeStepSizes"/> makes later forward passes replay that sequence, which
/// turns the forward pass into exactly the function <see cref="Backward"/> differentiates.
/// </para>
/// </remarks>
public sealed class RungeKuttaSolver<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ButcherTableau tableau;
    private readonly int[] stageSlots;
    private readonly double[] stepWeights;

    // The derivative each evaluation returned and the loss gradient with respect to it, by evaluation index.
    private readonly List<T[]> derivatives = [];
    private readonly List<T[]> derivativeGradients = [];

    private int capacity;
    private T[] state = [];
    private T[] next = [];
    private T[] previous = [];
    private T[] stageState = [];
    private T[] error = [];
    private T[] gradient = [];
    private T[] stateGradient = [];

    private Step[] steps = new Step[16];
    private int stepCount;
    private int evaluationCount;
    private int forwardBatch = -1;
    private double[]? frozen;

    public RungeKuttaSolver(OdeSolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        tableau = options.Method == OdeSolverMethod.Dopri5 ? ButcherTableau.DormandPrince : ButcherTableau.ClassicRungeKutta;
        stageSlots = new int[tableau.Stages];
        stepWeights = new double[tableau.Stages];
    }

    public OdeSolverOptions Options { get; }

    /// <summary>Steps the last forward pass accepted (every step, for a fixed-step scheme).</summary>
    public int AcceptedSteps => stepCount;

    /// <summary>Steps the last forward pass tried and rejected.</summary>
    public int RejectedSteps { get; private set; }

    /// <summary>Evaluations of the vector field in the last forward pass, the initial step-size probe included.</summary>
    public int FunctionEvaluations { get; private set; }

    /// <summary>Whether forward passes replay frozen step sizes instead of choosing their own.</summary>
    public bool IsFrozen => frozen is not null;

    /// <summary>The sizes of the steps the last forward pass accepted, in order (a copy).</summary>
    public double[] GetStepSizes()
    {
        var sizes = new double[stepCount];
        for (var i = 0; i < sizes.Length; i++)
        {
            sizes[i] = steps[i].Size;
        }

        return sizes;
    }

    /// <summary>
    /// Makes later forward passes take exactly the steps the last one accepted, with no error control, until
    /// <see cref="ThawStepSizes"/>. Finite differences of a frozen forward pass are what <see cref="Backward"/> computes;
    /// of an adaptive one they are not, since perturbing an input can move a step size or flip an accept decision.
    /// </summary>
    public void FreezeStepSizes()
    {
        if (forwardBatch < 0 || stepCount == 0)
        {
            throw new InvalidOperationException("There are no step sizes to freeze before a forward pass.");
        }

        frozen = GetStepSizes();
    }

    /// <summary>Goes back to choosing step sizes adaptively.</summary>
    public void ThawStepSizes() => frozen = null;

    /// <summary>Integrates every row of <paramref name="initial"/> from t = 0 to 1 and writes the states at t = 1.</summary>
    /// <exception cref="OdeStepLimitException">The adaptive solver needed more than <see cref="OdeSolverOptions.MaxSteps"/> steps.</exception>
    /// <exception cref="ArithmeticException">The state or its error estimate became NaN or infinite.</exception>
    public void Solve(IOdeVectorField<T> field, ReadOnlySpan<T> initial, Span<T> final, int batch)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        var n = batch * field.StateSize;
        if (initial.Length < n || final.Length < n)
        {
            throw new ArgumentException($"The initial and final states need {n} values for a batch of {batch} × {field.StateSize}.");
        }

        Grow(n);
        stepCount = 0;
        evaluationCount = 0;
        RejectedSteps = 0;
        FunctionEvaluations = 0;
        forwardBatch = -1;
        if (batch == 0)
        {
            forwardBatch = 0;
            return;
        }

        initial[..n].CopyTo(state);
        if (tableau.ErrorWeights is null)
        {
            RunFixed(field, batch, n, Options.Steps, sizes: null);
        }
        else if (frozen is not null)
        {
            RunFixed(field, batch, n, frozen.Length, frozen);
        }
        else
        {
            RunAdaptive(field, batch, n);
        }

        // Every step's result is in `state`; the last one may have passed t = 1, and `previous` holds its start.
        ref var last = ref steps[stepCount - 1];
        last.Fraction = (1.0 - last.Start) / (last.End - last.Start);
        if (last.Fraction >= 1.0)
        {
            last.Fraction = 1.0;
            state.AsSpan(0, n).CopyTo(final);
        }
        else
        {
            SetStageSlots(stepCount - 1);
            tableau.DenseOutputWeights(last.Fraction, stepWeights);
            Combine(previous, last.Size, stepWeights, final[..n], n);
        }

        forwardBatch = batch;
    }

    /// <summary>
    /// Backpropagates <paramref name="finalGradient"/>, the loss gradient with respect to the last
    /// <see cref="Solve"/>'s result, through every accepted step: accumulates the field's parameter gradients and
    /// overwrites <paramref name="initialGradient"/>.
    /// </summary>
    public void Backward(IOdeVectorField<T> field, ReadOnlySpan<T> finalGradient, Span<T> initialGradient, int batch)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (batch != forwardBatch)
        {
            throw new InvalidOperationException($"Backward of a batch of {batch} needs the forward pass of that batch first (the last one had {forwardBatch}).");
        }

        var n = batch * field.StateSize;
        if (finalGradient.Length < n || initialGradient.Length < n)
        {
            throw new ArgumentException($"The gradients need {n} values for a batch of {batch} × {field.StateSize}.");
        }

        if (batch == 0)
        {
            return;
        }

        var g = gradient.AsSpan(0, n);
        var dy = stateGradient.AsSpan(0, n);
        finalGradient[..n].CopyTo(g);
        for (var e = 0; e < evaluationCount; e++)
        {
            derivativeGradients[e].AsSpan(0, n).Clear();
        }

        var stages = tableau.Stages;
        for (var s = stepCount - 1; s >= 0; s--)
        {
            var step = steps[s];
            SetStageSlots(s);
            ReadOnlySpan<double> weights = tableau.Weights;
            if (step.Fraction < 1.0)
            {
                tableau.DenseOutputWeights(step.Fraction, stepWeights);
                weights = stepWeights;
            }

            // y_next = y + h Σ wᵢ kᵢ: each stage derivative receives h wᵢ times the gradient of y_next; y itself
            // receives it unchanged, so g is already the start of y's gradient.
            for (var i = 0; i < stages; i++)
            {
                if (weights[i] != 0)
                {
                    var dk = derivativeGradients[stageSlots[i]].AsSpan(0, n);
                    TensorPrimitives.MultiplyAdd(g, T.CreateChecked(step.Size * weights[i]), dk, dk);
                }
            }

            // Stage i was evaluated at Yᵢ = y + h Σ_{j<i} Aᵢⱼ kⱼ, so reversing the stages last to first, each one's
            // state gradient flows into y and into the earlier stages it was built from.
            for (var i = stages - 1; i >= 0; i--)
            {
                if (i == 0 && tableau.FirstSameAsLast && s > 0)
                {
                    // The previous step's last evaluation: its gradient keeps accumulating until that step reverses it.
                    continue;
                }

                field.Backward(stageSlots[i], derivativeGradients[stageSlots[i]].AsSpan(0, n), dy, batch);
                TensorPrimitives.Add(g, dy, g);
                var row = tableau.Matrix[i];
                for (var j = 0; j < row.Length; j++)
                {
                    if (row[j] != 0)
                    {
                        var dk = derivativeGradients[stageSlots[j]].AsSpan(0, n);
                        TensorPrimitives.MultiplyAdd(dy, T.CreateChecked(step.Size * row[j]), dk, dk);
                    }
                }
            }
        }

        g.CopyTo(initialGradient);
    }

    private void RunFixed(IOdeVectorField<T> field, int batch, int n, int count, double[]? sizes)
    {
        var time = 0.0;
        var carried = -1;
        for (var i = 0; i < count; i++)
        {
            // Equal steps end on i/steps exactly, so the last lands on t = 1 whatever the rounding of 1/steps.
            // A frozen step keeps its recorded size rather than end − start, which can differ in the last bit.
            var start = sizes is null ? (double)i / count : time;
            var end = sizes is null ? (double)(i + 1) / count : time + sizes[i];
            var size = sizes is null ? end - start : sizes[i];
            var first = carried;
            if (first < 0)
            {
                first = Allocate(1);
                Evaluate(field, first, start, state, batch, n);
            }

            var others = TakeStep(field, start, size, end, first, batch, n);
            Accept(start, size, end, first, others);
            time = end;
            carried = tableau.FirstSameAsLast ? others + tableau.Stages - 2 : -1;
        }
    }

    private void RunAdaptive(IOdeVectorField<T> field, int batch, int n)
    {
        var first = Allocate(1);
        Evaluate(field, first, 0.0, state, batch, n);
        var size = InitialStepSize(field, first, batch, n);
        var time = 0.0;
        var attempts = 0;
        while (time < 1.0)
        {
            if (attempts == Options.MaxSteps)
            {
                throw new OdeStepLimitException(Options.MaxSteps, time, size);
            }

            attempts++;
            var end = time + size;
            if (!(end > time))
            {
                throw new ArithmeticException($"The ODE solver's step size underflowed to {size:G3} at t = {time:G6}.");
            }

            var mark = evaluationCount;
            var others = TakeStep(field, time, size, end, first, batch, n);
            var ratio = ErrorRatio(size, n);
            if (double.IsNaN(ratio))
            {
                throw new ArithmeticException($"The ODE state became NaN or infinite at t = {time:G6}.");
            }

            if (ratio <= 1)
            {
                Accept(time, size, end, first, others);
                time = end;
                first = others + tableau.Stages - 2;
            }
            else
            {
                evaluationCount = mark;
                RejectedSteps++;
            }

            size = NextStepSize(size, ratio);
        }
    }

    /// <summary>
    /// Evaluates stages 1 … s−1 of a step from <c>state</c> (stage 0's derivative is already under
    /// <paramref name="first"/>) and writes the step's result to <c>next</c>. Returns the index of stage 1's
    /// evaluation; the others follow it.
    /// </summary>
    private int TakeStep(IOdeVectorField<T> field, double start, double size, double end, int first, int batch, int n)
    {
        var stages = tableau.Stages;
        stageSlots[0] = first;
        var others = Allocate(stages - 1);
        for (var i = 1; i < stages; i++)
        {
            stageSlots[i] = others + i - 1;
            Combine(state, size, tableau.Matrix[i], stageState.AsSpan(0, n), n);

            // A node of one is the step's end as computed once, not start + 1·size, as torchdiffeq does.
            var time = tableau.Nodes[i] == 1 ? end : start + tableau.Nodes[i] * size;
            Evaluate(field, stageSlots[i], time, stageState, batch, n);
        }

        Combine(state, size, tableau.Weights, next.AsSpan(0, n), n);
        return others;
    }

    private void Accept(double start, double size, double end, int first, int others)
    {
        if (stepCount == steps.Length)
        {
            Array.Resize(ref steps, steps.Length * 2);
        }

        steps[stepCount++] = new Step { Start = start, Size = size, End = end, First = first, Others = others, Fraction = 1.0 };
        (previous, state, next) = (state, next, previous);
    }

    /// <summary>The RMS over every value of the batch of the scaled error estimate; the step is accepted at ≤ 1.</summary>
    private double ErrorRatio(double size, int n)
    {
        var estimate = error.AsSpan(0, n);
        estimate.Clear();
        var weights = tableau.ErrorWeights!;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] != 0)
            {
                TensorPrimitives.MultiplyAdd(derivatives[stageSlots[i]].AsSpan(0, n), T.CreateChecked(size * weights[i]), estimate, estimate);
            }
        }

        var rtol = Options.RelativeTolerance;
        var atol = Options.AbsoluteTolerance;
        var sum = 0.0;
        for (var e = 0; e < n; e++)
        {
            var scale = atol + rtol * Math.Max(Math.Abs(double.CreateChecked(state[e])), Math.Abs(double.CreateChecked(next[e])));
            var q = double.CreateChecked(estimate[e]) / scale;
            sum += q * q;
        }

        return Math.Sqrt(sum / n);
    }

    /// <summary>
    /// Hairer, Nørsett and Wanner's starting step (Solving ODEs I, II.4), as torchdiffeq's <c>_select_initial_step</c>:
    /// a step for which an explicit Euler step changes f by a small multiple of the tolerance.
    /// </summary>
    private double InitialStepSize(IOdeVectorField<T> field, int first, int batch, int n)
    {
        var rtol = Options.RelativeTolerance;
        var atol = Options.AbsoluteTolerance;
        var y0 = state.AsSpan(0, n);
        var f0 = derivatives[first].AsSpan(0, n);
        double d0 = 0, d1 = 0;
        for (var e = 0; e < n; e++)
        {
            var scale = atol + rtol * Math.Abs(double.CreateChecked(y0[e]));
            var a = double.CreateChecked(y0[e]) / scale;
            var b = double.CreateChecked(f0[e]) / scale;
            d0 += a * a;
            d1 += b * b;
        }

        d0 = Math.Sqrt(d0 / n);
        d1 = Math.Sqrt(d1 / n);
        var h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;

        // The probe's evaluation goes in the next free index without claiming it: nothing refers to it afterwards.
        var probe = evaluationCount;
        EnsureSlots(probe + 1);
        TensorPrimitives.MultiplyAdd(f0, T.CreateChecked(h0), y0, stageState.AsSpan(0, n));
        Evaluate(field, probe, h0, stageState, batch, n);
        var f1 = derivatives[probe].AsSpan(0, n);
        double d2 = 0;
        for (var e = 0; e < n; e++)
        {
            var scale = atol + rtol * Math.Abs(double.CreateChecked(y0[e]));
            var c = (double.CreateChecked(f1[e]) - double.CreateChecked(f0[e])) / scale;
            d2 += c * c;
        }

        d2 = Math.Sqrt(d2 / n) / h0;

        // torchdiffeq passes order − 1 = 4 and raises to 1 / (4 + 1).
        var h1 = d1 <= 1e-15 && d2 <= 1e-15
            ? Math.Max(1e-6, h0 * 1e-3)
            : Math.Pow(0.01 / Math.Max(d1, d2), 1.0 / tableau.Order);
        return Math.Min(100 * h0, h1);
    }

    /// <summary>torchdiffeq's <c>_optimal_step_size</c>: an accepted step never shrinks the next one.</summary>
    private double NextStepSize(double size, double ratio)
    {
        if (ratio == 0)
        {
            return size * Options.IncreaseFactor;
        }

        var floor = ratio < 1 ? 1.0 : Options.DecreaseFactor;
        var factor = Math.Min(Options.IncreaseFactor, Math.Max(Options.Safety / Math.Pow(ratio, 1.0 / tableau.Order), floor));
        return size * factor;
    }

    /// <summary><c>destination = origin + h Σ cⱼ k(stage j)</c> over the stages with a coefficient.</summary>
    private void Combine(ReadOnlySpan<T> origin, double size, ReadOnlySpan<double> coefficients, Span<T> destination, int n)
    {
        origin[..n].CopyTo(destination);
        for (var j = 0; j < coefficients.Length; j++)
        {
            if (coefficients[j] != 0)
            {
                TensorPrimitives.MultiplyAdd(derivatives[stageSlots[j]].AsSpan(0, n), T.CreateChecked(size * coefficients[j]), destination, destination);
            }
        }
    }

    private void Evaluate(IOdeVectorField<T> field, int slot, double time, ReadOnlySpan<T> at, int batch, int n)
    {
        field.Evaluate(slot, time, at[..n], derivatives[slot].AsSpan(0, n), batch);
        FunctionEvaluations++;
    }

    private void SetStageSlots(int step)
    {
        stageSlots[0] = steps[step].First;
        for (var i = 1; i < stageSlots.Length; i++)
        {
            stageSlots[i] = steps[step].Others + i - 1;
        }
    }

    private int Allocate(int count)
    {
        var first = evaluationCount;
        evaluationCount += count;
        EnsureSlots(evaluationCount);
        return first;
    }

    private void EnsureSlots(int count)
    {
        while (derivatives.Count < count)
        {
            derivatives.Add(new T[capacity]);
            derivativeGradients.Add(new T[capacity]);
        }
    }

    private void Grow(int n)
    {
        if (n <= capacity)
        {
            return;
        }

        capacity = n;
        state = new T[n];
        next = new T[n];
        previous = new T[n];
        stageState = new T[n];
        error = new T[n];
        gradient = new T[n];
        stateGradient = new T[n];
        derivatives.Clear();
        derivativeGradients.Clear();
    }

    /// <summary>One accepted step: where it started and ended, and the indices of its stage evaluations.</summary>
    private struct Step
    {
        public double Start;
        public double Size;
        public double End;

        /// <summary>Stage 0's evaluation; with first-same-as-last, the previous step's last one.</summary>
        public int First;

        /// <summary>Stage 1's evaluation; stages 2 … s−1 follow it.</summary>
        public int Others;

        /// <summary>The fraction of the step at which t = 1 falls: one but for a last step that overshoots.</summary>
        public double Fraction;
    }
}
