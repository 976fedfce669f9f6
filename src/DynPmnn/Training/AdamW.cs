using System.Numerics;
using DynPmnn.Layers;

namespace DynPmnn.Training;

/// <summary>
/// PyTorch's <c>torch.optim.AdamW</c>: Adam with decoupled weight decay. Each step first shrinks the weights,
/// <c>p = p · (1 − lr · weight_decay)</c>, then applies the Adam update without any L2 term in the gradient.
/// </summary>
public sealed class AdamW<T> : Adam<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <remarks>The default weight decay, 1e-2, is PyTorch's.</remarks>
    public AdamW(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 1e-2)
        : base(parameters, learningRate, beta1, beta2, epsilon, weightDecay)
    {
    }

    protected override double GradientWeightDecay => 0;

    protected override void Update(long step)
    {
        var shrink = T.CreateTruncating(1 - LearningRate * WeightDecay);
        for (var k = 0; k < Parameters.Length; k++)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(Parameters[k].Value, shrink, Parameters[k].Value);
        }

        base.Update(step);
    }
}
