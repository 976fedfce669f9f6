using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DynPmnn.Tensors;

/// <summary>
/// The single-precision path on AVX-512: every product is written as <c>C[i, :] (+)= Σ_p coefficient(i, p) · B[p, :]</c>
/// with <c>B</c> row-major along the output columns, and computed by register-blocked micro-kernels that keep a tile of
/// C (four rows by four 16-lane vectors) in registers while they run over all terms.
/// </summary>
/// <remarks>
/// Every output element is computed by the same sequence of operations whichever kernel (full tile, edge rows, masked
/// edge columns) and whichever thread computes it: its initial value (zero, the existing C, or the bias), then one
/// fused multiply-add per term in ascending order. So a row's result does not depend on the batch it is in, nor on the
/// partitioning across threads.
/// </remarks>
internal static partial class MatrixMultiply
{
    private const int Lanes = 16;
    private const int TileRows = 4;
    private const int TileVectors = 4;
    private const int TileColumns = TileVectors * Lanes;

    /// <summary>How a tile of C starts: zero, the values already in C, or the bias broadcast down the rows.</summary>
    private enum Start
    {
        Zero,
        Accumulate,
        Bias,
    }

    /// <summary>Whether the single-precision AVX-512 kernels run on this machine.</summary>
    internal static bool Avx512Kernels => Avx512F.IsSupported;

    /// <summary>A per-thread scratch buffer for packed panels, grown as needed and kept.</summary>
    [ThreadStatic]
    private static float[]? packBuffer;

    private static float[] PackBuffer(int length)
    {
        var buffer = packBuffer;
        if (buffer is null || buffer.Length < length)
        {
            buffer = GC.AllocateUninitializedArray<float>(Math.Max(length, 4096), pinned: true);
            packBuffer = buffer;
        }

        return buffer;
    }

    /// <summary>
    /// Writes <c>Bᵀ</c> (<paramref name="b"/> is <c>[n, k]</c>) as column panels of <paramref name="panelWidth"/>: panel
    /// <c>q</c> holds, for each p, the values <c>B[q · panelWidth + j, p]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PackTransposed(float* b, int k, int n, float* packed, int panelWidth)
    {
        var panels = (n + panelWidth - 1) / panelWidth;
        for (var q = 0; q < panels; q++)
        {
            var panel = packed + (nint)q * k * panelWidth;
            var columns = Math.Min(panelWidth, n - q * panelWidth);

            // Blocks of 16 columns by 16 terms, transposed in registers.
            var j = 0;
            for (; j + Lanes <= columns; j += Lanes)
            {
                var source = b + (nint)(q * panelWidth + j) * k;
                var p = 0;
                for (; p + Lanes <= k; p += Lanes)
                {
                    Transpose16(source + p, k, panel + (nint)p * panelWidth + j, panelWidth);
                }

                for (; p < k; p++)
                {
                    for (var jj = 0; jj < Lanes; jj++)
                    {
                        panel[(nint)p * panelWidth + j + jj] = source[(nint)jj * k + p];
                    }
                }
            }

            // The columns past n are only ever read by masked loads, so they need no zeros.
            for (; j < columns; j++)
            {
                var source = b + (nint)(q * panelWidth + j) * k;
                for (var p = 0; p < k; p++)
                {
                    panel[(nint)p * panelWidth + j] = source[p];
                }
            }
        }
    }

