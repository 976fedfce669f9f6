namespace DynPmnn;

/// <summary>A state variable of a neuron: one <c>out</c> derivative per state, in declaration order.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class StateAttribute : Attribute
{
}
