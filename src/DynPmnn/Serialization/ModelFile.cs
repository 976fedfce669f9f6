using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DynPmnn.IO;
using DynPmnn.Layers;

namespace DynPmnn.Serialization;

/// <summary>
/// Saves and loads a network's parameters in the safetensors layout, so that Python reads the weights with the
/// <c>safetensors</c> package or a few lines of numpy, and everything else a tool needs (the architecture, the task, the
/// scaler, names, provenance) travels in the header's <c>__metadata__</c> map of strings.
/// </summary>
/// <remarks>
/// Layout: an unsigned 64-bit little-endian header length <c>N</c>, <c>N</c> bytes of UTF-8 JSON (padded with spaces to a
/// multiple of 8 so the tensors that follow are aligned), then the tensors' bytes back to back. The header maps each
/// tensor name to <c>{"dtype":"F32","shape":[...],"data_offsets":[begin,end]}</c>, offsets relative to the start of the
/// tensor bytes, which the tensors cover exactly, with no gap or overlap. The metadata holds <see cref="ChecksumKey"/>, the
/// SHA-256 of the tensor bytes, so a damaged file is refused rather than loaded with wrong weights. Files are written
/// atomically (<see cref="AtomicFile"/>).
/// </remarks>
public static class ModelFile
{
    /// <summary>The metadata entry holding the SHA-256 (hex) of the tensor bytes.</summary>
    public const string ChecksumKey = "dynpmnn.sha256";

    /// <summary>Headers larger than this are refused before anything is allocated for them.</summary>
    public const int MaximumHeaderLength = 64 << 20;

    private const string MetadataKey = "__metadata__";

