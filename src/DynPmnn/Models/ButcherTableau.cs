namespace DynPmnn.Models;

/// <summary>The coefficients of an explicit Runge–Kutta scheme, with an embedded error estimate and dense output where it has them.</summary>
internal sealed class ButcherTableau
{
    private ButcherTableau(double[] nodes, double[][] matrix, double[] weights, double[]? errorWeights, double[]? midpointWeights, int order)
    {
        Nodes = nodes;
        Matrix = matrix;
        Weights = weights;
        ErrorWeights = errorWeights;
        MidpointWeights = midpointWeights;
        Order = order;
        Stages = nodes.Length;

        // First same as last: the last stage is evaluated at the step's result, so it is the next step's first stage.
        var last = matrix[^1];
        FirstSameAsLast = weights[^1] == 0 && last.Length == Stages - 1 && last.AsSpan().SequenceEqual(weights.AsSpan(0, Stages - 1));
    }

    /// <summary>The fraction of the step at which each stage is evaluated (c).</summary>
    public double[] Nodes { get; }

    /// <summary>Row i holds the coefficients of stages 0 … i−1 in stage i's state (A, strictly lower triangular).</summary>
    public double[][] Matrix { get; }

    /// <summary>The coefficients of the stages in the step's result (b).</summary>
    public double[] Weights { get; }

    /// <summary>b − b̂, the embedded error estimate's coefficients, or null for a fixed-step scheme.</summary>
    public double[]? ErrorWeights { get; }

    /// <summary>The coefficients of the state at mid-step for the quartic dense output, or null without one.</summary>
    public double[]? MidpointWeights { get; }

    /// <summary>The order of the solution that is propagated.</summary>
    public int Order { get; }

    public int Stages { get; }

    public bool FirstSameAsLast { get; }

    /// <summary>Dormand–Prince 5(4) with Shampine's midpoint coefficients, as in torchdiffeq's <c>dopri5</c>.</summary>
    public static ButcherTableau DormandPrince { get; } = new(
        [0, 1 / 5.0, 3 / 10.0, 4 / 5.0, 8 / 9.0, 1, 1],
        [
            [],
            [1 / 5.0],
            [3 / 40.0, 9 / 40.0],
            [44 / 45.0, -56 / 15.0, 32 / 9.0],
            [19372 / 6561.0, -25360 / 2187.0, 64448 / 6561.0, -212 / 729.0],
            [9017 / 3168.0, -355 / 33.0, 46732 / 5247.0, 49 / 176.0, -5103 / 18656.0],
            [35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0],
        ],
        [35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0, 0],
        [
            35 / 384.0 - 1951 / 21600.0,
            0,
            500 / 1113.0 - 22642 / 50085.0,
            125 / 192.0 - 451 / 720.0,
            -2187 / 6784.0 - -12231 / 42400.0,
            11 / 84.0 - 649 / 6300.0,
            -1 / 60.0,
        ],
        [
            6025192743 / 30085553152.0 / 2,
            0,
            51252292925 / 65400821598.0 / 2,
            -2691868925 / 45128329728.0 / 2,
            187940372067 / 1594534317056.0 / 2,
            -1776094331 / 19743644256.0 / 2,
            11237099 / 235043384.0 / 2,
        ],
        order: 5);

    /// <summary>The classic fourth-order scheme.</summary>
    public static ButcherTableau ClassicRungeKutta { get; } = new(
        [0, 0.5, 0.5, 1],
        [[], [0.5], [0, 0.5], [0, 0, 1]],
        [1 / 6.0, 1 / 3.0, 1 / 3.0, 1 / 6.0],
        errorWeights: null,
        midpointWeights: null,
        order: 4);

    /// <summary>
    /// The coefficients γ such that the dense output at fraction <paramref name="fraction"/> of a step is
    /// <c>y0 + h Σ γᵢ kᵢ</c>. torchdiffeq fits the quartic through y0, y1, the midpoint state and the end slopes f0, f1;
    /// every one of those is y0 plus a combination of the stages, so the polynomial is too, and backpropagating through
    /// it is the same as through an ordinary step with other weights.
    /// </summary>
    public void DenseOutputWeights(double fraction, Span<double> gamma)
    {
        if (MidpointWeights is null || !FirstSameAsLast)
        {
            throw new InvalidOperationException("This scheme has no dense output.");
        }

        var x = fraction;
        var x2 = x * x;
        var x3 = x2 * x;
        var x4 = x3 * x;

        // p(x) = a x⁴ + b x³ + c x² + d x + e with (torchdiffeq's _interp_fit)
        //   a = −2h f0 + 2h f1 − 8 y0 − 8 y1 + 16 ymid,  b = 5h f0 − 3h f1 + 18 y0 + 14 y1 − 32 ymid,
        //   c = −4h f0 + h f1 − 11 y0 − 5 y1 + 16 ymid,  d = h f0,  e = y0.
        // Collected by term; the y0 coefficients sum with those of y1 and ymid to one, leaving y0 itself.
        var slopeStart = -2 * x4 + 5 * x3 - 4 * x2 + x;
        var slopeEnd = 2 * x4 - 3 * x3 + x2;
        var end = -8 * x4 + 14 * x3 - 5 * x2;
        var middle = 16 * x4 - 32 * x3 + 16 * x2;
        for (var i = 0; i < Stages; i++)
        {
            gamma[i] = end * Weights[i] + middle * MidpointWeights[i];
        }

        gamma[0] += slopeStart;
        gamma[Stages - 1] += slopeEnd;
    }
}
