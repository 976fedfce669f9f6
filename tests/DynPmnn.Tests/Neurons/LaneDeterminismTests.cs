using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DynPmnn.Neurons;
using DynPmnn.Neurons.Zoo;

namespace DynPmnn.Tests.Neurons;

/// <summary>
/// A row's result must not depend on where it falls in a batch (a 16-, 8- or 4-lane vector, or the scalar tail) nor on
/// the instruction sets of the machine: every width fuses its multiply-adds, in hardware or in a correctly rounded
/// fallback. Child processes run the same batch with AVX-512, then AVX2 and FMA, then every vector instruction turned
/// off, and must print the same bits for every row.
/// </summary>
/// <remarks>
/// The neuron is FitzHugh–Nagumo, a polynomial: exp, tanh and the like are computed by different implementations in
/// the vector lanes and the scalar tail, which this test does not cover. .NET 10 reads DOTNET_EnableAVX512 and
/// DOTNET_EnableAVX2 (which also turns FMA off); the older DOTNET_EnableAVX512F and DOTNET_EnableFMA are set as well.
/// </remarks>
public sealed class LaneDeterminismTests
{
    private static readonly (string Name, Dictionary<string, string> Environment)[] Configurations =
    [
        ("default", new()),
        ("without AVX-512", new() { ["DOTNET_EnableAVX512"] = "0", ["DOTNET_EnableAVX512F"] = "0" }),
        ("without AVX2 and FMA", new() { ["DOTNET_EnableAVX512"] = "0", ["DOTNET_EnableAVX512F"] = "0", ["DOTNET_EnableAVX2"] = "0", ["DOTNET_EnableFMA"] = "0" }),
        ("without vector instructions", new() { ["DOTNET_EnableHWIntrinsic"] = "0" }),
    ];

    [Fact]
    public void EveryRowOfABatchHasTheSameBitsInThisProcess()
    {
        using var output = new StringWriter();
        LaneBits.Print(output);
        LaneBits.AssertRowsAgree(output.ToString(), "this process");
    }

    [Fact]
    public void EveryRowHasTheSameBitsWhateverInstructionSetsAreTurnedOff()
    {
        var runs = Configurations.Select(c => (c.Name, Output: Run(c.Environment))).ToArray();
        foreach (var (name, output) in runs)
        {
            LaneBits.AssertRowsAgree(output, name);
        }

        var reference = LaneBits.Results(runs[0].Output);
        foreach (var (name, output) in runs.Skip(1))
        {
            Assert.True(reference == LaneBits.Results(output), $"{name} gives other bits than {runs[0].Name}:\n{output}\n{runs[0].Output}");
        }

        // The configurations really differ, or the test would prove nothing.
        Assert.Contains("fma=False", runs[2].Output, StringComparison.Ordinal);
        Assert.Contains("v128=False", runs[3].Output, StringComparison.Ordinal);
    }

    private static string Run(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(LaneBits).Assembly.Location);
        start.ArgumentList.Add("lane-bits");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the child process did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"the child process failed ({process.ExitCode}): {error.Result}");
        return output.Result;
    }
}

/// <summary>The bits of a batch of identical FitzHugh–Nagumo neurons after every integrator, forward and backward.</summary>
internal static class LaneBits
{
    /// <summary>Two 16-lane vectors, a 4-lane one and a scalar tail, or other splits on narrower machines.</summary>
    private const int Count = 37;

    public static int Print(TextWriter output)
    {
        output.WriteLine($"isa avx512={Avx512F.IsSupported} avx2={Avx2.IsSupported} fma={Fma.IsSupported} v512={Vector512.IsHardwareAccelerated} v256={Vector256.IsHardwareAccelerated} v128={Vector128.IsHardwareAccelerated}");
        foreach (var scheme in Enum.GetValues<Integrator>())
        {
            Run<FitzHughNagumo>(scheme, output);
        }

        return 0;
    }

    /// <summary>Each line but the first: a label, then one value's bits per row; every row must match the first.</summary>
    public static void AssertRowsAgree(string output, string configuration)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var fields = line.Trim().Split(' ');
            Assert.True(fields.Skip(2).All(f => f == fields[1]), $"{configuration}: rows of '{fields[0]}' differ: {line}");
        }
    }

    /// <summary>Everything but the instruction-set line.</summary>
    public static string Results(string output) => string.Join("\n", output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Trim()));

    private static void Run<TNeuron>(Integrator scheme, TextWriter output)
        where TNeuron : INeuron<TNeuron>
    {
        var n = TNeuron.StateCount;
        var initial = new float[n * Count];
        for (var s = 0; s < n; s++)
        {
            Array.Fill(initial, 0.3f - (0.5f * s), s * Count, Count);
        }

        var parameters = TNeuron.Descriptor.ParameterDefaults.Select(d => (float)d).ToArray();
        var inputs = new float[TNeuron.InputCount * Count];
        Array.Fill(inputs, 0.25f);

        var states = (float[])initial.Clone();
        TNeuron.Integrate(scheme, 0.1f, 20, Count, states, parameters, inputs);
        Write(output, $"{scheme}.states", states, n);

        var adjoint = new float[n * Count];
        Array.Fill(adjoint, 1f);
        var parameterGradient = new float[parameters.Length];
        var inputGradient = new float[inputs.Length];
        TNeuron.Backpropagate(scheme, 0.1f, 20, Count, initial, parameters, inputs, adjoint, parameterGradient, inputGradient);
        Write(output, $"{scheme}.adjoints", adjoint, n);
        Write(output, $"{scheme}.inputGradients", inputGradient, TNeuron.InputCount);
    }

    private static void Write(TextWriter output, string label, float[] values, int rows)
    {
        for (var r = 0; r < rows; r++)
        {
            var bits = Enumerable.Range(0, Count).Select(i => BitConverter.SingleToInt32Bits(values[(r * Count) + i]).ToString("X8", CultureInfo.InvariantCulture));
            output.WriteLine($"{label}[{r}] {string.Join(' ', bits)}");
        }
    }
}
