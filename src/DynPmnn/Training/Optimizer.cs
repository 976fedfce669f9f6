using System.Numerics;
using DynPmnn.Layers;

namespace DynPmnn.Training;

/// <summary>Updates a fixed list of parameters from the gradients accumulated in them.</summary>
public abstract class Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private double learningRate;

    protected Optimizer(IEnumerable<Parameter<T>> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        LearningRate = learningRate;
    }

    /// <summary>The parameters updated, in the order their state is kept.</summary>
    protected Parameter<T>[] Parameters { get; }

    /// <summary>The step size; may be changed between steps, for a schedule.</summary>
    public double LearningRate
    {
        get => learningRate;
        set
        {
            if (!(value >= 0 && double.IsFinite(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be a finite non-negative number.");
            }

            learningRate = value;
        }
    }

    /// <summary>How many steps have been taken.</summary>
    public long StepCount { get; private set; }

    /// <summary>Applies one update from the current gradients; gradients are left as they are.</summary>
    public void Step()
    {
        StepCount++;
        Update(StepCount);
    }

    /// <summary>Clears every parameter's gradient, ready for the next batch's accumulation.</summary>
    public void ZeroGradients()
    {
        for (var i = 0; i < Parameters.Length; i++)
        {
            Parameters[i].ZeroGradient();
        }
    }

    /// <summary>The update itself; <paramref name="step"/> counts from 1.</summary>
    protected abstract void Update(long step);

    /// <summary>One moment buffer per parameter, zero-filled, shaped like the parameters.</summary>
    protected T[][] NewState()
    {
        var state = new T[Parameters.Length][];
        for (var i = 0; i < state.Length; i++)
        {
            state[i] = new T[Parameters[i].Length];
        }

        return state;
    }

    protected static void RequireNonNegative(double value, string name)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be a finite non-negative number.");
        }
    }

    protected static void RequireUnitInterval(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must lie in [0, 1).");
        }
    }
}
