using DynPmnn.Onnx.Proto;
using Google.Protobuf;

namespace DynPmnn.Onnx;

/// <summary>
/// An ONNX graph under construction: nodes in the order they are added (so operands always come first), weights and
/// constants as initializers, and a fresh value name for every output. Scalar constants are made once per value.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly Dictionary<(TensorProto.Types.DataType, long), string> scalars = [];
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);
    private int next;

    public GraphProto Proto { get; } = new();

    /// <summary>A name no value of the graph has yet, from <paramref name="hint"/>.</summary>
    public string Name(string hint)
    {
        var name = hint;
        while (!taken.Add(name))
        {
            name = $"{hint}_{next++}";
        }

        return name;
    }

    /// <summary>Reserves a name chosen from outside (an input or output of the model).</summary>
    public void Reserve(string name)
    {
        if (!taken.Add(name))
        {
            throw new InvalidOperationException($"The ONNX value name '{name}' is used twice.");
        }
    }

    /// <summary>Adds a node of <paramref name="op"/> with one output, named from <paramref name="hint"/> (or <paramref name="output"/> itself), and returns that name.</summary>
    public string Node(string op, string hint, IEnumerable<string> inputs, Action<NodeProto>? attributes = null, string? output = null)
    {
        var node = new NodeProto { OpType = op, Name = Name("node_" + op) };
        node.Input.AddRange(inputs);
        var result = output ?? Name(hint);
        node.Output.Add(result);
        attributes?.Invoke(node);
        Proto.Node.Add(node);
        return result;
    }

    public string Node(string op, params string[] inputs) => Node(op, op.ToLowerInvariant(), inputs);

    /// <summary>
    /// a · b + c (or c − a · b) rounded once, as a fused multiply-add: the product of two floats is exact in double, the
    /// sum is rounded to double and then to float, which is the fused result but in the rare case of a double rounding.
    /// </summary>
    public string FusedMultiplyAdd(string a, string b, string c, bool negated)
    {
        string Wide(string x) => Node("Cast", "wide", [x], n => n.Attribute.Add(Int("to", (long)TensorProto.Types.DataType.Double)));
        var product = Node("Mul", Wide(a), Wide(b));
        var sum = negated ? Node("Sub", Wide(c), product) : Node("Add", product, Wide(c));
        return Node("Cast", "fma", [sum], n => n.Attribute.Add(Int("to", (long)TensorProto.Types.DataType.Float)));
    }

    /// <summary>
    /// <paramref name="op"/> (Exp, Log, Tanh or Sigmoid) evaluated in double and rounded to float once. ONNX Runtime's
    /// float kernels for these are fast approximations a few units in the last place off, and a network with stiff ODE
    /// steps multiplies such differences a hundredfold; rounded from double they are as accurate as float allows.
    /// </summary>
    public string Precise(string op, string x)
    {
        var wide = Node("Cast", "wide", [x], n => n.Attribute.Add(Int("to", (long)TensorProto.Types.DataType.Double)));
        return Node("Cast", op.ToLowerInvariant(), [Node(op, wide)], n => n.Attribute.Add(Int("to", (long)TensorProto.Types.DataType.Float)));
    }

    /// <summary>
    /// Drops every node and initializer the graph's outputs do not need (a constant exponent written out as products,
    /// a shared scalar no operator ended up using), so the file holds only what runs.
    /// </summary>
    public void Prune()
    {
        var needed = new HashSet<string>(Proto.Output.Select(o => o.Name), StringComparer.Ordinal);
        var kept = new List<NodeProto>();
        for (var i = Proto.Node.Count - 1; i >= 0; i--)
        {
            var node = Proto.Node[i];
            if (node.Output.Any(needed.Contains))
            {
                kept.Add(node);
                needed.UnionWith(node.Input);
            }
        }

        kept.Reverse();
        Proto.Node.Clear();
        Proto.Node.AddRange(kept);
        var initializers = Proto.Initializer.Where(t => needed.Contains(t.Name)).ToList();
        Proto.Initializer.Clear();
        Proto.Initializer.AddRange(initializers);
    }

    /// <summary>A float tensor initializer of the given shape.</summary>
    public string Floats(string hint, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Name(hint), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[values.Length * sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian; this machine is not.");
        }

        tensor.RawData = ByteString.CopyFrom(bytes);
        Proto.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Doubles(string hint, double[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Name(hint), DataType = (int)TensorProto.Types.DataType.Double };
        tensor.Dims.AddRange(dims);
        tensor.DoubleData.AddRange(values);
        Proto.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Int64s(string hint, long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Name(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        Proto.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A float scalar, made once per bit pattern.</summary>
    public string Scalar(float value)
    {
        var key = (TensorProto.Types.DataType.Float, (long)BitConverter.SingleToInt32Bits(value));
        if (!scalars.TryGetValue(key, out var name))
        {
            name = Floats("c", [value]);
            scalars[key] = name;
        }

        return name;
    }

    /// <summary>An int64 vector constant (shapes, axes, indices).</summary>
    public string Shape(params long[] values) => Int64s("shape", values, values.Length);

    /// <summary>An int64 scalar (an index for Gather that drops the axis).</summary>
    public string Index(long value)
    {
        var key = (TensorProto.Types.DataType.Int64, value);
        if (!scalars.TryGetValue(key, out var name))
        {
            name = Int64s("index", [value]);
            scalars[key] = name;
        }

        return name;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static ValueInfoProto Tensor(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is string symbol ? new TensorShapeProto.Types.Dimension { DimParam = symbol } : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
