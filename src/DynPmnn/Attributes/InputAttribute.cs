namespace DynPmnn;

/// <summary>An external drive of a neuron (for example an input current), held constant over one layer's integration; 0 when unused.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class InputAttribute : Attribute
{
}
