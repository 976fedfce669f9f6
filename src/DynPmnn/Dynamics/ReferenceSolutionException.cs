using System.Globalization;
using DynPmnn.Neurons;

namespace DynPmnn.Dynamics;

/// <summary>A <see cref="ReferenceTrajectory"/> could not be made accurate enough: successive halvings of the step kept disagreeing.</summary>
public sealed class ReferenceSolutionException : Exception
{
    public ReferenceSolutionException(NeuronDescriptor neuron, double dt, int steps, double tolerance, int halvings, double difference, string state, double time)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"{neuron.Name}: RK4 did not agree to {tolerance:G3} within {halvings} halvings of dt {dt:G6} over {steps} steps: ")
            + (double.IsFinite(difference)
                ? string.Create(CultureInfo.InvariantCulture, $"at dt/2^{halvings} the last two solutions still differ by {difference:G3} in {state} at t = {time:G6}.")
                : string.Create(CultureInfo.InvariantCulture, $"the solution is not finite in {state} at t = {time:G6} (it blows up).")))
    {
        Difference = difference;
        State = state;
        Time = time;
    }

    /// <summary>The last two solutions' largest scaled difference (infinite when one is not finite).</summary>
    public double Difference { get; }

    /// <summary>The state where they differed most.</summary>
    public string State { get; }

    /// <summary>The time at which they differed most.</summary>
    public double Time { get; }
}
