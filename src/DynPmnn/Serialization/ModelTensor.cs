namespace DynPmnn.Serialization;

/// <summary>One tensor of a model file: its name, shape and values (row-major).</summary>
public sealed record ModelTensor(string Name, int[] Shape, float[] Values);
