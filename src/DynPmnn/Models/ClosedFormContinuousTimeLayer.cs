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
/// the layout, for importing weights) matches it.
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

    private T[] concatenated = [];
    private T[] backboneOutput = [];
    private T[] gate1 = [];
    private T[] gate2 = [];
    private T[] timeAOutput = [];
    private T[] interpolation = [];
    private T[] headGradient = [];
    private T[] backboneGradient = [];
    private T[] partialGradient = [];
    private T[] concatenatedGradient = [];

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
        var width = InputSize + Units;
        var n = batch * Units;
        var x = concatenated.AsSpan(0, batch * width);
        for (var r = 0; r < batch; r++)
        {
            // [input, h] with the zero initial state h; the zeros were written when the buffer was made.
            input.Slice(r * InputSize, InputSize).CopyTo(x.Slice(r * width, InputSize));
        }

        var z = backboneOutput.AsSpan(0, batch * BackboneUnits);
        backbone.Forward(x, z, batch);
        Elementwise.ScaledTanh<T>(z, T.CreateChecked(LeCunSlope), T.CreateChecked(LeCunScale), z);

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
        if (concatenated.Length < batch * (InputSize + Units))
        {
            throw new InvalidOperationException("Backward needs the Forward pass of the same batch first.");
        }

        var width = InputSize + Units;
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
        for (var i = 0; i < n; i++)
        {
            dp[i] = dh[i] * (T.One - s[i]) * (T.One - f1[i] * f1[i]);
        }

        head1.Backward(z, default, dp, dz, batch);

        //   ∂h'/∂f2 = s: dp2 = dh s (1 − f2²)
        for (var i = 0; i < n; i++)
        {
            dp[i] = dh[i] * s[i] * (T.One - f2[i] * f2[i]);
        }

        head2.Backward(z, default, dp, dzPart, batch);
        TensorPrimitives.Add(dz, dzPart, dz);

        //   ∂h'/∂s = f2 − f1, s = σ(q), q = a · ts + b: dq = dh (f2 − f1) s (1 − s), da = dq · ts, db = dq
        for (var i = 0; i < n; i++)
        {
            dp[i] = dh[i] * (f2[i] - f1[i]) * s[i] * (T.One - s[i]);
        }

        timeB.Backward(z, default, dp, dzPart, batch);
        TensorPrimitives.Add(dz, dzPart, dz);
        TensorPrimitives.Multiply(dp, T.CreateChecked(Timespan), dp);
        timeA.Backward(z, default, dp, dzPart, batch);
        TensorPrimitives.Add(dz, dzPart, dz);

        // z = A tanh(B u): dz/du = A B (1 − tanh²) = A B (1 − (z / A)²)
        var scale = T.CreateChecked(LeCunScale);
        var slope = T.CreateChecked(LeCunScale * LeCunSlope);
        for (var i = 0; i < dz.Length; i++)
        {
            var tanh = z[i] / scale;
            dz[i] *= slope * (T.One - tanh * tanh);
        }

        var dx = concatenatedGradient.AsSpan(0, batch * width);
        backbone.Backward(concatenated.AsSpan(0, batch * width), default, dz, dx, batch);
        for (var r = 0; r < batch; r++)
        {
            dx.Slice(r * width, InputSize).CopyTo(inputGradient.Slice(r * InputSize, InputSize));
        }
    }

    private void Grow(int batch)
    {
        var width = InputSize + Units;
        if (concatenated.Length >= batch * width)
        {
            return;
        }

        concatenated = new T[batch * width];
        concatenatedGradient = new T[batch * width];
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
