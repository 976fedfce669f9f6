namespace DynPmnn.Dynamics;

/// <summary>A window onto two of a neuron's states: <see cref="XState"/> across, <see cref="YState"/> up (indices into its states).</summary>
public sealed record PhasePlane(int XState, int YState, double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>Throws unless the states are distinct states of <paramref name="dynamics"/> and the window is finite and not empty.</summary>
    public void Validate(NeuronDynamics dynamics)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        var n = dynamics.StateCount;
        if ((uint)XState >= (uint)n || (uint)YState >= (uint)n || XState == YState)
        {
            throw new ArgumentException($"{dynamics.Descriptor.Name} has {n} states; a phase plane needs two different ones, not {XState} and {YState}.");
        }

        if (!(double.IsFinite(XMin) && double.IsFinite(XMax) && double.IsFinite(YMin) && double.IsFinite(YMax) && XMin < XMax && YMin < YMax))
        {
            throw new ArgumentException($"The phase plane [{XMin}, {XMax}] × [{YMin}, {YMax}] is not a finite, non-empty window.");
        }
    }
}
