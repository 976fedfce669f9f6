using System.Numerics;

namespace DynPmnn.Layers;

/// <summary>A trainable tensor: its values and the gradient the last backward passes accumulated into it.</summary>
public sealed class Parameter<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public Parameter(string name, params int[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
        {
            throw new ArgumentException($"Parameter '{name}' needs a non-empty shape of positive sizes, got [{string.Join(", ", shape)}].", nameof(shape));
        }

        Name = name;
        Shape = shape;
        var length = shape.Aggregate(1, (a, b) => checked(a * b));
        Value = new T[length];
        Gradient = new T[length];
    }

    private Parameter(string name, int[] shape, T[] value, T[] gradient)
    {
        Name = name;
        Shape = shape;
        Value = value;
        Gradient = gradient;
    }

    /// <summary>A name unique within its network, such as <c>2.dense.weight</c>, used by saved models.</summary>
    public string Name { get; }

    public int[] Shape { get; }

    public T[] Value { get; }

    public T[] Gradient { get; }

    public int Length => Value.Length;

    public void ZeroGradient() => Array.Clear(Gradient);

    /// <summary>
    /// The same tensor under another name: values and gradient are shared, not copied. Containers such as
    /// <see cref="Sequential{T}"/> use it to give their children's parameters names unique within the whole network.
    /// </summary>
    public Parameter<T> WithName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Parameter<T>(name, Shape, Value, Gradient);
    }
}
