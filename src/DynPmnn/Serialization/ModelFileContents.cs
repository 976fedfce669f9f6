using DynPmnn.Layers;

namespace DynPmnn.Serialization;

/// <summary>What a model file holds: its metadata (without the checksum entry, which was checked on reading) and its tensors in file order.</summary>
public sealed record ModelFileContents(IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<ModelTensor> Tensors)
{
    /// <summary>
    /// Copies the tensors into <paramref name="parameters"/>, matched by name. Nothing is changed unless every parameter
    /// is in the file with its shape and the file holds no other tensor; otherwise the message lists every mismatch.
    /// </summary>
    /// <exception cref="ModelFormatException">The file does not match the network.</exception>
    public void CopyTo(IReadOnlyList<Parameter<float>> parameters, string source = "model file")
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var saved = Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var problems = new List<string>();
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            wanted.Add(parameter.Name);
            if (!saved.TryGetValue(parameter.Name, out var tensor))
            {
                problems.Add($"parameter '{parameter.Name}' {Format(parameter.Shape)} is missing from the file");
            }
            else if (!tensor.Shape.AsSpan().SequenceEqual(parameter.Shape))
            {
                problems.Add($"parameter '{parameter.Name}' has shape {Format(tensor.Shape)} in the file but {Format(parameter.Shape)} in the network");
            }
        }

        problems.AddRange(Tensors.Where(t => !wanted.Contains(t.Name)).Select(t => $"the file has tensor '{t.Name}' {Format(t.Shape)}, which the network does not have"));
        if (problems.Count > 0)
        {
            throw new ModelFormatException($"{source} does not match the network: {string.Join("; ", problems)}.");
        }

        foreach (var parameter in parameters)
        {
            saved[parameter.Name].Values.CopyTo(parameter.Value, 0);
        }
    }

    private static string Format(int[] shape) => $"[{string.Join(", ", shape)}]";
}
