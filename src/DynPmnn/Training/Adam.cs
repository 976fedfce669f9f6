using System.Numerics;
using DynPmnn.Layers;

namespace DynPmnn.Training;

/// <summary>
/// Adam exactly as PyTorch's <c>torch.optim.Adam</c> (no AMSGrad) computes it, operation for operation, so float
/// results can be compared with it:
/// <code>
/// g  = grad + weight_decay · p                 (L2 through the gradient, not decoupled)
/// m  = m + (1 − β1) (g − m)                    (lerp)
/// v  = β2 v + (1 − β2) g²
/// p  = p − lr / (1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)
/// </code>
/// </summary>
public class Adam<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] firstMoment;
    private readonly T[][] secondMoment;

    public Adam(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        RequireUnitInterval(beta1, nameof(beta1));
        RequireUnitInterval(beta2, nameof(beta2));
        RequireNonNegative(epsilon, nameof(epsilon));
        RequireNonNegative(weightDecay, nameof(weightDecay));
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        firstMoment = NewState();
        secondMoment = NewState();
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    public double WeightDecay { get; }

    /// <summary>The L2 coefficient folded into the gradient; AdamW sets it to zero and decays the weights itself.</summary>
    protected virtual double GradientWeightDecay => WeightDecay;

    protected override void Update(long step)
    {
        // Scalars are computed in double, as Python does, and rounded once to T, as PyTorch does for tensor-scalar ops.
        var biasCorrection1 = 1 - Math.Pow(Beta1, step);
        var biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, step));
        var stepSize = T.CreateTruncating(LearningRate / biasCorrection1);
        var correction2 = T.CreateTruncating(biasCorrection2Sqrt);
        var decay = T.CreateTruncating(GradientWeightDecay);
        var hasDecay = GradientWeightDecay != 0;
        var beta2 = T.CreateTruncating(Beta2);
        var oneMinusBeta2 = T.CreateTruncating(1 - Beta2);
        var lerpWeight = T.CreateTruncating(1 - Beta1);
        var lerpFromEnd = 1 - Beta1 >= 0.5;
        var oneMinusLerpWeight = T.CreateTruncating(Beta1);
        var epsilon = T.CreateTruncating(Epsilon);

        for (var k = 0; k < Parameters.Length; k++)
        {
            var value = Parameters[k].Value.AsSpan();
            var gradient = Parameters[k].Gradient.AsSpan();
            var m = firstMoment[k].AsSpan();
            var v = secondMoment[k].AsSpan();
            var i = 0;

            // One pass over whole vectors, then the same operations element by element for the tail: every operation is
            // an IEEE one (no fused multiply-add), so the vector and scalar paths give identical bits.
            if (Vector.IsHardwareAccelerated)
            {
                var width = Vector<T>.Count;
                var decayVector = new Vector<T>(decay);
                var beta2Vector = new Vector<T>(beta2);
                var oneMinusBeta2Vector = new Vector<T>(oneMinusBeta2);
                var lerpWeightVector = new Vector<T>(lerpWeight);
                var oneMinusLerpWeightVector = new Vector<T>(oneMinusLerpWeight);
                var correction2Vector = new Vector<T>(correction2);
                var epsilonVector = new Vector<T>(epsilon);
                var stepSizeVector = new Vector<T>(stepSize);
                for (; i + width <= value.Length; i += width)
                {
                    var p = new Vector<T>(value[i..]);
                    var g = new Vector<T>(gradient[i..]);
                    if (hasDecay)
                    {
                        g += decayVector * p;
                    }

                    var mi = new Vector<T>(m[i..]);
                    mi = lerpFromEnd ? g - (g - mi) * oneMinusLerpWeightVector : mi + lerpWeightVector * (g - mi);
                    var vi = new Vector<T>(v[i..]) * beta2Vector + oneMinusBeta2Vector * (g * g);
                    var denominator = Vector.SquareRoot(vi) / correction2Vector + epsilonVector;
                    p -= stepSizeVector * (mi / denominator);
                    mi.CopyTo(m[i..]);
                    vi.CopyTo(v[i..]);
                    p.CopyTo(value[i..]);
                }
            }

            for (; i < value.Length; i++)
            {
                var g = hasDecay ? gradient[i] + decay * value[i] : gradient[i];

                // PyTorch's lerp switches formula at weight 0.5 for accuracy; mirror it.
                m[i] = lerpFromEnd ? g - (g - m[i]) * oneMinusLerpWeight : m[i] + lerpWeight * (g - m[i]);
                v[i] = v[i] * beta2 + oneMinusBeta2 * (g * g);
                var denominator = T.Sqrt(v[i]) / correction2 + epsilon;
                value[i] -= stepSize * (m[i] / denominator);
            }
        }
    }
}
