using System.Numerics;
using DynPmnn.Layers;

namespace DynPmnn.Training;

/// <summary>
/// Stochastic gradient descent as PyTorch's <c>torch.optim.SGD</c> computes it:
/// <code>
/// g = grad + weight_decay · p
/// b = g on the first step, else momentum · b + (1 − dampening) · g
/// g = nesterov ? g + momentum · b : b          (only when momentum ≠ 0)
/// p = p − lr · g
/// </code>
/// </summary>
public sealed class Sgd<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] momentumBuffer;

    public Sgd(IEnumerable<Parameter<T>> parameters, double learningRate, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(parameters, learningRate)
    {
        RequireNonNegative(momentum, nameof(momentum));
        RequireNonNegative(dampening, nameof(dampening));
        RequireNonNegative(weightDecay, nameof(weightDecay));
        if (nesterov && (momentum == 0 || dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum needs a positive momentum and zero dampening.", nameof(nesterov));
        }

        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        momentumBuffer = NewState();
    }

    public double Momentum { get; }

    public double Dampening { get; }

    public double WeightDecay { get; }

    public bool Nesterov { get; }

    protected override void Update(long step)
    {
        var learningRate = T.CreateTruncating(LearningRate);
        var decay = T.CreateTruncating(WeightDecay);
        var momentum = T.CreateTruncating(Momentum);
        var oneMinusDampening = T.CreateTruncating(1 - Dampening);
        var hasMomentum = Momentum != 0;
        var first = step == 1;
        for (var k = 0; k < Parameters.Length; k++)
        {
            var value = Parameters[k].Value;
            var gradient = Parameters[k].Gradient;
            var buffer = momentumBuffer[k];
            for (var i = 0; i < value.Length; i++)
            {
                var g = WeightDecay != 0 ? gradient[i] + decay * value[i] : gradient[i];
                if (hasMomentum)
                {
                    buffer[i] = first ? g : momentum * buffer[i] + oneMinusDampening * g;
                    g = Nesterov ? g + momentum * buffer[i] : buffer[i];
                }

                value[i] -= learningRate * g;
            }
        }
    }
}