    /// <summary>Transposes the 16 × 16 block at <paramref name="source"/> (row stride <paramref name="sourceStride"/>) into <paramref name="target"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose16(float* source, nint sourceStride, float* target, nint targetStride)
    {
        // Stage 1: interleave pairs of rows 32-bit-wise; stage 2: 64-bit-wise; stages 3 and 4: 128-bit lanes.
        var r0 = Vector512.Load(source);
        var r1 = Vector512.Load(source + sourceStride);
        var r2 = Vector512.Load(source + 2 * sourceStride);
        var r3 = Vector512.Load(source + 3 * sourceStride);
        var r4 = Vector512.Load(source + 4 * sourceStride);
        var r5 = Vector512.Load(source + 5 * sourceStride);
        var r6 = Vector512.Load(source + 6 * sourceStride);
        var r7 = Vector512.Load(source + 7 * sourceStride);
        var r8 = Vector512.Load(source + 8 * sourceStride);
        var r9 = Vector512.Load(source + 9 * sourceStride);
        var ra = Vector512.Load(source + 10 * sourceStride);
        var rb = Vector512.Load(source + 11 * sourceStride);
        var rc = Vector512.Load(source + 12 * sourceStride);
        var rd = Vector512.Load(source + 13 * sourceStride);
        var re = Vector512.Load(source + 14 * sourceStride);
        var rf = Vector512.Load(source + 15 * sourceStride);

        var t0 = Avx512F.UnpackLow(r0, r1);
        var t1 = Avx512F.UnpackHigh(r0, r1);
        var t2 = Avx512F.UnpackLow(r2, r3);
        var t3 = Avx512F.UnpackHigh(r2, r3);
        var t4 = Avx512F.UnpackLow(r4, r5);
        var t5 = Avx512F.UnpackHigh(r4, r5);
        var t6 = Avx512F.UnpackLow(r6, r7);
        var t7 = Avx512F.UnpackHigh(r6, r7);
        var t8 = Avx512F.UnpackLow(r8, r9);
        var t9 = Avx512F.UnpackHigh(r8, r9);
        var ta = Avx512F.UnpackLow(ra, rb);
        var tb = Avx512F.UnpackHigh(ra, rb);
        var tc = Avx512F.UnpackLow(rc, rd);
        var td = Avx512F.UnpackHigh(rc, rd);
        var te = Avx512F.UnpackLow(re, rf);
        var tf = Avx512F.UnpackHigh(re, rf);

        r0 = Avx512F.UnpackLow(t0.AsDouble(), t2.AsDouble()).AsSingle();
        r1 = Avx512F.UnpackHigh(t0.AsDouble(), t2.AsDouble()).AsSingle();
        r2 = Avx512F.UnpackLow(t1.AsDouble(), t3.AsDouble()).AsSingle();
        r3 = Avx512F.UnpackHigh(t1.AsDouble(), t3.AsDouble()).AsSingle();
        r4 = Avx512F.UnpackLow(t4.AsDouble(), t6.AsDouble()).AsSingle();
        r5 = Avx512F.UnpackHigh(t4.AsDouble(), t6.AsDouble()).AsSingle();
        r6 = Avx512F.UnpackLow(t5.AsDouble(), t7.AsDouble()).AsSingle();
        r7 = Avx512F.UnpackHigh(t5.AsDouble(), t7.AsDouble()).AsSingle();
        r8 = Avx512F.UnpackLow(t8.AsDouble(), ta.AsDouble()).AsSingle();
        r9 = Avx512F.UnpackHigh(t8.AsDouble(), ta.AsDouble()).AsSingle();
        ra = Avx512F.UnpackLow(t9.AsDouble(), tb.AsDouble()).AsSingle();
        rb = Avx512F.UnpackHigh(t9.AsDouble(), tb.AsDouble()).AsSingle();
        rc = Avx512F.UnpackLow(tc.AsDouble(), te.AsDouble()).AsSingle();
        rd = Avx512F.UnpackHigh(tc.AsDouble(), te.AsDouble()).AsSingle();
        re = Avx512F.UnpackLow(td.AsDouble(), tf.AsDouble()).AsSingle();
        rf = Avx512F.UnpackHigh(td.AsDouble(), tf.AsDouble()).AsSingle();

        // Now r0 holds, in each 128-bit lane L, column 4L of rows 0-3; r1 column 4L+1, r2 4L+2, r3 4L+3 (rows 0-3),
        // r4..r7 the same for rows 4-7, r8..rb rows 8-11, rc..rf rows 12-15.
        // 0x88 = lanes (0, 2) of a then (0, 2) of b; 0xDD = lanes (1, 3) of a then (1, 3) of b.
        t0 = Avx512F.Shuffle4x128(r0, r4, 0x88);
        t1 = Avx512F.Shuffle4x128(r1, r5, 0x88);
        t2 = Avx512F.Shuffle4x128(r2, r6, 0x88);
        t3 = Avx512F.Shuffle4x128(r3, r7, 0x88);
        t4 = Avx512F.Shuffle4x128(r0, r4, 0xDD);
        t5 = Avx512F.Shuffle4x128(r1, r5, 0xDD);
        t6 = Avx512F.Shuffle4x128(r2, r6, 0xDD);
        t7 = Avx512F.Shuffle4x128(r3, r7, 0xDD);
        t8 = Avx512F.Shuffle4x128(r8, rc, 0x88);
        t9 = Avx512F.Shuffle4x128(r9, rd, 0x88);
        ta = Avx512F.Shuffle4x128(ra, re, 0x88);
        tb = Avx512F.Shuffle4x128(rb, rf, 0x88);
        tc = Avx512F.Shuffle4x128(r8, rc, 0xDD);
        td = Avx512F.Shuffle4x128(r9, rd, 0xDD);
        te = Avx512F.Shuffle4x128(ra, re, 0xDD);
        tf = Avx512F.Shuffle4x128(rb, rf, 0xDD);

        // t0: lanes = (col 0 rows 0-3, col 8 rows 0-3, col 0 rows 4-7, col 8 rows 4-7); t8 the same for rows 8-15.
        Vector512.Store(Avx512F.Shuffle4x128(t0, t8, 0x88), target);
        Vector512.Store(Avx512F.Shuffle4x128(t1, t9, 0x88), target + targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t2, ta, 0x88), target + 2 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t3, tb, 0x88), target + 3 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t4, tc, 0x88), target + 4 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t5, td, 0x88), target + 5 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t6, te, 0x88), target + 6 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t7, tf, 0x88), target + 7 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t0, t8, 0xDD), target + 8 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t1, t9, 0xDD), target + 9 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t2, ta, 0xDD), target + 10 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t3, tb, 0xDD), target + 11 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t4, tc, 0xDD), target + 12 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t5, td, 0xDD), target + 13 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t6, te, 0xDD), target + 14 * targetStride);
        Vector512.Store(Avx512F.Shuffle4x128(t7, tf, 0xDD), target + 15 * targetStride);
    }

    /// <summary>Rows of C handed to one parallel work item (a multiple of <see cref="TileRows"/>).</summary>
    private const int RowsPerItem = 32;

    /// <summary><c>C = A · Bᵀ (+ bias)</c> with B <c>[n, k]</c>: B is packed transposed into panels, then combined.</summary>
    private static unsafe void ForwardSingle(float* a, float* b, float* bias, float* c, int m, int k, int n, bool parallel)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        var panelWidth = n >= TileColumns ? TileColumns : (n + Lanes - 1) / Lanes * Lanes;
        var panels = (n + panelWidth - 1) / panelWidth;
        var buffer = PackBuffer(Math.Max(1, panels * k * panelWidth));
        fixed (float* packed = buffer)
        {
            PackTransposed(b, k, n, packed, panelWidth);
            var start = bias is null ? Start.Zero : Start.Bias;
            Run(a, k, 1, packed, panelWidth, (nint)k * panelWidth, panelWidth, bias, c, n, k, m, n, start, parallel);
        }
    }

    /// <summary><c>C[i, :] (+)= Σ_p a[i · rowStride + p · termStride] · B[p, :]</c> with B row-major <c>[terms, n]</c>.</summary>
    private static unsafe void CombineSingle(float* a, nint rowStride, nint termStride, float* b, int ldb, float* bias, float* c, int rows, int terms, int n, Start start, bool parallel)
    {
        if (rows == 0 || n == 0)
        {
            return;
        }

        Run(a, rowStride, termStride, b, ldb, TileColumns, TileColumns, bias, c, n, terms, rows, n, start, parallel);
    }

    private static unsafe void Run(
        float* a, nint rowStride, nint termStride, float* b, nint ldb, nint panelStride, int panelWidth, float* bias, float* c, nint ldc,
        int terms, int rows, int n, Start start, bool parallel)
    {
        var panels = (n + panelWidth - 1) / panelWidth;
        var rowItems = (rows + RowsPerItem - 1) / RowsPerItem;
        if (!parallel || rowItems * panels < 2)
        {
            Combine(a, rowStride, termStride, b, ldb, panelStride, panelWidth, bias, c, ldc, terms, n, start, 0, rows, 0, panels);
            return;
        }

        RunInParallel((nint)a, rowStride, termStride, (nint)b, ldb, panelStride, panelWidth, (nint)bias, (nint)c, ldc, terms, rows, n, start, rowItems, panels);
    }

    private static unsafe void RunInParallel(
        nint a, nint rowStride, nint termStride, nint b, nint ldb, nint panelStride, int panelWidth, nint bias, nint c, nint ldc,
        int terms, int rows, int n, Start start, int rowItems, int panels)
    {
        var job = CombineJob.Instance;
        job.Set(a, rowStride, termStride, b, ldb, panelStride, panelWidth, bias, c, ldc, terms, rows, n, start, panels);
        if (!ParallelWork.TryRun(job, rowItems * panels))
        {
            Combine((float*)a, rowStride, termStride, (float*)b, ldb, panelStride, panelWidth, (float*)bias, (float*)c, ldc, terms, n, start, 0, rows, 0, panels);
        }
    }

    /// <summary>One item is <see cref="RowsPerItem"/> rows by one panel; the fields are set by whoever holds the workers.</summary>
    private sealed unsafe class CombineJob : ParallelWork.Job
    {
        [ThreadStatic]
        private static CombineJob? instance;

        private nint a, rowStride, termStride, b, ldb, panelStride, bias, c, ldc;
        private int panelWidth, terms, rows, n, panels;
        private Start start;

        /// <summary>One per calling thread, so a caller that finds the workers taken never touches another's fields.</summary>
        public static CombineJob Instance => instance ??= new CombineJob();

        public void Set(
            nint a, nint rowStride, nint termStride, nint b, nint ldb, nint panelStride, int panelWidth, nint bias, nint c, nint ldc,
            int terms, int rows, int n, Start start, int panels)
        {
            (this.a, this.rowStride, this.termStride, this.b, this.ldb, this.panelStride, this.panelWidth) = (a, rowStride, termStride, b, ldb, panelStride, panelWidth);
            (this.bias, this.c, this.ldc, this.terms, this.rows, this.n, this.start, this.panels) = (bias, c, ldc, terms, rows, n, start, panels);
        }

        public override void Execute(int item)
        {
            var panel = item % panels;
            var rowStart = item / panels * RowsPerItem;
            Combine((float*)a, rowStride, termStride, (float*)b, ldb, panelStride, panelWidth, (float*)bias, (float*)c, ldc, terms, n, start,
                rowStart, Math.Min(rows, rowStart + RowsPerItem), panel, panel + 1);
        }
    }

    /// <summary>
    /// Rows [rowStart, rowEnd) and column panels [panelStart, panelEnd) of
    /// <c>C[i, j] = start(i, j) + Σ_p a[i · rowStride + p · termStride] · B[p, j]</c>. Panel q covers columns
    /// <c>[q · panelWidth, (q + 1) · panelWidth)</c> and its B starts <c>q · panelStride</c> elements in, rows
    /// <paramref name="ldb"/> apart: B row-major has panelStride = panelWidth, a packed B has ldb = panelWidth.
    /// </summary>
    private static unsafe void Combine(
        float* a, nint rowStride, nint termStride, float* b, nint ldb, nint panelStride, int panelWidth, float* bias, float* c, nint ldc,
        int terms, int n, Start start, int rowStart, int rowEnd, int panelStart, int panelEnd)
    {
        for (var q = panelStart; q < panelEnd; q++)
        {
            var column = q * panelWidth;
            var bPanel = b + q * panelStride;
            var columns = Math.Min(panelWidth, n - column);
            var i = rowStart;
            if (columns == TileColumns)
            {
                for (; i + TileRows <= rowEnd; i += TileRows)
                {
                    Kernel4x4(a + i * rowStride, rowStride, termStride, bPanel, ldb, bias + column, c + i * ldc + column, ldc, terms, start);
                }

                for (; i < rowEnd; i++)
                {
                    Kernel1x4(a + i * rowStride, termStride, bPanel, ldb, bias + column, c + i * ldc + column, terms, start);
                }

                continue;
            }

            for (var v = 0; v * Lanes < columns; v++)
            {
                var width = Math.Min(Lanes, columns - v * Lanes);
                var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(width)).AsSingle();
                var bColumn = bPanel + v * Lanes;
                var biasColumn = bias + column + v * Lanes;
                var cColumn = c + column + v * Lanes;
                var r = rowStart;
                for (; r + TileRows <= rowEnd; r += TileRows)
                {
                    Kernel4x1(a + r * rowStride, rowStride, termStride, bColumn, ldb, biasColumn, cColumn + r * ldc, ldc, terms, start, mask);
                }

                for (; r < rowEnd; r++)
                {
                    Kernel4x1(a + r * rowStride, 0, termStride, bColumn, ldb, biasColumn, cColumn + r * ldc, 0, terms, start, mask, rows: 1);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel4x4(float* a, nint rowStride, nint termStride, float* b, nint ldb, float* bias, float* c, nint ldc, int terms, Start start)
    {
        Vector512<float> c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        float* c0 = c, c1 = c + ldc, c2 = c + 2 * ldc, c3 = c + 3 * ldc;
        if (start == Start.Accumulate)
        {
            c00 = Vector512.Load(c0); c01 = Vector512.Load(c0 + 16); c02 = Vector512.Load(c0 + 32); c03 = Vector512.Load(c0 + 48);
            c10 = Vector512.Load(c1); c11 = Vector512.Load(c1 + 16); c12 = Vector512.Load(c1 + 32); c13 = Vector512.Load(c1 + 48);
            c20 = Vector512.Load(c2); c21 = Vector512.Load(c2 + 16); c22 = Vector512.Load(c2 + 32); c23 = Vector512.Load(c2 + 48);
            c30 = Vector512.Load(c3); c31 = Vector512.Load(c3 + 16); c32 = Vector512.Load(c3 + 32); c33 = Vector512.Load(c3 + 48);
        }
        else if (start == Start.Bias)
        {
            c00 = c10 = c20 = c30 = Vector512.Load(bias);
            c01 = c11 = c21 = c31 = Vector512.Load(bias + 16);
            c02 = c12 = c22 = c32 = Vector512.Load(bias + 32);
            c03 = c13 = c23 = c33 = Vector512.Load(bias + 48);
        }
        else
        {
            c00 = c01 = c02 = c03 = c10 = c11 = c12 = c13 = c20 = c21 = c22 = c23 = c30 = c31 = c32 = c33 = Vector512<float>.Zero;
        }

        float* a0 = a, a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride;
        for (nint p = 0; p < terms; p++)
        {
            var bRow = b + p * ldb;
            var b0 = Vector512.Load(bRow);
            var b1 = Vector512.Load(bRow + 16);
            var b2 = Vector512.Load(bRow + 32);
            var b3 = Vector512.Load(bRow + 48);
            var offset = p * termStride;
            var s = Vector512.Create(a0[offset]);
            c00 = Vector512.FusedMultiplyAdd(s, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(s, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(s, b2, c02);
            c03 = Vector512.FusedMultiplyAdd(s, b3, c03);
            s = Vector512.Create(a1[offset]);
            c10 = Vector512.FusedMultiplyAdd(s, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(s, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(s, b2, c12);
            c13 = Vector512.FusedMultiplyAdd(s, b3, c13);
            s = Vector512.Create(a2[offset]);
            c20 = Vector512.FusedMultiplyAdd(s, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(s, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(s, b2, c22);
            c23 = Vector512.FusedMultiplyAdd(s, b3, c23);
            s = Vector512.Create(a3[offset]);
            c30 = Vector512.FusedMultiplyAdd(s, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(s, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(s, b2, c32);
            c33 = Vector512.FusedMultiplyAdd(s, b3, c33);
        }

        Vector512.Store(c00, c0); Vector512.Store(c01, c0 + 16); Vector512.Store(c02, c0 + 32); Vector512.Store(c03, c0 + 48);
        Vector512.Store(c10, c1); Vector512.Store(c11, c1 + 16); Vector512.Store(c12, c1 + 32); Vector512.Store(c13, c1 + 48);
        Vector512.Store(c20, c2); Vector512.Store(c21, c2 + 16); Vector512.Store(c22, c2 + 32); Vector512.Store(c23, c2 + 48);
        Vector512.Store(c30, c3); Vector512.Store(c31, c3 + 16); Vector512.Store(c32, c3 + 32); Vector512.Store(c33, c3 + 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel1x4(float* a, nint termStride, float* b, nint ldb, float* bias, float* c, int terms, Start start)
    {
        Vector512<float> c00, c01, c02, c03;
        if (start == Start.Accumulate)
        {
            c00 = Vector512.Load(c); c01 = Vector512.Load(c + 16); c02 = Vector512.Load(c + 32); c03 = Vector512.Load(c + 48);
        }
        else if (start == Start.Bias)
        {
            c00 = Vector512.Load(bias); c01 = Vector512.Load(bias + 16); c02 = Vector512.Load(bias + 32); c03 = Vector512.Load(bias + 48);
        }
        else
        {
            c00 = c01 = c02 = c03 = Vector512<float>.Zero;
        }

        for (nint p = 0; p < terms; p++)
        {
            var bRow = b + p * ldb;
            var s = Vector512.Create(a[p * termStride]);
            c00 = Vector512.FusedMultiplyAdd(s, Vector512.Load(bRow), c00);
            c01 = Vector512.FusedMultiplyAdd(s, Vector512.Load(bRow + 16), c01);
            c02 = Vector512.FusedMultiplyAdd(s, Vector512.Load(bRow + 32), c02);
            c03 = Vector512.FusedMultiplyAdd(s, Vector512.Load(bRow + 48), c03);
        }

        Vector512.Store(c00, c); Vector512.Store(c01, c + 16); Vector512.Store(c02, c + 32); Vector512.Store(c03, c + 48);
    }

    /// <summary>Up to four rows (<paramref name="rows"/>) by one masked vector of columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel4x1(float* a, nint rowStride, nint termStride, float* b, nint ldb, float* bias, float* c, nint ldc, int terms, Start start, Vector512<float> mask, int rows = 4)
    {
        Vector512<float> c0, c1, c2, c3;
        var zero = Vector512<float>.Zero;
        if (start == Start.Accumulate)
        {
            c0 = Avx512F.MaskLoad(c, mask, zero);
            c1 = rows > 1 ? Avx512F.MaskLoad(c + ldc, mask, zero) : zero;
            c2 = rows > 2 ? Avx512F.MaskLoad(c + 2 * ldc, mask, zero) : zero;
            c3 = rows > 3 ? Avx512F.MaskLoad(c + 3 * ldc, mask, zero) : zero;
        }
        else if (start == Start.Bias)
        {
            c0 = c1 = c2 = c3 = Avx512F.MaskLoad(bias, mask, zero);
        }
        else
        {
            c0 = c1 = c2 = c3 = zero;
        }

        if (rows == 4)
        {
            float* a0 = a, a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride;
            for (nint p = 0; p < terms; p++)
            {
                var bRow = Avx512F.MaskLoad(b + p * ldb, mask, zero);
                var offset = p * termStride;
                c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a0[offset]), bRow, c0);
                c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a1[offset]), bRow, c1);
                c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a2[offset]), bRow, c2);
                c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a3[offset]), bRow, c3);
            }

            Avx512F.MaskStore(c, mask, c0);
            Avx512F.MaskStore(c + ldc, mask, c1);
            Avx512F.MaskStore(c + 2 * ldc, mask, c2);
            Avx512F.MaskStore(c + 3 * ldc, mask, c3);
            return;
        }

        for (nint p = 0; p < terms; p++)
        {
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[p * termStride]), Avx512F.MaskLoad(b + p * ldb, mask, zero), c0);
        }

        Avx512F.MaskStore(c, mask, c0);
    }
}
