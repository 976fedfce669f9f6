using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DynPmnn.Tensors;

/// <summary>
/// The three matrix products backpropagation through a dense layer needs, over row-major spans, vectorised with
/// <see cref="Vector{T}"/> and deterministic: every output element is summed in the same order whatever the batch size,
/// the vector width used for the tail, or the number of threads.
/// </summary>
/// <remarks>
/// Work is split across threads by output rows only, so each output element is computed by exactly the same sequence
/// of operations on one thread; there is no cross-thread reduction and no dependence on how many cores run it. Small
/// products (below <see cref="ParallelThreshold"/> multiply-adds) stay on the calling thread; neither path allocates.
/// Hand-written rather than a BLAS for determinism: results must not depend on batch size or thread count (a BLAS
/// promises neither), at about 100 GFLOP/s on one AVX-512 core (benchmarks/DynPmnn.Benchmarks, MatrixProductBenchmarks).
/// </remarks>
internal static partial class MatrixMultiply
{
    /// <summary>Rows handed to one parallel work item: fixed, so partitioning never depends on the machine.</summary>
    private const int RowsPerChunk = 16;

    /// <summary>Up to this many outputs, <c>A · Bᵀ</c> runs as dot products along k rather than through packed panels.</summary>
    private const int NarrowOutputs = 4;

    private static long parallelThreshold = 1L << 17;

    /// <summary>
    /// The number of multiply-adds from which a product is split across the calling thread and the workers of
    /// <see cref="ParallelWork"/> (neither allocates). Results are identical either way. The default (131,072) was
    /// measured on an idle 2-core machine: splitting takes the Neural ODE (RK4 × 8, batch 128) from 2.04 to 1.53 s per
    /// epoch and the CfC from 0.049 to 0.037 s, and costs the DNN at batch 32 about 8 % (0.245 → 0.264 s). On a machine
    /// whose other cores are busy, waiting for a preempted worker costs more than splitting saves: raise it there.
    /// </summary>
    public static long ParallelThreshold
    {
        get => Volatile.Read(ref parallelThreshold);
        set => Volatile.Write(ref parallelThreshold, Math.Max(1, value));
    }

    /// <summary>
    /// <c>C[m, n] = A[m, k] · B[n, k]ᵀ + bias[n]</c>: a dense layer's forward pass with <c>B</c> its <c>[out, in]</c>
    /// weight. <paramref name="bias"/> may be empty for no bias.
    /// </summary>
    public static void MultiplyTransposedB<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        => MultiplyTransposedB(a, b, bias, c, m, k, n, ShouldRunInParallel(m, k, n));

    /// <summary>
    /// <c>C[k, n] += A[m, k]ᵀ · B[m, n]</c>: a weight gradient, with <c>A</c> the output gradient and <c>B</c> the
    /// layer input. Each element's sum runs over the <c>m</c> rows in ascending order.
    /// </summary>
    public static void MultiplyAccumulateTransposedA<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        => MultiplyAccumulateTransposedA(a, b, c, m, k, n, ShouldRunInParallel(m, k, n));

    /// <summary><c>C[m, n] = A[m, k] · B[k, n]</c>: an input gradient, with <c>A</c> the output gradient and <c>B</c> the weight.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Multiply(a, b, c, m, k, n, ShouldRunInParallel(m, k, n));

    internal static unsafe void MultiplyTransposedB<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias, Span<T> c, int m, int k, int n, bool parallel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckDimensions(m, k, n);
        CheckLength(a.Length, (long)m * k, nameof(a));
        CheckLength(b.Length, (long)n * k, nameof(b));
        CheckLength(c.Length, (long)m * n, nameof(c));
        if (!bias.IsEmpty)
        {
            CheckLength(bias.Length, n, nameof(bias));
        }

        // A layer with a handful of outputs is a few dot products per row: packing its weight would cost more than it saves.
        if (typeof(T) == typeof(float) && Avx512Kernels && n > NarrowOutputs)
        {
            fixed (T* pa = a, pb = b, pbias = bias, pc = c)
            {
                ForwardSingle((float*)pa, (float*)pb, bias.IsEmpty ? null : (float*)pbias, (float*)pc, m, k, n, parallel);
            }

            return;
        }

