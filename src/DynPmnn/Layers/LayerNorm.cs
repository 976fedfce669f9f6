using System.Numerics;
using System.Numerics.Tensors;

namespace DynPmnn.Layers;

/// <summary>
/// Normalises each row to zero mean and unit variance, then scales by <c>gamma</c> and shifts by <c>beta</c>, like
/// PyTorch's <c>nn.LayerNorm(size)</c>: biased variance (divided by the row length), epsilon inside the square root.
/// </summary>
public sealed class LayerNorm<T> : Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] parameters;
    private readonly T epsilon;
    private readonly T[] normalized;
    private T[] mean = [];
    private T[] reciprocalStd = [];

    /// <param name="size">The row length normalised over.</param>
    /// <param name="epsilon">Added to the variance before the square root; PyTorch's default 1e-5.</param>
    public LayerNorm(int size, double epsilon = 1e-5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
        Size = size;
        this.epsilon = T.CreateChecked(epsilon);
        Gamma = new Parameter<T>("gamma", size);
        Beta = new Parameter<T>("beta", size);
        Gamma.Value.AsSpan().Fill(T.One);
        parameters = [Gamma, Beta];
        normalized = new T[size];
    }

    public int Size { get; }

    public override int InputSize => Size;

    public override int OutputSize => Size;

    /// <summary>The per-feature scale, initialised to one.</summary>
    public Parameter<T> Gamma { get; }

    /// <summary>The per-feature shift, initialised to zero.</summary>
    public Parameter<T> Beta { get; }

    public override IReadOnlyList<Parameter<T>> Parameters => parameters;

    public override string Description => $"LayerNorm({Size})";

    public override void Forward(ReadOnlySpan<T> input, Span<T> output, int batch)
    {
        BufferChecks.Require(input.Length, batch, Size, nameof(input));
        BufferChecks.Require(output.Length, batch, Size, nameof(output));
        BufferChecks.Grow(ref mean, batch);
        BufferChecks.Grow(ref reciprocalStd, batch);
        var count = T.CreateChecked(Size);
        for (var r = 0; r < batch; r++)
        {
            var x = input.Slice(r * Size, Size);
            var y = output.Slice(r * Size, Size);
            var mu = TensorPrimitives.Sum(x) / count;
            TensorPrimitives.Subtract(x, mu, y);
            var variance = TensorPrimitives.SumOfSquares<T>(y) / count;
            var rstd = T.One / T.Sqrt(variance + epsilon);
            TensorPrimitives.Multiply(y, rstd, y);
            TensorPrimitives.MultiplyAdd<T>(y, Gamma.Value, Beta.Value, y);
            mean[r] = mu;
            reciprocalStd[r] = rstd;
        }
    }

    public override void Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient, int batch)
    {
        BufferChecks.Require(input.Length, batch, Size, nameof(input));
        BufferChecks.Require(outputGradient.Length, batch, Size, nameof(outputGradient));
        BufferChecks.Require(inputGradient.Length, batch, Size, nameof(inputGradient));
        if (mean.Length < batch)
        {
            throw new InvalidOperationException("Backward needs the Forward pass of the same batch first.");
        }

        var count = T.CreateChecked(Size);
        var norm = normalized.AsSpan();
        var gammaGradient = Gamma.Gradient.AsSpan();
        var betaGradient = Beta.Gradient.AsSpan();
        for (var r = 0; r < batch; r++)
        {
            var x = input.Slice(r * Size, Size);
            var dy = outputGradient.Slice(r * Size, Size);
            var dx = inputGradient.Slice(r * Size, Size);
            var rstd = reciprocalStd[r];

            // n = (x − μ)·rstd, y = γ n + β. With dn = γ dy, differentiating through μ and rstd (both functions of the
            // whole row) gives dx = rstd · (dn − mean(dn) − n · mean(dn · n)).
            TensorPrimitives.Subtract(x, mean[r], norm);
            TensorPrimitives.Multiply(norm, rstd, norm);
            TensorPrimitives.Add(betaGradient, dy, betaGradient);
            TensorPrimitives.MultiplyAdd<T>(norm, dy, gammaGradient, gammaGradient);

            TensorPrimitives.Multiply<T>(dy, Gamma.Value, dx);
            var dnMean = TensorPrimitives.Sum<T>(dx) / count;
            var dnNormMean = TensorPrimitives.Dot<T>(dx, norm) / count;
            TensorPrimitives.Subtract(dx, dnMean, dx);
            TensorPrimitives.MultiplyAdd<T>(norm, -dnNormMean, dx, dx);
            TensorPrimitives.Multiply(dx, rstd, dx);
        }
    }
}
