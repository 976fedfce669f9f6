namespace DynPmnn;

/// <summary>
/// Marks a partial struct or class as a dynamical neuron. The DynPmnn source generator reads its
/// <see cref="StateAttribute"/>, <see cref="ParameterAttribute"/> and <see cref="InputAttribute"/> fields and its
/// <c>Derivatives(out float d1, ...)</c> method, and emits integrator steps, their reverse-mode derivatives and an
/// <see cref="Neurons.INeuron{TSelf}"/> implementation.
/// </summary>
[AttributeUsage(AttributeTargets.Struct | AttributeTargets.Class, Inherited = false)]
public sealed class NeuronAttribute : Attribute
{
}
