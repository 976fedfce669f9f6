using DynPmnn.Stability;

namespace DynPmnn.Layers;

/// <summary>A layer that integrates an ODE and can say whether its step size is stable for a given input.</summary>
internal interface IStabilityChecked
{
    /// <summary>Analyses the states the layer visits for <paramref name="batch"/> rows of <paramref name="input"/>.</summary>
    StabilityReport CheckStability(ReadOnlySpan<float> input, int batch);
}
