using DynPmnn.Neurons;

namespace DynPmnn.Layers;

/// <summary>An ODE layer's state became NaN or infinite: the error names the layer, unit, batch row, state and step.</summary>
public sealed class OdeDivergenceException : ArithmeticException
{
    public OdeDivergenceException(string layer, int unit, int row, string state, int step, int steps, double dt, Integrator integrator)
        : base($"{layer} diverged: unit {unit}, batch row {row}, state {state} became non-finite at step {step} of {steps} " +
               $"(dt = {dt.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {integrator}). The step size is likely outside the " +
               $"integrator's stability region for the states this layer visits: use a smaller dt with more steps over the same time, " +
               $"or a higher-order integrator such as RK4.")
    {
        Layer = layer;
        Unit = unit;
        Row = row;
        State = state;
        Step = step;
    }

    public string Layer { get; }

    public int Unit { get; }

    public int Row { get; }

    public string State { get; }

    /// <summary>The 1-based step after which the state was first non-finite.</summary>
    public int Step { get; }
}
