using System.ComponentModel;
using System.Reflection;
using DynPmnn.Neurons;

namespace DynPmnn.Tests.Packaging;

/// <summary>
/// The DynPmnn package holds the user's vocabulary: no experiment machinery, no plotting, and the plumbing generated code
/// needs only in <c>DynPmnn.CompilerServices</c>, hidden from completion. ONNX export lives in its own package, so the
/// core never brings Protocol Buffers or ONNX Runtime's native libraries to a user who does not export.
/// </summary>
public sealed class PublicApiTests
{
    private const string Plumbing = "DynPmnn.CompilerServices";

    private static readonly Type[] Exported = typeof(INeuron<>).Assembly.GetExportedTypes();

    [Fact]
    public void TheCorePackageExportsNoExperimentOrPlotType()
    {
        var offending = Exported
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("DynPmnn.Experiments", StringComparison.Ordinal) || ns.Contains("Reporting", StringComparison.Ordinal) || ns.Contains("Plot", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToArray();
        Assert.Empty(offending);
        Assert.DoesNotContain(Exported, t => t.Name.Contains("Preset", StringComparison.Ordinal) || t.Name.Contains("Plot", StringComparison.Ordinal) || t.Name.Contains("Png", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryPlumbingTypeIsHiddenAndOnlyPlumbingIsHidden()
    {
        var plumbing = Exported.Where(t => t.Namespace == Plumbing).ToArray();
        Assert.NotEmpty(plumbing);
        foreach (var type in Exported)
        {
            var hidden = type.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never;
            if (type.Namespace == Plumbing)
            {
                Assert.True(hidden, $"{type.FullName} is generated-code plumbing but not marked [EditorBrowsable(Never)].");
            }
            else
            {
                Assert.False(hidden, $"{type.FullName} is hidden from completion but lives outside {Plumbing}.");
            }
        }
    }

    [Fact]
    public void TheLaneTypesSchemeMarkersAndBufferHelpersAreThePlumbing()
    {
        string[] expected = ["EulerScheme", "F32x1", "F32x16", "F32x4", "F32x8", "F64x1", "HeunScheme", "ILaneStorage`2", "ILanes`1", "NeuronBuffers", "RungeKutta4Scheme"];
        Assert.Equal(expected, Exported.Where(t => t.Namespace == Plumbing).Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheCorePackageNeedsNeitherProtobufNorOnnxRuntime()
    {
        var references = typeof(INeuron<>).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(references, name => name.StartsWith("Google.Protobuf", StringComparison.Ordinal) || name.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal));
    }

    [Fact]
    public void TheOnnxPackageExportsItsExporterAndRunnerButNotTheOnnxSchemaClasses()
    {
        var exported = typeof(DynPmnn.Onnx.OnnxExporter).Assembly.GetExportedTypes();
        Assert.Equal(["OnnxExportException", "OnnxExporter", "OnnxMetadata", "OnnxModel"], exported.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(exported, t => Assert.Equal("DynPmnn.Onnx", t.Namespace));
    }

    [Fact]
    public void PublicNamespacesAreTheUsersVocabulary()
    {
        string[] allowed = ["DynPmnn", Plumbing, "DynPmnn.Data", "DynPmnn.Dynamics", "DynPmnn.IO", "DynPmnn.Layers", "DynPmnn.Metrics", "DynPmnn.Models", "DynPmnn.Neurons", "DynPmnn.Neurons.Zoo", "DynPmnn.Serialization", "DynPmnn.Stability", "DynPmnn.Training", "DynPmnn.Trees"];
        var unexpected = Exported.Select(t => t.Namespace!).Distinct().Where(ns => !allowed.Contains(ns)).ToArray();
        Assert.Empty(unexpected);
    }
}
