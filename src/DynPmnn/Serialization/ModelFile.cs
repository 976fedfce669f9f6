using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DynPmnn.IO;
using DynPmnn.Layers;

namespace DynPmnn.Serialization;

/// <summary>
/// Saves and loads a network's parameters. The file holds a caller-supplied description of the architecture (so a tool
/// can rebuild the network before loading into it), then every parameter's name, shape and values.
/// </summary>
/// <remarks>
/// Layout, little-endian:
/// <code>
/// magic    8 bytes   "DYNPMNN" 0x1A
/// version  uint32    1
/// length   uint64    payload bytes
/// payload            description (string), count (int32), then per parameter:
///                    name (string), rank (int32), dims (int32 × rank), values (float32 × product of dims)
/// checksum 32 bytes  SHA-256 of everything before it
/// </code>
/// Strings are UTF-8 with a 7-bit-encoded length prefix, as <see cref="BinaryWriter"/> writes them.
/// </remarks>
public static class ModelFile
{
    /// <summary>The format version this code writes and reads.</summary>
    public const uint FormatVersion = 1;

    private const int HeaderLength = 8 + 4 + 8;
    private const int ChecksumLength = 32;

    private static ReadOnlySpan<byte> Magic => "DYNPMNN\x1A"u8;

    /// <summary>
    /// Writes the file atomically: to a temporary file in the same directory, flushed to disk, then moved over
    /// <paramref name="path"/>. On any failure the previous file at <paramref name="path"/> (if any) is left as it was
    /// and the temporary file is removed.
    /// </summary>
    public static void Save(string path, string description, IReadOnlyList<Parameter<float>> parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(parameters);
        using var file = AtomicFile.Create(path);
        Write(file.Stream, description, parameters);
        file.Commit();
    }

    /// <summary>Writes the whole file format to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, string description, IReadOnlyList<Parameter<float>> parameters)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(parameters);
        var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(description);
            writer.Write(parameters.Count);
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
                if (!names.Add(parameter.Name))
                {
                    throw new ArgumentException($"Two parameters are named '{parameter.Name}'; names must be unique to be loaded back.", nameof(parameters));
                }

                writer.Write(parameter.Name);
                writer.Write(parameter.Shape.Length);
                foreach (var dimension in parameter.Shape)
                {
                    writer.Write(dimension);
                }