        if (!parallel || m <= RowsPerChunk)
        {
            TransposedBRows(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), bias, ref MemoryMarshal.GetReference(c), 0, m, k, n);
            return;
        }

        fixed (T* pa = a, pb = b, pbias = bias, pc = c)
        {
            TransposedBInParallel<T>((nint)pa, (nint)pb, (nint)pbias, bias.IsEmpty ? 0 : n, (nint)pc, m, k, n);
        }
    }

    private static unsafe void TransposedBInParallel<T>(nint a, nint b, nint bias, int biasLength, nint c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var job = RowJob<T>.Instance;
        job.SetTransposedB(a, b, bias, biasLength, c, m, k, n);
        if (!ParallelWork.TryRun(job, ChunkCount(m)))
        {
            TransposedBRows(ref *(T*)a, ref *(T*)b, new ReadOnlySpan<T>((T*)bias, biasLength), ref *(T*)c, 0, m, k, n);
        }
    }

    private static unsafe void CombineRowsInParallel<T>(nint coefficients, int rowStride, int termStride, nint b, nint c, int rows, int terms, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var job = RowJob<T>.Instance;
        job.SetCombine(coefficients, rowStride, termStride, b, c, rows, terms, n, accumulate);
        if (!ParallelWork.TryRun(job, ChunkCount(rows)))
        {
            CombineRows(ref *(T*)coefficients, rowStride, termStride, ref *(T*)b, ref *(T*)c, 0, rows, terms, n, accumulate);
        }
    }

    /// <summary>
    /// One item is <see cref="RowsPerChunk"/> rows of either generic product. Fixed pointers are kept as addresses; they
    /// stay pinned until the work returns.
    /// </summary>
    private sealed unsafe class RowJob<T> : ParallelWork.Job
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic]
        private static RowJob<T>? instance;

        private bool transposedB;
        private nint a, b, bias, c;
        private int biasLength, rowStride, termStride, rows, k, n;
        private bool accumulate;

        /// <summary>One per calling thread, so a caller that finds the workers taken never touches another's fields.</summary>
        public static RowJob<T> Instance => instance ??= new RowJob<T>();

        public void SetTransposedB(nint a, nint b, nint bias, int biasLength, nint c, int m, int k, int n)
            => (transposedB, this.a, this.b, this.bias, this.biasLength, this.c, rows, this.k, this.n) = (true, a, b, bias, biasLength, c, m, k, n);

        public void SetCombine(nint coefficients, int rowStride, int termStride, nint b, nint c, int rows, int terms, int n, bool accumulate)
            => (transposedB, a, this.rowStride, this.termStride, this.b, this.c, this.rows, k, this.n, this.accumulate) = (false, coefficients, rowStride, termStride, b, c, rows, terms, n, accumulate);

        public override void Execute(int item)
        {
            var (start, end) = ChunkRows(item, rows);
            if (transposedB)
            {
                TransposedBRows(ref *(T*)a, ref *(T*)b, new ReadOnlySpan<T>((T*)bias, biasLength), ref *(T*)c, start, end, k, n);
            }
            else
            {
                CombineRows(ref *(T*)a, rowStride, termStride, ref *(T*)b, ref *(T*)c, start, end, k, n, accumulate);
            }
        }
    }

    internal static unsafe void MultiplyAccumulateTransposedA<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool parallel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckDimensions(m, k, n);
        CheckLength(a.Length, (long)m * k, nameof(a));
        CheckLength(b.Length, (long)m * n, nameof(b));
        CheckLength(c.Length, (long)k * n, nameof(c));
        if (typeof(T) == typeof(float) && Avx512Kernels)
        {
            fixed (T* pa = a, pb = b, pc = c)
            {
                CombineSingle((float*)pa, 1, k, (float*)pb, n, null, (float*)pc, k, m, n, Start.Accumulate, parallel);
            }

            return;
        }

        // Output row i is Σ_r A[r, i] · B[r, :]: a combination of B's rows with coefficients down column i of A.
        if (!parallel || k <= RowsPerChunk)
        {
            CombineRows(ref MemoryMarshal.GetReference(a), 1, k, ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(c), 0, k, m, n, accumulate: true);
            return;
        }

        fixed (T* pa = a, pb = b, pc = c)
        {
            CombineRowsInParallel<T>((nint)pa, 1, k, (nint)pb, (nint)pc, k, m, n, accumulate: true);
        }
    }

    internal static unsafe void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool parallel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckDimensions(m, k, n);
        CheckLength(a.Length, (long)m * k, nameof(a));
        CheckLength(b.Length, (long)k * n, nameof(b));
        CheckLength(c.Length, (long)m * n, nameof(c));
        if (typeof(T) == typeof(float) && Avx512Kernels)
        {
            fixed (T* pa = a, pb = b, pc = c)
            {
                CombineSingle((float*)pa, k, 1, (float*)pb, n, null, (float*)pc, m, k, n, Start.Zero, parallel);
            }

            return;
        }

        // Output row i is Σ_p A[i, p] · B[p, :]: a combination of B's rows with coefficients along row i of A.
        if (!parallel || m <= RowsPerChunk)
        {
            CombineRows(ref MemoryMarshal.GetReference(a), k, 1, ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(c), 0, m, k, n, accumulate: false);
            return;
        }

        fixed (T* pa = a, pb = b, pc = c)
        {
            CombineRowsInParallel<T>((nint)pa, k, 1, (nint)pb, (nint)pc, m, k, n, accumulate: false);
        }
    }

    private static bool ShouldRunInParallel(int m, int k, int n)
        => Environment.ProcessorCount > 1 && (long)m * k * n >= ParallelThreshold;

    private static int ChunkCount(int rows) => (rows + RowsPerChunk - 1) / RowsPerChunk;

    private static (int Start, int End) ChunkRows(int chunk, int rows)
    {
        var start = chunk * RowsPerChunk;
        return (start, Math.Min(rows, start + RowsPerChunk));
    }

    /// <summary>
    /// Rows [start, end) of <c>C = A · Bᵀ + bias</c>, four dot products at a time so each load of A's row feeds four
    /// accumulators. Every dot product is: vector partial sums over whole vectors of k, their horizontal sum, then the
    /// scalar tail, then the bias; the four-wide and one-wide paths do exactly that, so results do not depend on n.
    /// </summary>
    private static void TransposedBRows<T>(ref T a, ref T b, ReadOnlySpan<T> bias, ref T c, int start, int end, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var width = Vector<T>.Count;
        var vectorK = Vector.IsHardwareAccelerated ? k - (k % width) : 0;
        for (var i = start; i < end; i++)
        {
            ref T aRow = ref Unsafe.Add(ref a, (nint)i * k);
            ref T cRow = ref Unsafe.Add(ref c, (nint)i * n);
            var j = 0;
            for (; j + 4 <= n; j += 4)
            {
                ref T b0 = ref Unsafe.Add(ref b, (nint)j * k);
                ref T b1 = ref Unsafe.Add(ref b0, k);
                ref T b2 = ref Unsafe.Add(ref b1, k);
                ref T b3 = ref Unsafe.Add(ref b2, k);
                Vector<T> s0 = Vector<T>.Zero, s1 = Vector<T>.Zero, s2 = Vector<T>.Zero, s3 = Vector<T>.Zero;
                for (var p = 0; p < vectorK; p += width)
                {
                    var x = Vector.LoadUnsafe(ref aRow, (nuint)p);
                    s0 += x * Vector.LoadUnsafe(ref b0, (nuint)p);
                    s1 += x * Vector.LoadUnsafe(ref b1, (nuint)p);
                    s2 += x * Vector.LoadUnsafe(ref b2, (nuint)p);
                    s3 += x * Vector.LoadUnsafe(ref b3, (nuint)p);
                }

                T d0 = Vector.Sum(s0), d1 = Vector.Sum(s1), d2 = Vector.Sum(s2), d3 = Vector.Sum(s3);
                for (var p = vectorK; p < k; p++)
                {
                    var x = Unsafe.Add(ref aRow, p);
                    d0 += x * Unsafe.Add(ref b0, p);
                    d1 += x * Unsafe.Add(ref b1, p);
                    d2 += x * Unsafe.Add(ref b2, p);
                    d3 += x * Unsafe.Add(ref b3, p);
                }

                if (!bias.IsEmpty)
                {
                    d0 += bias[j];
                    d1 += bias[j + 1];
                    d2 += bias[j + 2];
                    d3 += bias[j + 3];
                }

                Unsafe.Add(ref cRow, j) = d0;
                Unsafe.Add(ref cRow, j + 1) = d1;
                Unsafe.Add(ref cRow, j + 2) = d2;
                Unsafe.Add(ref cRow, j + 3) = d3;
            }

            for (; j < n; j++)
            {
                ref T bRow = ref Unsafe.Add(ref b, (nint)j * k);
                var s = Vector<T>.Zero;
                for (var p = 0; p < vectorK; p += width)
                {
                    s += Vector.LoadUnsafe(ref aRow, (nuint)p) * Vector.LoadUnsafe(ref bRow, (nuint)p);
                }

                var d = Vector.Sum(s);
                for (var p = vectorK; p < k; p++)
                {
                    d += Unsafe.Add(ref aRow, p) * Unsafe.Add(ref bRow, p);
                }

                if (!bias.IsEmpty)
                {
                    d += bias[j];
                }

                Unsafe.Add(ref cRow, j) = d;
            }
        }
    }

    /// <summary>
    /// Rows [start, end) of <c>C[i, :] (+)= Σ_p coefficient(i, p) · B[p, :]</c>, where
    /// <c>coefficient(i, p) = coefficients[i · rowStride + p · termStride]</c>. A tile of four vectors of C's row stays in
    /// registers while all terms are added, in ascending p; the vector and scalar paths perform the same operations per
    /// element (the JIT does not contract a·b + c into a fused multiply-add), so results do not depend on n either.
    /// </summary>
    private static void CombineRows<T>(ref T coefficients, int rowStride, int termStride, ref T b, ref T c, int start, int end, int terms, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var width = Vector<T>.Count;
        var accelerated = Vector.IsHardwareAccelerated;
        for (var i = start; i < end; i++)
        {
            ref T coefficientRow = ref Unsafe.Add(ref coefficients, (nint)i * rowStride);
            ref T cRow = ref Unsafe.Add(ref c, (nint)i * n);
            var j = 0;
            if (accelerated)
            {
                for (; j + 4 * width <= n; j += 4 * width)
                {
                    ref T cTile = ref Unsafe.Add(ref cRow, j);
                    Vector<T> c0, c1, c2, c3;
                    if (accumulate)
                    {
                        c0 = Vector.LoadUnsafe(ref cTile, 0);
                        c1 = Vector.LoadUnsafe(ref cTile, (nuint)width);
                        c2 = Vector.LoadUnsafe(ref cTile, (nuint)(2 * width));
                        c3 = Vector.LoadUnsafe(ref cTile, (nuint)(3 * width));
                    }
                    else
                    {
                        c0 = c1 = c2 = c3 = Vector<T>.Zero;
                    }

                    for (var p = 0; p < terms; p++)
                    {
                        var s = new Vector<T>(Unsafe.Add(ref coefficientRow, (nint)p * termStride));
                        ref T bTile = ref Unsafe.Add(ref b, (nint)p * n + j);
                        c0 += s * Vector.LoadUnsafe(ref bTile, 0);
                        c1 += s * Vector.LoadUnsafe(ref bTile, (nuint)width);
                        c2 += s * Vector.LoadUnsafe(ref bTile, (nuint)(2 * width));
                        c3 += s * Vector.LoadUnsafe(ref bTile, (nuint)(3 * width));
                    }

                    c0.StoreUnsafe(ref cTile, 0);
                    c1.StoreUnsafe(ref cTile, (nuint)width);
                    c2.StoreUnsafe(ref cTile, (nuint)(2 * width));
                    c3.StoreUnsafe(ref cTile, (nuint)(3 * width));
                }

                for (; j + width <= n; j += width)
                {
                    ref T cTile = ref Unsafe.Add(ref cRow, j);
                    var c0 = accumulate ? Vector.LoadUnsafe(ref cTile, 0) : Vector<T>.Zero;
                    for (var p = 0; p < terms; p++)
                    {
                        var s = new Vector<T>(Unsafe.Add(ref coefficientRow, (nint)p * termStride));
                        c0 += s * Vector.LoadUnsafe(ref Unsafe.Add(ref b, (nint)p * n + j), 0);
                    }

                    c0.StoreUnsafe(ref cTile, 0);
                }
            }

            for (; j < n; j++)
            {
                var sum = accumulate ? Unsafe.Add(ref cRow, j) : T.Zero;
                for (var p = 0; p < terms; p++)
                {
                    sum += Unsafe.Add(ref coefficientRow, (nint)p * termStride) * Unsafe.Add(ref b, (nint)p * n + j);
                }

                Unsafe.Add(ref cRow, j) = sum;
            }
        }
    }

    private static void CheckDimensions(int m, int k, int n)
    {
        if (m < 0 || k < 0 || n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"Matrix dimensions must be non-negative, got m = {m}, k = {k}, n = {n}.");
        }
    }

    private static void CheckLength(int length, long needed, string name)
    {
        if (length < needed)
        {
            throw new ArgumentException($"'{name}' holds {length} elements but the product needs {needed}.", name);
        }
    }
}
