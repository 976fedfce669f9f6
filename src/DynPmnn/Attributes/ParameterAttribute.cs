namespace DynPmnn;

/// <summary>A dynamical parameter of a neuron, one value per unit at run time, trainable or fixed.</summary>
/// <param name="defaultValue">The value a new layer starts with; must be a compile-time constant.</param>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class ParameterAttribute(double defaultValue) : Attribute
{
    /// <summary>The value a new layer starts with.</summary>
    public double DefaultValue { get; } = defaultValue;
}
