using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using DynPmnn.Layers;
using DynPmnn.Serialization;

namespace DynPmnn.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private static readonly Dictionary<string, string> Metadata = new()
    {
        ["dynpmnn.model"] = "{\"kind\":\"dynPmnn\"}",
        ["note"] = "Ünïcode and \"quotes\" survive",
    };

    private readonly string directory = Path.Combine(Path.GetTempPath(), "dynpmnn-tests-" + Guid.NewGuid().ToString("N"));

    public ModelFileTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void RoundTripIsExact()
    {
        var saved = Network(seed: 1);
        var path = Path.Combine(directory, "model.safetensors");
        ModelFile.Save(path, Metadata, saved.Parameters);

        var loaded = Network(seed: 2);
        Assert.NotEqual(Values(saved), Values(loaded));
        Assert.Equal(Metadata, ModelFile.Load(path, loaded.Parameters));
        Assert.Equal(Values(saved), Values(loaded));
        Assert.Equal(["model.safetensors"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    /// <summary>
    /// A reader written from the safetensors description alone (not this library's code) sees the same tensors, so Python's
    /// <c>safetensors.numpy.load_file</c> or a few lines of numpy read the weights.
    /// </summary>
    [Fact]
    public void AnIndependentSafetensorsReaderSeesEveryTensor()
    {
        var network = Network(seed: 1);
        var bytes = SavedBytes();
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var dataStart = 8 + headerLength;
        var names = new List<string>();
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                Assert.Equal("Ünïcode and \"quotes\" survive", entry.Value.GetProperty("note").GetString());
                Assert.Matches("^[0-9a-f]{64}$", entry.Value.GetProperty("dynpmnn.sha256").GetString());
                continue;
            }

            names.Add(entry.Name);
            Assert.Equal("F32", entry.Value.GetProperty("dtype").GetString());
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt32()).ToArray();
            var values = new float[(offsets[1] - offsets[0]) / 4];
            Buffer.BlockCopy(bytes, dataStart + offsets[0], values, 0, values.Length * 4);
            var parameter = network.Parameters.Single(p => p.Name == entry.Name);
            Assert.Equal(parameter.Shape, shape);
            Assert.Equal(parameter.Value, values);
        }

        Assert.Equal(network.Parameters.Select(p => p.Name), names);
        Assert.Equal(["0.weight", "0.bias", "1.gamma", "1.beta", "3.weight", "3.bias"], names);
    }

    [Fact]
    public void AFlippedWeightByteIsCaughtByTheChecksum()
    {
        var bytes = SavedBytes();
        bytes[^3] ^= 0x40;
        Assert.Contains("is corrupt: the SHA-256 of its tensor bytes", Reject(bytes));
    }

    [Fact]
    public void ATruncatedFileIsRejected()
    {
        var bytes = SavedBytes();
        Assert.Contains("truncated: its tensors need", Reject(bytes[..^10]));
        Assert.Contains("truncated: its header announces", Reject(bytes[..40]));
        Assert.Contains("fewer than the 8-byte header length", Reject(bytes[..4]));
    }

    [Fact]
    public void AbsurdSizesAndForeignFilesAreRejectedWithoutAllocating()
    {
        var bytes = SavedBytes();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue / 2);
        Assert.Contains("announce a 9223372036854775807-byte header", Reject(bytes));
        Assert.Contains("not a model file", Reject("{\"not\": \"a model\"}"u8.ToArray()));
    }

    [Fact]
    public void AHeaderWithAnAbsurdShapeIsRejected()
    {
        var message = Reject(Handmade("""{"__metadata__":{"dynpmnn.sha256":"00"},"w":{"dtype":"F32","shape":[100000,100000],"data_offsets":[0,4]}}""", 4));
        Assert.Contains("tensor 'w' has shape [100000,100000], too large for one tensor", message);
        message = Reject(Handmade("""{"w":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}""", 8));
        Assert.Contains("dtype \"F64\"", message);
        message = Reject(Handmade("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", 4));
        Assert.Contains("needs 8 bytes but its offsets give 4", message);
        message = Reject(Handmade("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8));
        Assert.Contains("starts at byte 4 of the data but the tensors before it end at 0", message);
        message = Reject(Handmade("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 4));
        Assert.Contains("no 'dynpmnn.sha256' entry", message);
        message = Reject(Handmade("""{"w": [1, 2""", 0));
        Assert.Contains("not valid JSON", message);
    }

    [Fact]
    public void TheOldBinaryFormatIsRefusedWithWhatToDo()
    {
        var message = Reject([.. "DYNPMNN\x1A"u8, 1, 0, 0, 0]);
        Assert.Contains("binary format of DynPmnn 0.1", message);
        Assert.Contains("dynpmnn train ... --save", message);
    }

    [Fact]
    public void ADirectoryIsNamedAsSuch()
    {
        var message = Assert.Throws<ModelFormatException>(() => ModelFile.Read(directory)).Message;
        Assert.Contains("is a directory, not a model file", message);
    }

    [Fact]
    public void AShapeMismatchNamesTheParameter()
    {
        var other = new Sequential<float>(new Dense<float>(8, 3, new Random(1)), new LayerNorm<float>(3), new SiLU<float>(3), new Dense<float>(3, 1, new Random(1)));
        var message = Assert.Throws<ModelFormatException>(() => Contents().CopyTo(other.Parameters)).Message;
        Assert.Contains("parameter '0.weight' has shape [2, 8] in the file but [3, 8] in the network", message);
        Assert.Contains("'1.gamma'", message);
    }

    [Fact]
    public void MissingAndExtraParametersAreNamed()
    {
        var smaller = new Sequential<float>(new Dense<float>(8, 2), new LayerNorm<float>(2));
        var message = Assert.Throws<ModelFormatException>(() => Contents().CopyTo(smaller.Parameters)).Message;
        Assert.Contains("the file has tensor '3.weight' [1, 2], which the network does not have", message);

        var larger = new Sequential<float>(new Dense<float>(8, 2), new LayerNorm<float>(2), new SiLU<float>(2), new Dense<float>(2, 1), new Dense<float>(1, 1));
        message = Assert.Throws<ModelFormatException>(() => Contents().CopyTo(larger.Parameters)).Message;
        Assert.Contains("parameter '4.weight' [1, 1] is missing from the file", message);
    }

    [Fact]
    public void ARejectedLoadChangesNothing()
    {
        var network = Network(seed: 3);
        var before = Values(network);
        var larger = new Sequential<float>(new Dense<float>(8, 2), new LayerNorm<float>(2), new SiLU<float>(2), new Dense<float>(2, 1), new Dense<float>(1, 1));
        Assert.Throws<ModelFormatException>(() => Contents().CopyTo(larger.Parameters));
        var bytes = SavedBytes();
        bytes[^1] ^= 1;
        Assert.Throws<ModelFormatException>(() => ModelFile.Read(bytes).CopyTo(network.Parameters));
        Assert.Equal(before, Values(network));
    }

    [Fact]
    public void AFailedSaveLeavesThePreviousFileAndNoTemporaryFile()
    {
        var path = Path.Combine(directory, "model.safetensors");
        ModelFile.Save(path, Metadata, Network(seed: 1).Parameters);
        var previous = File.ReadAllBytes(path);

        var weight = new Parameter<float>("weight", 3);
        Assert.Throws<ArgumentException>(() => ModelFile.Save(path, Metadata, [weight, new Parameter<float>("bias", 1), weight]));
        Assert.Throws<ArgumentException>(() => ModelFile.Save(path, new Dictionary<string, string> { [ModelFile.ChecksumKey] = "x" }, [weight]));
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], Directory.GetFiles(directory).Select(Path.GetFileName));

        // The final move fails when the target is a directory; the temporary file must still go.
        var blocked = Path.Combine(directory, "blocked");
        Directory.CreateDirectory(blocked);
        Assert.ThrowsAny<IOException>(() => ModelFile.Save(blocked, Metadata, Network(seed: 1).Parameters));
        Assert.Equal(["model.safetensors"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    private static Sequential<float> Network(int seed)
    {
        var random = new Random(seed);
        var network = new Sequential<float>(new Dense<float>(8, 2, random), new LayerNorm<float>(2), new SiLU<float>(2), new Dense<float>(2, 1, random));
        ((LayerNorm<float>)network.Layers[1]).Gamma.Value[1] = seed;
        return network;
    }

    private static float[] Values(Sequential<float> network) => [.. network.Parameters.SelectMany(p => p.Value)];

    private static byte[] SavedBytes()
    {
        using var stream = new MemoryStream();
        ModelFile.Write(stream, Metadata, Network(seed: 1).Parameters);
        return stream.ToArray();
    }

    private static ModelFileContents Contents() => ModelFile.Read(SavedBytes());

    /// <summary>A file with the given header text followed by <paramref name="dataBytes"/> zero bytes.</summary>
    private static byte[] Handmade(string header, int dataBytes)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    private static string Reject(byte[] bytes) => Assert.Throws<ModelFormatException>(() => ModelFile.Read(bytes)).Message;
}
