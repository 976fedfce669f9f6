using System.Numerics;
using System.Numerics.Tensors;
using DynPmnn.Layers;
using DynPmnn.Tensors;

namespace DynPmnn.Models;

/// <summary>
/// The NODE baseline's right-hand side <c>f(t, h) = MLP(LayerNorm([h, t]))</c>: the state and the scalar time
/// concatenated into <c>H + 1</c> features, an affine layer norm over them, then <c>layers</c> dense layers
/// (<c>H + 1 → H</c>, then <c>H → H</c>) with Tanh between them and nothing after the last.
/// </summary>
/// <remarks>
/// Every evaluation keeps its own concatenated input, normalised input, layer-norm row statistics and hidden
/// activations under its index, since a solve makes dozens of them and reverses them all afterwards. The dense layers
/// and the layer norm are stateless given those, so one set serves every evaluation.
/// </remarks>
public sealed class NeuralOdeVectorField<T> : IOdeVectorField<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LayerNorm<T> norm;
    private readonly Dense<T>[] linears;
    private readonly Parameter<T>[] parameters;
    private readonly List<Tape> tapes = [];
    private int rows;
    private T[] normGradient = [];
    private T[] concatGradient = [];
    private T[] hiddenGradient = [];
    private T[] hiddenGradientOther = [];

    /// <summary>A field with zero weights, the layer norm at identity scale, for callers that set the weights themselves.</summary>
    public NeuralOdeVectorField(int size, int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers);
        StateSize = size;
        norm = new LayerNorm<T>(size + 1);
        linears = new Dense<T>[layers];
        for (var l = 0; l < layers; l++)
        {
            linears[l] = new Dense<T>(l == 0 ? size + 1 : size, size);
        }

        var named = new List<Parameter<T>> { norm.Gamma.WithName("norm.gamma"), norm.Beta.WithName("norm.beta") };
        for (var l = 0; l < layers; l++)
        {
            named.Add(linears[l].Weight.WithName($"linear{l}.weight"));
            named.Add(linears[l].Bias.WithName($"linear{l}.bias"));
        }

        parameters = [.. named];
    }

    /// <summary>A field whose dense layers are initialised like <c>nn.Linear</c>, in order, from <paramref name="random"/>.</summary>
    public NeuralOdeVectorField(int size, int layers, Random random)
        : this(size, layers)
    {
        ArgumentNullException.ThrowIfNull(random);
        foreach (var linear in linears)
        {
            linear.ResetParameters(random);
        }
    }

    public int StateSize { get; }

    /// <summary>The number of dense layers.</summary>
    public int Layers => linears.Length;

    /// <summary>The layer norm over <c>[h, t]</c>.</summary>
    public LayerNorm<T> Norm => norm;

    /// <summary>The dense layers, first to last.</summary>
    public IReadOnlyList<Dense<T>> Linears => linears;

    /// <summary>The layer norm's scale and shift, then each dense layer's weight and bias.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => parameters;

    public void Evaluate(int evaluation, double time, ReadOnlySpan<T> state, Span<T> derivative, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(evaluation);
        var size = StateSize;
        var tape = TapeFor(evaluation, batch);
        var width = size + 1;
        var t = T.CreateChecked(time);
        for (var r = 0; r < batch; r++)
        {
            state.Slice(r * size, size).CopyTo(tape.Concatenated.AsSpan(r * width, size));
            tape.Concatenated[r * width + size] = t;
        }

        norm.Forward(tape.Concatenated, tape.Normalized, batch, tape.Mean, tape.ReciprocalStd);
        ReadOnlySpan<T> input = tape.Normalized;
        for (var l = 0; l < linears.Length; l++)
        {
            if (l == linears.Length - 1)
            {
                linears[l].Forward(input, derivative, batch);
                break;
            }

            var hidden = tape.Hidden[l].AsSpan(0, batch * size);
            linears[l].Forward(input, hidden, batch);
            Elementwise.Tanh<T>(hidden, hidden);
            input = hidden;
        }
    }

    public void Backward(int evaluation, ReadOnlySpan<T> derivativeGradient, Span<T> stateGradient, int batch)
    {
        if (evaluation < 0 || evaluation >= tapes.Count || batch > rows)
        {
            throw new InvalidOperationException($"Evaluation {evaluation} of a batch of {batch} was never made.");
        }

        var size = StateSize;
        var width = size + 1;
        var tape = tapes[evaluation];
        var n = batch * size;
        var upstream = derivativeGradient[..n];
        for (var l = linears.Length - 1; l >= 1; l--)
        {
            // The layer's input is tanh of the previous pre-activation, so its gradient times 1 − tanh² is the
            // gradient of that pre-activation.
            var hidden = tape.Hidden[l - 1].AsSpan(0, n);
            var dHidden = (l % 2 == 0 ? hiddenGradient : hiddenGradientOther).AsSpan(0, n);
            linears[l].Backward(hidden, default, upstream, dHidden, batch);
            Elementwise.MultiplyByTanhDerivative<T>(dHidden, hidden);

            upstream = dHidden;
        }

        var concatenated = tape.Concatenated.AsSpan(0, batch * width);
        var dNormalized = normGradient.AsSpan(0, batch * width);
        var dConcatenated = concatGradient.AsSpan(0, batch * width);
        linears[0].Backward(tape.Normalized.AsSpan(0, batch * width), default, upstream, dNormalized, batch);
        norm.Backward(concatenated, dNormalized, dConcatenated, batch, tape.Mean, tape.ReciprocalStd);

        // The time column is a constant; only the state's columns pass their gradient on.
        for (var r = 0; r < batch; r++)
        {
            dConcatenated.Slice(r * width, size).CopyTo(stateGradient.Slice(r * size, size));
        }
    }

    private Tape TapeFor(int evaluation, int batch)
    {
        if (batch > rows)
        {
            rows = batch;
            tapes.Clear();
            var width = (StateSize + 1) * rows;
            normGradient = new T[width];
            concatGradient = new T[width];
            hiddenGradient = new T[StateSize * rows];
            hiddenGradientOther = new T[StateSize * rows];
        }

        while (tapes.Count <= evaluation)
        {
            tapes.Add(new Tape(StateSize, linears.Length, rows));
        }

        return tapes[evaluation];
    }

    /// <summary>What one evaluation keeps for its backward pass.</summary>
    private sealed class Tape(int size, int layers, int rows)
    {
        public T[] Concatenated { get; } = new T[(size + 1) * rows];

        public T[] Normalized { get; } = new T[(size + 1) * rows];

        public T[] Mean { get; } = new T[rows];

        public T[] ReciprocalStd { get; } = new T[rows];

        public T[][] Hidden { get; } = [.. Enumerable.Range(0, layers - 1).Select(_ => new T[size * rows])];
    }
}
