using DynPmnn.Layers;
using DynPmnn.Serialization;

namespace DynPmnn.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private const string Description = "Sequential(Dense(8 → 2), LayerNorm(2), SiLU(2), Dense(2 → 1))";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "dynpmnn-tests-" + Guid.NewGuid().ToString("N"));

    public ModelFileTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void RoundTripIsExact()
    {
        var saved = Network(seed: 1);
        var path = Path.Combine(directory, "model.dpmnn");
        ModelFile.Save(path, Description, saved.Parameters);

        var loaded = Network(seed: 2);
        Assert.NotEqual(Values(saved), Values(loaded));
        Assert.Equal(Description, ModelFile.Load(path, loaded.Parameters));
        Assert.Equal(Values(saved), Values(loaded));
        Assert.Equal(Description, ModelFile.ReadDescription(path));
        Assert.Equal(["model.dpmnn"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void AFlippedByteIsCaughtByTheChecksum()
    {
        var bytes = SavedBytes();
        bytes[bytes.Length / 2] ^= 0x40;
        Assert.Contains("checksum", Reject(bytes));
    }

    [Fact]
    public void ATruncatedFileIsRejected()
    {
        var bytes = SavedBytes();
        Assert.Contains("truncated", Reject(bytes[..^10]));
        Assert.Contains("truncated", Reject(bytes[..15]));
        Assert.Contains("truncated", Reject(bytes[..4]));
    }

    [Fact]
    public void WrongMagicIsRejected()
    {
        var bytes = SavedBytes();
        bytes[0] = (byte)'X';
        Assert.Contains("magic bytes", Reject(bytes));
        Assert.Contains("magic bytes", Reject("{\"not\": \"a model\"}"u8.ToArray()));
    }

    [Fact]
    public void AnUnknownVersionIsRejected()
    {
        var bytes = SavedBytes();
        bytes[8] = 2;
        var message = Reject(bytes);
        Assert.Contains("format version 2", message);
        Assert.Contains("version 1 only", message);
    }

    [Fact]
    public void AShapeMismatchNamesTheParameter()
    {
        var other = new Sequential<float>(new Dense<float>(8, 3, new Random(1)), new LayerNorm<float>(3), new SiLU<float>(3), new Dense<float>(3, 1, new Random(1)));
        var message = Assert.Throws<ModelFormatException>(() => ModelFile.Load(SavedBytes(), other.Parameters)).Message;
        Assert.Contains("parameter '0.weight' has shape [2, 8] in the file but [3, 8] in the network", message);
        Assert.Contains("'1.gamma'", message);
        Assert.Contains(Description, message);
    }

    [Fact]
    public void MissingAndExtraParametersAreNamed()
    {
        var smaller = new Sequential<float>(new Dense<float>(8, 2), new LayerNorm<float>(2));
        var message = Assert.Throws<ModelFormatException>(() => ModelFile.Load(SavedBytes(), smaller.Parameters)).Message;
        Assert.Contains("the file has parameter '3.weight' [1, 2], which the network does not have", message);

        var larger = new Sequential<float>(new Dense<float>(8, 2), new LayerNorm<float>(2), new SiLU<float>(2), new Dense<float>(2, 1), new Dense<float>(1, 1));
        message = Assert.Throws<ModelFormatException>(() => ModelFile.Load(SavedBytes(), larger.Parameters)).Message;
        Assert.Contains("parameter '4.weight' [1, 1] is missing from the file", message);
    }

    [Fact]
    public void ARejectedLoadChangesNothing()
    {
        var network = Network(seed: 3);
        var before = Values(network);
        var bytes = SavedBytes();
        bytes[^40] ^= 1;
        Assert.Throws<ModelFormatException>(() => ModelFile.Load(bytes, network.Parameters));
        Assert.Equal(before, Values(network));
    }

    [Fact]
    public void AFailedSaveLeavesThePreviousFileAndNoTemporaryFile()
    {
        var path = Path.Combine(directory, "model.dpmnn");
        ModelFile.Save(path, Description, Network(seed: 1).Parameters);
        var previous = File.ReadAllBytes(path);

        var weight = new Parameter<float>("weight", 3);
        Assert.Throws<ArgumentException>(() => ModelFile.Save(path, "broken", [weight, new Parameter<float>("bias", 1), weight]));
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal(["model.dpmnn"], Directory.GetFiles(directory).Select(Path.GetFileName));

        // The final move fails when the target is a directory; the temporary file must still go.
        var blocked = Path.Combine(directory, "blocked");
        Directory.CreateDirectory(blocked);
        Assert.ThrowsAny<IOException>(() => ModelFile.Save(blocked, Description, Network(seed: 1).Parameters));
        Assert.Equal(["model.dpmnn"], Directory.GetFiles(directory).Select(Path.GetFileName));
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
        ModelFile.Write(stream, Description, Network(seed: 1).Parameters);
        return stream.ToArray();
    }

    private static string Reject(byte[] bytes)
        => Assert.Throws<ModelFormatException>(() => ModelFile.Load(bytes, Network(seed: 1).Parameters)).Message;
}