    private static ReadOnlySpan<byte> LegacyMagic => "DYNPMNN\x1A"u8;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes the file atomically: to a temporary file in the same directory, flushed to disk, then moved over
    /// <paramref name="path"/>. On any failure the previous file at <paramref name="path"/> (if any) is left as it was.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<Parameter<float>> parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var file = AtomicFile.Create(path);
        Write(file.Stream, metadata, parameters);
        file.Commit();
    }

    /// <summary>Writes the whole file to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<Parameter<float>> parameters)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(parameters);
        if (metadata.ContainsKey(ChecksumKey))
        {
            throw new ArgumentException($"The metadata key '{ChecksumKey}' is reserved for the checksum the file writer adds.", nameof(metadata));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        long length = 0;
        foreach (var parameter in parameters)
        {
            if (parameter.Name == MetadataKey || !names.Add(parameter.Name))
            {
                throw new ArgumentException($"Two parameters are named '{parameter.Name}' (or one is named {MetadataKey}); names must be unique to be loaded back.", nameof(parameters));
            }

            length += parameter.Length * (long)sizeof(float);
        }

        var data = new byte[length];
        var offset = 0;
        foreach (var parameter in parameters)
        {
            var bytes = data.AsSpan(offset, parameter.Length * sizeof(float));
            for (var i = 0; i < parameter.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes[(i * sizeof(float))..], parameter.Value[i]);
            }

            offset += bytes.Length;
        }

        var header = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(header, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject(MetadataKey);
            foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteString(ChecksumKey, Convert.ToHexStringLower(SHA256.HashData(data)));
            json.WriteEndObject();
            long begin = 0;
            foreach (var parameter in parameters)
            {
                var end = begin + parameter.Length * (long)sizeof(float);
                json.WriteStartObject(parameter.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (var dimension in parameter.Shape)
                {
                    json.WriteNumberValue(dimension);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(begin);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                begin = end;
            }

            json.WriteEndObject();
        }

        // Pad with spaces (valid JSON whitespace) so the tensors start on an 8-byte boundary, as safetensors recommends.
        var headerLength = (header.WrittenCount + 7) / 8 * 8;
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)headerLength);
        stream.Write(prefix);
        stream.Write(header.WrittenSpan);
        for (var i = header.WrittenCount; i < headerLength; i++)
        {
            stream.WriteByte((byte)' ');
        }

        stream.Write(data);
    }

    /// <summary>Reads and checks a whole file: its metadata and every tensor.</summary>
    /// <exception cref="ModelFormatException">The file is not a valid model file; the message says what is wrong.</exception>
    public static ModelFileContents Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new ModelFormatException($"{path} is a directory, not a model file.");
        }

        return Read(File.ReadAllBytes(path), path);
    }

    /// <summary>Like <see cref="Read(string)"/>, from the file's bytes; <paramref name="source"/> names it in messages.</summary>
    public static ModelFileContents Read(ReadOnlySpan<byte> file, string source = "model file")
    {
        if (file.StartsWith(LegacyMagic))
        {
            throw new ModelFormatException(
                $"{source} is in the binary format of DynPmnn 0.1, which holds weights without the task, scaler and feature names "
                + "a prediction needs. Train the model again and save it with this version (dynpmnn train ... --save FILE).");
        }

        if (file.Length < 8)
        {
            throw new ModelFormatException($"{source} is not a model file: it has {file.Length} bytes, fewer than the 8-byte header length.");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaximumHeaderLength || headerLength > (ulong)(file.Length - 8))
        {
            throw new ModelFormatException(
                headerLength > (ulong)(file.Length - 8) && headerLength <= MaximumHeaderLength
                    ? $"{source} is truncated: its header announces {headerLength} bytes of JSON but only {file.Length - 8} bytes follow."
                    : $"{source} is not a model file in the safetensors layout: its first 8 bytes announce a {headerLength}-byte header.");
        }

        var data = file[(8 + (int)headerLength)..];
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var tensors = new List<SavedTensor>();
        try
        {
            using var document = JsonDocument.Parse(file.Slice(8, (int)headerLength).ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFormatException($"{source}: the header is JSON but not an object.");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (!names.Add(entry.Name))
                {
                    throw new ModelFormatException($"{source}: the header names '{entry.Name}' twice.");
                }

                if (entry.Name == MetadataKey)
                {
                    ReadMetadata(entry.Value, metadata, source);
                }
                else
                {
                    tensors.Add(ReadTensorEntry(entry.Name, entry.Value, source));
                }
            }
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{source}: the header is not valid JSON ({e.Message}).", e);
        }

        CheckOffsets(tensors, data.Length, source);
        if (!metadata.TryGetValue(ChecksumKey, out var expected))
        {
            throw new ModelFormatException($"{source} has no '{ChecksumKey}' entry in its metadata, so its weights cannot be checked; it was not written by DynPmnn.");
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(data));
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelFormatException($"{source} is corrupt: the SHA-256 of its tensor bytes is {actual}, its metadata says {expected}.");
        }

        var values = new Dictionary<string, ModelTensor>(StringComparer.Ordinal);
        foreach (var tensor in tensors)
        {
            var bytes = data[(int)tensor.Begin..(int)tensor.End];
            var array = new float[bytes.Length / sizeof(float)];
            for (var i = 0; i < array.Length; i++)
            {
                array[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
            }

            values.Add(tensor.Name, new ModelTensor(tensor.Name, tensor.Shape, array));
        }

        metadata.Remove(ChecksumKey);
        return new ModelFileContents(metadata, [.. tensors.Select(t => values[t.Name])]);
    }

    /// <summary>
    /// Loads the parameters saved at <paramref name="path"/> into <paramref name="parameters"/>, matched by name, and
    /// returns the file's metadata. Nothing is changed unless the whole file is valid and matches the network.
    /// </summary>
    /// <exception cref="ModelFormatException">The file is not a model file, is damaged, or does not match the network.</exception>
    public static IReadOnlyDictionary<string, string> Load(string path, IReadOnlyList<Parameter<float>> parameters)
    {
        var contents = Read(path);
        contents.CopyTo(parameters, path);
        return contents.Metadata;
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFormatException($"{source}: {MetadataKey} is not an object of strings.");
        }

        foreach (var item in element.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new ModelFormatException($"{source}: metadata entry '{item.Name}' is a {item.Value.ValueKind}, not a string (safetensors metadata maps strings to strings).");
            }

            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw new ModelFormatException($"{source}: metadata entry '{item.Name}' appears twice.");
            }
        }
    }

    private static SavedTensor ReadTensorEntry(string name, JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("dtype", out var dtype)
            || !element.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !element.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            throw new ModelFormatException($"{source}: tensor '{name}' needs \"dtype\", \"shape\" and two \"data_offsets\".");
        }

        if (dtype.ValueKind != JsonValueKind.String || dtype.GetString() != "F32")
        {
            throw new ModelFormatException($"{source}: tensor '{name}' has dtype {dtype.GetRawText()}; DynPmnn models hold F32 tensors only.");
        }

        var shape = new int[shapeElement.GetArrayLength()];
        long count = 1;
        var d = 0;
        foreach (var dimension in shapeElement.EnumerateArray())
        {
            if (!dimension.TryGetInt32(out shape[d]) || shape[d] <= 0)
            {
                throw new ModelFormatException($"{source}: tensor '{name}' has shape {shapeElement}, which is not a list of positive sizes.");
            }

            count *= shape[d++];
            if (count > int.MaxValue / sizeof(float))
            {
                throw new ModelFormatException($"{source}: tensor '{name}' has shape {shapeElement}, too large for one tensor.");
            }
        }

        if (shape.Length == 0)
        {
            throw new ModelFormatException($"{source}: tensor '{name}' has an empty shape.");
        }

        var bounds = offsets.EnumerateArray().ToArray();
        if (!bounds[0].TryGetInt64(out var begin) || !bounds[1].TryGetInt64(out var end) || begin < 0 || end < begin)
        {
            throw new ModelFormatException($"{source}: tensor '{name}' has data_offsets {offsets}, which are not an ordered pair of byte offsets.");
        }

        if (end - begin != count * sizeof(float))
        {
            throw new ModelFormatException($"{source}: tensor '{name}' of shape [{string.Join(", ", shape)}] needs {count * sizeof(float)} bytes but its offsets give {end - begin}.");
        }

        return new SavedTensor(name, shape, begin, end);
    }

    private static void CheckOffsets(List<SavedTensor> tensors, int dataLength, string source)
    {
        long position = 0;
        foreach (var tensor in tensors.OrderBy(t => t.Begin))
        {
            if (tensor.Begin != position)
            {
                throw new ModelFormatException(
                    $"{source}: tensor '{tensor.Name}' starts at byte {tensor.Begin} of the data but the tensors before it end at {position} (a gap or an overlap).");
            }

            position = tensor.End;
        }

        if (position != dataLength)
        {
            throw new ModelFormatException(
                position > dataLength
                    ? $"{source} is truncated: its tensors need {position} bytes of data but the file holds {dataLength}."
                    : $"{source} has {dataLength - position} bytes after its last tensor.");
        }
    }

    private sealed record SavedTensor(string Name, int[] Shape, long Begin, long End);
}
