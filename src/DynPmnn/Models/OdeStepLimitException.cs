namespace DynPmnn.Models;

/// <summary>An adaptive solve attempted more steps than <see cref="OdeSolverOptions.MaxSteps"/> allows.</summary>
public sealed class OdeStepLimitException : Exception
{
    public OdeStepLimitException(int maxSteps, double time, double stepSize)
        : base($"The ODE solver attempted {maxSteps} steps and reached only t = {time:G6} of [0, 1] (last step size {stepSize:G3}). "
            + "The vector field has probably become stiff; raise MaxSteps, loosen the tolerances, or lower the learning rate.")
    {
        MaxSteps = maxSteps;
        Time = time;
        StepSize = stepSize;
    }

    /// <summary>The limit that was reached.</summary>
    public int MaxSteps { get; }

    /// <summary>How far the solve had got.</summary>
    public double Time { get; }

    /// <summary>The step size it was about to try.</summary>
    public double StepSize { get; }
}