                foreach (var value in parameter.Value)
                {
                    writer.Write(value);
                }
            }
        }

        var file = new byte[HeaderLength + payload.Length + ChecksumLength];
        Magic.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(12), (ulong)payload.Length);
        payload.GetBuffer().AsSpan(0, (int)payload.Length).CopyTo(file.AsSpan(HeaderLength));
        SHA256.HashData(file.AsSpan(0, file.Length - ChecksumLength), file.AsSpan(file.Length - ChecksumLength));
        stream.Write(file);
    }

    /// <summary>
    /// Loads the parameters saved at <paramref name="path"/> into <paramref name="parameters"/>, matched by name, and
    /// returns the saved description. Nothing is changed unless the whole file is valid and matches the network.
    /// </summary>
    /// <exception cref="ModelFormatException">The file is not a model file, is damaged, or does not match the network.</exception>
    public static string Load(string path, IReadOnlyList<Parameter<float>> parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Load(File.ReadAllBytes(path), parameters, path);
    }

    /// <summary>Like <see cref="Load(string, IReadOnlyList{Parameter{float}})"/>, from the file's bytes.</summary>
    public static string Load(ReadOnlySpan<byte> file, IReadOnlyList<Parameter<float>> parameters, string source = "model file")
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var contents = Parse(file, source);
        var problems = new List<string>();
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            wanted.Add(parameter.Name);
            if (!contents.Parameters.TryGetValue(parameter.Name, out var saved))
            {
                problems.Add($"parameter '{parameter.Name}' {FormatShape(parameter.Shape)} is missing from the file");
            }
            else if (!saved.Shape.AsSpan().SequenceEqual(parameter.Shape))
            {
                problems.Add($"parameter '{parameter.Name}' has shape {FormatShape(saved.Shape)} in the file but {FormatShape(parameter.Shape)} in the network");
            }
        }

        foreach (var name in contents.Order)
        {
            if (!wanted.Contains(name))
            {
                problems.Add($"the file has parameter '{name}' {FormatShape(contents.Parameters[name].Shape)}, which the network does not have");
            }
        }

        if (problems.Count > 0)
        {
            throw new ModelFormatException($"{source} does not match the network (saved as \"{contents.Description}\"): {string.Join("; ", problems)}.");
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            contents.Parameters[parameters[i].Name].Values.CopyTo(parameters[i].Value, 0);
        }

        return contents.Description;
    }

    /// <summary>The description saved in a valid model file, read without loading any parameters.</summary>
    /// <exception cref="ModelFormatException">The file is not a valid model file.</exception>
    public static string ReadDescription(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllBytes(path), path).Description;
    }

    private static Contents Parse(ReadOnlySpan<byte> file, string source)
    {
        if (file.Length < Magic.Length && Magic.StartsWith(file))
        {
            throw new ModelFormatException($"{source} is truncated: it ends after {file.Length} bytes, inside the header.");
        }

        if (!file.StartsWith(Magic))
        {
            throw new ModelFormatException($"{source} is not a DynPmnn model file: its first bytes are not the magic bytes \"DYNPMNN\\x1A\".");
        }

        if (file.Length < HeaderLength)
        {
            throw new ModelFormatException($"{source} is truncated: it ends after {file.Length} bytes, inside the {HeaderLength}-byte header.");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(file[8..]);
        if (version != FormatVersion)
        {
            throw new ModelFormatException($"{source} has format version {version}; this library reads version {FormatVersion} only.");
        }

        var payloadLength = BinaryPrimitives.ReadUInt64LittleEndian(file[12..]);
        var expected = (ulong)HeaderLength + payloadLength + ChecksumLength;
        if ((ulong)file.Length < expected)
        {
            throw new ModelFormatException($"{source} is truncated: it has {file.Length} bytes but its header announces {expected}.");
        }

        if ((ulong)file.Length > expected)
        {
            throw new ModelFormatException($"{source} has {(ulong)file.Length - expected} unexpected bytes after its checksum.");
        }

        Span<byte> checksum = stackalloc byte[ChecksumLength];
        SHA256.HashData(file[..^ChecksumLength], checksum);
        if (!checksum.SequenceEqual(file[^ChecksumLength..]))
        {
            throw new ModelFormatException($"{source} is corrupt: its SHA-256 checksum does not match its contents.");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(file.Slice(HeaderLength, (int)payloadLength).ToArray()), Encoding.UTF8);
            var description = reader.ReadString();
            var count = reader.ReadInt32();
            if (count < 0)
            {
                throw new ModelFormatException($"{source} announces {count} parameters.");
            }

            var parameters = new Dictionary<string, SavedParameter>(StringComparer.Ordinal);
            var order = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var rank = reader.ReadInt32();
                if (rank <= 0 || rank > 32)
                {
                    throw new ModelFormatException($"{source}: parameter '{name}' has rank {rank}.");
                }

                var shape = new int[rank];
                long length = 1;
                for (var d = 0; d < rank; d++)
                {
                    shape[d] = reader.ReadInt32();
                    length *= shape[d];
                    if (shape[d] <= 0 || length > int.MaxValue)
                    {
                        throw new ModelFormatException($"{source}: parameter '{name}' has an invalid shape.");
                    }
                }

                var values = new float[length];
                for (var j = 0; j < values.Length; j++)
                {
                    values[j] = reader.ReadSingle();
                }

                if (!parameters.TryAdd(name, new SavedParameter(shape, values)))
                {
                    throw new ModelFormatException($"{source} holds parameter '{name}' twice.");
                }

                order.Add(name);
            }

            if (reader.BaseStream.Position != reader.BaseStream.Length)
            {
                throw new ModelFormatException($"{source} has unread bytes after its last parameter.");
            }

            return new Contents(description, parameters, order);
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFormatException($"{source} is malformed: its payload ends in the middle of a parameter.", e);
        }
    }

    private static string FormatShape(int[] shape) => $"[{string.Join(", ", shape)}]";

    private sealed record SavedParameter(int[] Shape, float[] Values);

    private sealed record Contents(string Description, Dictionary<string, SavedParameter> Parameters, List<string> Order);
}
