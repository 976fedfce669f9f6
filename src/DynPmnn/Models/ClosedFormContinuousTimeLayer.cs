using System.Numerics;
using System.Numerics.Tensors;
using DynPmnn.Layers;
using DynPmnn.Tensors;

namespace DynPmnn.Models;

/// <summary>
/// The paper's CfC baseline: one step of ncps' <c>CfCCell</c> in its default mode from a zero hidden state, as
/// <c>ncps.torch.CfC(inputs, units)</c> runs on a sequence of length one with time span 1:
/// <code>
/// z  = lecun_tanh(W_bb [x, h] + b_bb)        lecun_tanh(a) = 1.7159 tanh(0.666 a),  h = 0
/// f1 = tanh(W_1 z + b_1),   f2 = tanh(W_2 z + b_2)
/// s  = sigmoid((W_a z + b_a) · ts + W_b z + b_b)
/// h' = f1 (1 − s) + s f2
/// </code>
/// </summary>
/// <remarks>
/// The backbone keeps ncps' full <c>[128, inputs + units]</c> weight although the hidden half only ever multiplies
/// zeros: those weights get zero gradient but are trainable parameters of the original, so the parameter count (and
/// the layout, for importing weights) matches it. The products skip them: only the input columns are multiplied.
/// </remarks>
public sealed class ClosedFormContinuousTimeLayer<T> : Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double LeCunScale = 1.7159;
    private const double LeCunSlope = 0.666;

    private readonly Dense<T> backbone;
    private readonly Dense<T> head1;
    private readonly Dense<T> head2;
    private readonly Dense<T> timeA;
    private readonly Dense<T> timeB;
    private readonly Parameter<T>[] parameters;

    private readonly T[] inputWeight;
    private readonly T[] inputWeightGradient;
    private bool forwardDone;
    private T[] backboneOutput = [];
    private T[] gate1 = [];
    private T[] gate2 = [];
    private T[] timeAOutput = [];
    private T[] interpolation = [];
    private T[] headGradient = [];
    private T[] backboneGradient = [];
    private T[] partialGradient = [];

    /// <summary>A layer with zero weights, for callers that set them themselves.</summary>
    public ClosedFormContinuousTimeLayer(int inputSize, int units, int backboneUnits = 128, double timespan = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(backboneUnits);
        InputSize = inputSize;
        Units = units;
        BackboneUnits = backboneUnits;
        Timespan = timespan;
        backbone = new Dense<T>(inputSize + units, backboneUnits);
        head1 = new Dense<T>(backboneUnits, units);
        head2 = new Dense<T>(backboneUnits, units);
        timeA = new Dense<T>(backboneUnits, units);
        timeB = new Dense<T>(backboneUnits, units);
        inputWeight = new T[backboneUnits * inputSize];
        inputWeightGradient = new T[backboneUnits * inputSize];
        parameters =
        [
            backbone.Weight.WithName("backbone.weight"), backbone.Bias.WithName("backbone.bias"),
            head1.Weight.WithName("ff1.weight"), head1.Bias.WithName("ff1.bias"),
            head2.Weight.WithName("ff2.weight"), head2.Bias.WithName("ff2.bias"),
            timeA.Weight.WithName("time_a.weight"), timeA.Bias.WithName("time_a.bias"),
            timeB.Weight.WithName("time_b.weight"), timeB.Bias.WithName("time_b.bias"),
        ];
    }

    /// <summary>A layer initialised as ncps does (see <see cref="ResetParameters"/>) from <paramref name="random"/>.</summary>
    public ClosedFormContinuousTimeLayer(int inputSize, int units, Random random, int backboneUnits = 128, double timespan = 1.0)
        : this(inputSize, units, backboneUnits, timespan)
    {
        ResetParameters(random);
    }

    public override int InputSize { get; }

    /// <summary>The hidden size, which is also the output width.</summary>
    public int Units { get; }

    public int BackboneUnits { get; }

    /// <summary>The elapsed time <c>ts</c> of the single step; ncps' default 1.</summary>
    public double Timespan { get; }

    public override int OutputSize => Units;

    /// <summary>The backbone, then ff1, ff2, time_a and time_b, each weight before its bias, as ncps orders them.</summary>
    public override IReadOnlyList<Parameter<T>> Parameters => parameters;

    public override string Description => $"CfC({InputSize} → {Units}, backbone {BackboneUnits})";

    /// <summary>
    /// ncps' <c>init_weights</c>: Xavier-uniform, <c>U(±√(6 / (fan_in + fan_out)))</c>, on every two-dimensional
    /// parameter; biases keep <c>nn.Linear</c>'s default <c>U(±1/√fan_in)</c>.
    /// </summary>
    public void ResetParameters(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        foreach (var linear in new[] { backbone, head1, head2, timeA, timeB })
        {
            linear.ResetParameters(random);
            var bound = Math.Sqrt(6.0 / (linear.InputSize + linear.OutputSize));
            var weight = linear.Weight.Value;
            for (var i = 0; i < weight.Length; i++)
            {
                weight[i] = T.CreateChecked((2 * random.NextDouble() - 1) * bound);
            }
        }
    }

    public override void Forward(ReadOnlySpan<T> input, Span<T> output, int batch)
    {
        BufferChecks.Require(input.Length, batch, InputSize, nameof(input));
        BufferChecks.Require(output.Length, batch, OutputSize, nameof(output));
        Grow(batch);
        var n = batch * Units;

        // The hidden half of [x, h] is zero, so only the input columns of the backbone weight take part: they are
        // copied out (a few hundred values) and multiplied by the input directly.
        var weight = backbone.Weight.Value.AsSpan();
        var width = InputSize + Units;
        for (var o = 0; o < BackboneUnits; o++)
        {
            weight.Slice(o * width, InputSize).CopyTo(inputWeight.AsSpan(o * InputSize, InputSize));
        }

        var z = backboneOutput.AsSpan(0, batch * BackboneUnits);
        MatrixMultiply.MultiplyTransposedB<T>(input[..(batch * InputSize)], inputWeight, backbone.Bias.Value, z, batch, InputSize, BackboneUnits);
        Elementwise.ScaledTanh<T>(z, T.CreateChecked(LeCunSlope), T.CreateChecked(LeCunScale), z);
        forwardDone = true;

        var f1 = gate1.AsSpan(0, n);
        var f2 = gate2.AsSpan(0, n);
        var a = timeAOutput.AsSpan(0, n);
        var s = interpolation.AsSpan(0, n);
        head1.Forward(z, f1, batch);
        Elementwise.Tanh<T>(f1, f1);
        head2.Forward(z, f2, batch);
        Elementwise.Tanh<T>(f2, f2);
        timeA.Forward(z, a, batch);
        timeB.Forward(z, s, batch);
        TensorPrimitives.MultiplyAdd(a, T.CreateChecked(Timespan), s, s);
        Elementwise.Sigmoid<T>(s, s);

        // h' = f1 (1 − s) + s f2 = f1 + s (f2 − f1)
        var result = output[..n];
        TensorPrimitives.Subtract(f2, f1, result);
        TensorPrimitives.MultiplyAdd(result, s, f1, result);
    }

    public override void Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient, int batch)
    {
        BufferChecks.Require(outputGradient.Length, batch, OutputSize, nameof(outputGradient));
        BufferChecks.Require(inputGradient.Length, batch, InputSize, nameof(inputGradient));
        BufferChecks.Require(input.Length, batch, InputSize, nameof(input));
        if (!forwardDone || backboneOutput.Length < batch * BackboneUnits)
        {
            throw new InvalidOperationException("Backward needs the Forward pass of the same batch first.");
        }

        var n = batch * Units;
        var dh = outputGradient[..n];
        var f1 = gate1.AsSpan(0, n);
        var f2 = gate2.AsSpan(0, n);
        var s = interpolation.AsSpan(0, n);
        var z = backboneOutput.AsSpan(0, batch * BackboneUnits);
        var dp = headGradient.AsSpan(0, n);
        var dz = backboneGradient.AsSpan(0, batch * BackboneUnits);
        var dzPart = partialGradient.AsSpan(0, batch * BackboneUnits);

        // Each head's pre-activation gradient goes through its Dense (weight and bias gradients accumulate there) and
        // its share of dz is summed: the first writes dz, the others go through a scratch buffer and are added.
        //   ∂h'/∂f1 = 1 − s, f1 = tanh(p1): dp1 = dh (1 − s)(1 − f1²)
        HeadGradient(dh, s, f1, dp, complement: true);
        head1.Backward(z, default, dp, dz, batch);

        //   ∂h'/∂f2 = s: dp2 = dh s (1 − f2²)
        HeadGradient(dh, s, f2, dp, complement: false);
        head2.Backward(z, default, dp, dzPart, batch);
        TensorPrimitives.Add(dz, dzPart, dz);

        //   ∂h'/∂s = f2 − f1, s = σ(q), q = a · ts + b: dq = dh (f2 − f1) s (1 − s), da = dq · ts, db = dq
        GateGradient(dh, s, f1, f2, dp);
        timeB.Backward(z, default, dp, dzPart, batch);
        TensorPrimitives.Add(dz, dzPart, dz);
        TensorPrimitives.Multiply(dp, T.CreateChecked(Timespan), dp);
        timeA.Backward(z, default, dp, dzPart, batch);
        TensorPrimitives.Add(dz, dzPart, dz);

        // z = A tanh(B u): dz/du = A B (1 − tanh²) = A B (1 − (z / A)²)
        LeCunTanhGradient(dz, z);

        // The backbone over the input columns only; the hidden columns' gradient stays zero, as their input is.
        var x = input[..(batch * InputSize)];
        var width = InputSize + Units;
        Array.Clear(inputWeightGradient);
        MatrixMultiply.MultiplyAccumulateTransposedA<T>(dz, x, inputWeightGradient, batch, BackboneUnits, InputSize);
        var weightGradient = backbone.Weight.Gradient.AsSpan();
        for (var o = 0; o < BackboneUnits; o++)
        {
            var row = weightGradient.Slice(o * width, InputSize);
            TensorPrimitives.Add(row, inputWeightGradient.AsSpan(o * InputSize, InputSize), row);
        }

        var biasGradient = backbone.Bias.Gradient.AsSpan();
        for (var r = 0; r < batch; r++)
        {
            TensorPrimitives.Add(biasGradient, dz.Slice(r * BackboneUnits, BackboneUnits), biasGradient);
        }

        MatrixMultiply.Multiply<T>(dz, inputWeight, inputGradient[..(batch * InputSize)], batch, BackboneUnits, InputSize);
    }

    /// <summary><c>dp = dh · (1 − s or s) · (1 − f²)</c>.</summary>
    private static void HeadGradient(ReadOnlySpan<T> dh, ReadOnlySpan<T> s, ReadOnlySpan<T> f, Span<T> dp, bool complement)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            for (; i + Vector<T>.Count <= dp.Length; i += Vector<T>.Count)
            {
                var sv = new Vector<T>(s[i..]);
                var fv = new Vector<T>(f[i..]);
                (new Vector<T>(dh[i..]) * (complement ? one - sv : sv) * (one - fv * fv)).CopyTo(dp[i..]);
            }
        }

        for (; i < dp.Length; i++)
        {
            dp[i] = dh[i] * (complement ? T.One - s[i] : s[i]) * (T.One - f[i] * f[i]);
        }
    }

    /// <summary><c>dq = dh (f2 − f1) s (1 − s)</c>.</summary>
    private static void GateGradient(ReadOnlySpan<T> dh, ReadOnlySpan<T> s, ReadOnlySpan<T> f1, ReadOnlySpan<T> f2, Span<T> dq)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            for (; i + Vector<T>.Count <= dq.Length; i += Vector<T>.Count)
            {
                var sv = new Vector<T>(s[i..]);
                (new Vector<T>(dh[i..]) * (new Vector<T>(f2[i..]) - new Vector<T>(f1[i..])) * sv * (one - sv)).CopyTo(dq[i..]);
            }
        }

        for (; i < dq.Length; i++)
        {
            dq[i] = dh[i] * (f2[i] - f1[i]) * s[i] * (T.One - s[i]);
        }
    }

    /// <summary><c>dz *= A B (1 − (z / A)²)</c> for <c>z = A tanh(B u)</c>.</summary>
    private static void LeCunTanhGradient(Span<T> dz, ReadOnlySpan<T> z)
    {
        var scale = T.CreateChecked(LeCunScale);
        var slope = T.CreateChecked(LeCunScale * LeCunSlope);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            var scales = new Vector<T>(scale);
            var slopes = new Vector<T>(slope);
            for (; i + Vector<T>.Count <= dz.Length; i += Vector<T>.Count)
            {
                var tanh = new Vector<T>(z[i..]) / scales;
                (new Vector<T>(dz[i..]) * (slopes * (one - tanh * tanh))).CopyTo(dz[i..]);
            }
        }

        for (; i < dz.Length; i++)
        {
            var tanh = z[i] / scale;
            dz[i] *= slope * (T.One - tanh * tanh);
        }
    }

    private void Grow(int batch)
    {
        if (backboneOutput.Length >= batch * BackboneUnits)
        {
            return;
        }

        backboneOutput = new T[batch * BackboneUnits];
        backboneGradient = new T[batch * BackboneUnits];
        partialGradient = new T[batch * BackboneUnits];
        gate1 = new T[batch * Units];
        gate2 = new T[batch * Units];
        timeAOutput = new T[batch * Units];
        interpolation = new T[batch * Units];
        headGradient = new T[batch * Units];
    }
}
