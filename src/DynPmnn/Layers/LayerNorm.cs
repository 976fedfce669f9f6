using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DynPmnn.Layers;

/// <summary>
/// Normalises each row to zero mean and unit variance, then scales by <c>gamma</c> and shifts by <c>beta</c>, like
/// PyTorch's <c>nn.LayerNorm(size)</c>: biased variance (divided by the row length), epsilon inside the square root.
/// </summary>
public sealed class LayerNorm<T> : Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows narrower than this are normalised by plain loops, cheaper than vector calls at a few features.</summary>
    private const int SmallWidth = 16;

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
        Epsilon = epsilon;
        this.epsilon = T.CreateChecked(epsilon);
        Gamma = new Parameter<T>("gamma", size);
        Beta = new Parameter<T>("beta", size);
        Gamma.Value.AsSpan().Fill(T.One);
        parameters = [Gamma, Beta];
        normalized = new T[size];
    }

    public int Size { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public double Epsilon { get; }

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
        BufferChecks.Grow(ref mean, batch);
        BufferChecks.Grow(ref reciprocalStd, batch);
        Forward(input, output, batch, mean, reciprocalStd);
    }

    /// <summary>
    /// The forward pass, keeping each row's mean and reciprocal standard deviation in the spans given rather than in
    /// the layer, for a caller that runs several forward passes before their backward passes.
    /// </summary>
    public void Forward(ReadOnlySpan<T> input, Span<T> output, int batch, Span<T> rowMean, Span<T> rowReciprocalStd)
    {
        BufferChecks.Require(input.Length, batch, Size, nameof(input));
        BufferChecks.Require(output.Length, batch, Size, nameof(output));
        BufferChecks.Require(rowMean.Length, batch, 1, nameof(rowMean));
        BufferChecks.Require(rowReciprocalStd.Length, batch, 1, nameof(rowReciprocalStd));
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated && Size >= Vector512<float>.Count)
        {
            ForwardSingle(
                MemoryMarshal.Cast<T, float>(input), MemoryMarshal.Cast<T, float>(output), batch,
                MemoryMarshal.Cast<T, float>(rowMean), MemoryMarshal.Cast<T, float>(rowReciprocalStd));
            return;
        }

        var count = T.CreateChecked(Size);
        var small = Size < SmallWidth;
        for (var r = 0; r < batch; r++)
        {
            var x = input.Slice(r * Size, Size);
            var y = output.Slice(r * Size, Size);
            T mu, rstd;
            if (small)
            {
                // A handful of features: plain loops, the same arithmetic as below, without five calls per row.
                var sum = T.Zero;
                for (var i = 0; i < x.Length; i++)
                {
                    sum += x[i];
                }

                mu = sum / count;
                var squares = T.Zero;
                for (var i = 0; i < x.Length; i++)
                {
                    var centred = x[i] - mu;
                    squares += centred * centred;
                }

                rstd = T.One / T.Sqrt(squares / count + epsilon);
                for (var i = 0; i < x.Length; i++)
                {
                    y[i] = (x[i] - mu) * rstd * Gamma.Value[i] + Beta.Value[i];
                }
            }
            else
            {
                mu = TensorPrimitives.Sum(x) / count;
                TensorPrimitives.Subtract(x, mu, y);
                var variance = TensorPrimitives.SumOfSquares<T>(y) / count;
                rstd = T.One / T.Sqrt(variance + epsilon);
                TensorPrimitives.Multiply(y, rstd, y);
                TensorPrimitives.MultiplyAdd<T>(y, Gamma.Value, Beta.Value, y);
            }

            rowMean[r] = mu;
            rowReciprocalStd[r] = rstd;
        }
    }

    public override void Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient, int batch)
    {
        if (mean.Length < batch)
        {
            throw new InvalidOperationException("Backward needs the Forward pass of the same batch first.");
        }

        Backward(input, outputGradient, inputGradient, batch, mean, reciprocalStd);
    }

    /// <summary>The backward pass of a forward pass whose row statistics were kept in <paramref name="rowMean"/> and <paramref name="rowReciprocalStd"/>.</summary>
    public void Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, Span<T> inputGradient, int batch, ReadOnlySpan<T> rowMean, ReadOnlySpan<T> rowReciprocalStd)
    {
        BufferChecks.Require(input.Length, batch, Size, nameof(input));
        BufferChecks.Require(outputGradient.Length, batch, Size, nameof(outputGradient));
        BufferChecks.Require(inputGradient.Length, batch, Size, nameof(inputGradient));
        BufferChecks.Require(rowMean.Length, batch, 1, nameof(rowMean));
        BufferChecks.Require(rowReciprocalStd.Length, batch, 1, nameof(rowReciprocalStd));
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated && Size >= Vector512<float>.Count)
        {
            BackwardSingle(
                MemoryMarshal.Cast<T, float>(input), MemoryMarshal.Cast<T, float>(outputGradient), MemoryMarshal.Cast<T, float>(inputGradient), batch,
                MemoryMarshal.Cast<T, float>(rowMean), MemoryMarshal.Cast<T, float>(rowReciprocalStd));
            return;
        }

        var count = T.CreateChecked(Size);
        var norm = normalized.AsSpan();
        var gamma = Gamma.Value.AsSpan();
        var gammaGradient = Gamma.Gradient.AsSpan();
        var betaGradient = Beta.Gradient.AsSpan();
        var small = Size < SmallWidth;
        for (var r = 0; r < batch; r++)
        {
            var x = input.Slice(r * Size, Size);
            var dy = outputGradient.Slice(r * Size, Size);
            var dx = inputGradient.Slice(r * Size, Size);
            var rstd = rowReciprocalStd[r];

            // n = (x − μ)·rstd, y = γ n + β. With dn = γ dy, differentiating through μ and rstd (both functions of the
            // whole row) gives dx = rstd · (dn − mean(dn) − n · mean(dn · n)).
            if (small)
            {
                var mu = rowMean[r];
                T dnSum = T.Zero, dnNormSum = T.Zero;
                for (var i = 0; i < x.Length; i++)
                {
                    var n = (x[i] - mu) * rstd;
                    norm[i] = n;
                    betaGradient[i] += dy[i];
                    gammaGradient[i] += n * dy[i];
                    var dn = dy[i] * gamma[i];
                    dnSum += dn;
                    dnNormSum += dn * n;
                }

                var dnMeanSmall = dnSum / count;
                var dnNormMeanSmall = dnNormSum / count;
                for (var i = 0; i < x.Length; i++)
                {
                    dx[i] = (dy[i] * gamma[i] - dnMeanSmall - norm[i] * dnNormMeanSmall) * rstd;
                }

                continue;
            }

            TensorPrimitives.Subtract(x, rowMean[r], norm);
            TensorPrimitives.Multiply(norm, rstd, norm);
            TensorPrimitives.Add(betaGradient, dy, betaGradient);
            TensorPrimitives.MultiplyAdd<T>(norm, dy, gammaGradient, gammaGradient);

            TensorPrimitives.Multiply<T>(dy, gamma, dx);
            var dnMean = TensorPrimitives.Sum<T>(dx) / count;
            var dnNormMean = TensorPrimitives.Dot<T>(dx, norm) / count;
            TensorPrimitives.Subtract(dx, dnMean, dx);
            TensorPrimitives.MultiplyAdd<T>(norm, -dnNormMean, dx, dx);
            TensorPrimitives.Multiply(dx, rstd, dx);
        }
    }

    /// <summary>Single precision, 16 lanes at a time: the row sums as one vector of partial sums, the tail added in order after it.</summary>
    private void ForwardSingle(ReadOnlySpan<float> input, Span<float> output, int batch, Span<float> rowMean, Span<float> rowReciprocalStd)
    {
        var size = Size;
        var whole = size - size % 16;
        var gamma = MemoryMarshal.Cast<T, float>(Gamma.Value.AsSpan());
        var beta = MemoryMarshal.Cast<T, float>(Beta.Value.AsSpan());
        var eps = float.CreateChecked(epsilon);
        for (var r = 0; r < batch; r++)
        {
            var x = input.Slice(r * size, size);
            var y = output.Slice(r * size, size);
            var sums = Vector512<float>.Zero;
            for (var i = 0; i < whole; i += 16)
            {
                sums += Vector512.Create(x.Slice(i, 16));
            }

            var sum = Vector512.Sum(sums);
            for (var i = whole; i < size; i++)
            {
                sum += x[i];
            }

            var mu = sum / size;
            var mus = Vector512.Create(mu);
            var squares = Vector512<float>.Zero;
            for (var i = 0; i < whole; i += 16)
            {
                var centred = Vector512.Create(x.Slice(i, 16)) - mus;
                squares = Vector512.FusedMultiplyAdd(centred, centred, squares);
            }

            var variance = Vector512.Sum(squares);
            for (var i = whole; i < size; i++)
            {
                var centred = x[i] - mu;
                variance = MathF.FusedMultiplyAdd(centred, centred, variance);
            }

            var rstd = 1f / MathF.Sqrt(variance / size + eps);
            var rstds = Vector512.Create(rstd);
            for (var i = 0; i < whole; i += 16)
            {
                var n = (Vector512.Create(x.Slice(i, 16)) - mus) * rstds;
                Vector512.FusedMultiplyAdd(n, Vector512.Create(gamma.Slice(i, 16)), Vector512.Create(beta.Slice(i, 16))).CopyTo(y.Slice(i, 16));
            }

            for (var i = whole; i < size; i++)
            {
                y[i] = MathF.FusedMultiplyAdd((x[i] - mu) * rstd, gamma[i], beta[i]);
            }

            rowMean[r] = mu;
            rowReciprocalStd[r] = rstd;
        }
    }

    private void BackwardSingle(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, ReadOnlySpan<float> rowMean, ReadOnlySpan<float> rowReciprocalStd)
    {
        var size = Size;
        var whole = size - size % 16;
        var gamma = MemoryMarshal.Cast<T, float>(Gamma.Value.AsSpan());
        var gammaGradient = MemoryMarshal.Cast<T, float>(Gamma.Gradient.AsSpan());
        var betaGradient = MemoryMarshal.Cast<T, float>(Beta.Gradient.AsSpan());
        for (var r = 0; r < batch; r++)
        {
            var x = input.Slice(r * size, size);
            var dy = outputGradient.Slice(r * size, size);
            var dx = inputGradient.Slice(r * size, size);
            var mu = rowMean[r];
            var rstd = rowReciprocalStd[r];
            var mus = Vector512.Create(mu);
            var rstds = Vector512.Create(rstd);

            // n = (x − μ)·rstd, dn = γ dy, dx = rstd · (dn − mean(dn) − n · mean(dn · n)).
            Vector512<float> dnSums = Vector512<float>.Zero, dnNormSums = Vector512<float>.Zero;
            for (var i = 0; i < whole; i += 16)
            {
                var n = (Vector512.Create(x.Slice(i, 16)) - mus) * rstds;
                var g = Vector512.Create(dy.Slice(i, 16));
                (Vector512.Create(betaGradient.Slice(i, 16)) + g).CopyTo(betaGradient.Slice(i, 16));
                Vector512.FusedMultiplyAdd(n, g, Vector512.Create(gammaGradient.Slice(i, 16))).CopyTo(gammaGradient.Slice(i, 16));
                var dn = g * Vector512.Create(gamma.Slice(i, 16));
                dnSums += dn;
                dnNormSums = Vector512.FusedMultiplyAdd(dn, n, dnNormSums);
            }

            var dnSum = Vector512.Sum(dnSums);
            var dnNormSum = Vector512.Sum(dnNormSums);
            for (var i = whole; i < size; i++)
            {
                var n = (x[i] - mu) * rstd;
                betaGradient[i] += dy[i];
                gammaGradient[i] = MathF.FusedMultiplyAdd(n, dy[i], gammaGradient[i]);
                var dn = dy[i] * gamma[i];
                dnSum += dn;
                dnNormSum = MathF.FusedMultiplyAdd(dn, n, dnNormSum);
            }

            var dnMean = dnSum / size;
            var dnNormMean = dnNormSum / size;
            var dnMeans = Vector512.Create(dnMean);
            var dnNormMeans = Vector512.Create(dnNormMean);
            for (var i = 0; i < whole; i += 16)
            {
                var n = (Vector512.Create(x.Slice(i, 16)) - mus) * rstds;
                var dn = Vector512.Create(dy.Slice(i, 16)) * Vector512.Create(gamma.Slice(i, 16));
                ((dn - dnMeans - n * dnNormMeans) * rstds).CopyTo(dx.Slice(i, 16));
            }

            for (var i = whole; i < size; i++)
            {
                var n = (x[i] - mu) * rstd;
                dx[i] = (dy[i] * gamma[i] - dnMean - n * dnNormMean) * rstd;
            }
        }
    }
}
