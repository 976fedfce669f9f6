using System.Diagnostics;
using System.Text.Json;
using DynPmnn.Data;
using DynPmnn.Dynamics;
using DynPmnn.Layers;
using DynPmnn.Models;
using DynPmnn.Tests.Data;

namespace DynPmnn.Tests.Cli;

/// <summary><c>dynpmnn trace</c> as a user runs it, on small models trained here: figures, numbers that are the forward pass's, and clear errors.</summary>
public sealed class TraceCommandTests(TraceCommandTests.Models models) : IClassFixture<TraceCommandTests.Models>
{
    private static string DataFolder => TestData.SharedDataDirectory;

    private static string TestAssembly => Path.Combine(AppContext.BaseDirectory, "DynPmnn.Tests.dll");

    [Fact]
    public async Task TracesAClassifierWithFiguresAndTheForwardPasssNumbers()
    {
        var output = Path.Combine(models.Scratch, "iris-trace");
        var run = Run("trace", models.Iris, "--data-dir", DataFolder, "--rows", "0,60,120", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("layer 3: Ode<DynPmnn.Neurons.Zoo.FitzHughNagumo>(1 units, Euler, dt 5, 2 steps), rows 0, 60, 120 of iris", run.Output, StringComparison.Ordinal);
        // The paper's block trains no dynamical parameter, so the neuron keeps its defaults and its resting focus.
        Assert.Contains("unit 0: A 0.2, B 0.02, G 3; fixed points: (0, 0) stable focus, λ = -0.13+0.123i, -0.13−0.123i", run.Output, StringComparison.Ordinal);
        foreach (var file in new[] { "unit0-V.png", "unit0-W.png", "unit0-phase.png", "unit0-endpoints.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(output, file));
            Assert.True(bytes.Length > 10_000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', file);
        }

        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "trace.json")));
        var root = json.RootElement;
        Assert.Equal(150, root.GetProperty("dataRows").GetInt32());
        Assert.Equal([0, 60, 120], root.GetProperty("tracedRows").EnumerateArray().Select(e => e.GetInt32()));
        var unit = root.GetProperty("units")[0];

        // Every traced step is the state the network's own forward pass computes, bit for bit.
        var model = TrainedModel.Load(models.Iris);
        var raw = await new DataLocator { DataDirectory = DataFolder }.LoadAsync(BuiltInDatasets.Find("iris"));
        var input = LayerInputs.Of(model.Network, 3, model.FeatureScaler.Transform(raw.Features), raw.Rows);
        foreach (var (row, position) in new[] { (0, 0), (60, 1), (120, 2) })
        {
            var steps = unit.GetProperty("rows")[position].GetProperty("steps");
            Assert.Equal(3, steps.GetArrayLength());
            for (var k = 1; k <= 2; k++)
            {
                var layer = new OdeLayer<DynPmnn.Neurons.Zoo.FitzHughNagumo, float>(((IOdeLayer)model.Network.Layers[3]).Options with { Steps = k });
                var states = new float[2];
                layer.Forward(input.AsSpan(row * 2, 2), states, 1);
                Assert.Equal(states[0], (float)steps[k][0].GetDouble());
                Assert.Equal(states[1], (float)steps[k][1].GetDouble());
            }

            var reference = unit.GetProperty("rows")[position].GetProperty("reference");
            Assert.True(reference.GetProperty("agreement").GetDouble() <= 1e-6);
        }

        // The nullclines' points satisfy dV/dt = −V(V − a)(V − 1) − W = 0 and dW/dt = b(V − g W) = 0 to the stated
        // tolerance, with the layer's parameters (in float, as it computes: a is 0.2f, not 0.2).
        var portrait = unit.GetProperty("portrait");
        var (a, b, g) = (Parameter(unit, "A"), Parameter(unit, "B"), Parameter(unit, "G"));
        Assert.Equal(0.2f, a);
        var tolerance = portrait.GetProperty("nullclineTolerance").GetDouble();
        var nullclines = portrait.GetProperty("nullclines");
        Assert.Equal("V", nullclines[0].GetProperty("state").GetString());
        foreach (var (index, rightHandSide) in new (int, Func<double, double, double>)[] { (0, (v, w) => -(v * (v - a) * (v - 1)) - w), (1, (v, w) => b * (v - (g * w))) })
        {
            var points = 0;
            var scale = nullclines[index].GetProperty("scale").GetDouble();
            foreach (var curve in nullclines[index].GetProperty("curves").EnumerateArray())
            {
                var xs = curve.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                var ys = curve.GetProperty("y").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                for (var k = 0; k < xs.Length; k++, points++)
                {
                    Assert.True(Math.Abs(rightHandSide(xs[k], ys[k])) <= tolerance * scale, $"nullcline {index} at ({xs[k]}, {ys[k]})");
                }
            }

            Assert.True(points > 50, $"nullcline {index} has {points} points");
        }

        var focus = Assert.Single(portrait.GetProperty("fixedPoints").EnumerateArray());
        Assert.Equal("StableFocus", focus.GetProperty("type").GetString());
        // Its eigenvalues are (trace ± √(trace² − 4 det)) / 2 of the Jacobian [[−a, −1], [b, −b g]] at the origin.
        var (trace, determinant) = (-a - (b * g), (a * b * g) + b);
        var eigenvalues = focus.GetProperty("eigenvalues");
        Assert.True(Math.Abs((trace / 2) - eigenvalues[0].GetProperty("re").GetDouble()) < 1e-12);
        Assert.True(Math.Abs((Math.Sqrt((4 * determinant) - (trace * trace)) / 2) - Math.Abs(eigenvalues[0].GetProperty("im").GetDouble())) < 1e-12);
    }

    [Fact]
    public void TracesARegressionModelOnAFileOfRows()
    {
        var rows = Path.Combine(models.Scratch, "diabetes-rows.csv");
        var model = TrainedModel.Load(models.Diabetes);
        File.WriteAllLines(rows, [string.Join(",", model.Schema.EncodedFeatureNames), string.Join(",", Enumerable.Repeat("0.01", model.Schema.EncodedWidth)), string.Join(",", Enumerable.Repeat("-0.02", model.Schema.EncodedWidth))]);
        var output = Path.Combine(models.Scratch, "diabetes-trace");
        var run = Run("trace", models.Diabetes, "--data", rows, "--rows", "1", "--out", output, "--quiet");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"rows 1 of {rows}", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "unit0-phase.png")));
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "trace.json")));
        Assert.Equal(2, json.RootElement.GetProperty("dataRows").GetInt32());
    }

    [Fact]
    public void TracesAUsersNeuronFromItsAssembly()
    {
        var output = Path.Combine(models.Scratch, "user-trace");
        var run = Run("trace", models.UserNeuron, "--assembly", TestAssembly, "--data-dir", DataFolder, "--rows", "3", "--units", "1", "--plane", "Y,X", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("unit 1: Gain", run.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "trace.json")));
        var root = json.RootElement;
        Assert.Equal("DynPmnn.Tests.Neurons.GatedTanh", root.GetProperty("neuron").GetString());
        var portrait = root.GetProperty("units")[0].GetProperty("portrait");
        Assert.Equal(1, portrait.GetProperty("plane").GetProperty("xState").GetInt32());
        Assert.Equal("Y", portrait.GetProperty("nullclines")[0].GetProperty("state").GetString());
        Assert.True(File.Exists(Path.Combine(output, "unit1-X.png")) && File.Exists(Path.Combine(output, "unit1-phase.png")));

        var unregistered = Run("trace", models.UserNeuron, "--data-dir", DataFolder, "--out", output);
        Assert.Equal(1, unregistered.ExitCode);
        Assert.Contains("GatedTanh, which are not registered", unregistered.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadRequestsAreOneLineErrors()
    {
        var output = Path.Combine(models.Scratch, "bad");
        (string[] Arguments, int Code, string Message)[] cases =
        [
            (["--layer", "0"], 2, "--layer 0 is Dense(4 → 2), not an ODE layer; the model's ODE layers are 3."),
            (["--layer", "9"], 2, "--layer 9: the model has 5 layers (0 to 4); its ODE layers are 3."),
            (["--units", "0,1"], 2, "--units 1: layer 3 (Ode<DynPmnn.Neurons.Zoo.FitzHughNagumo>(1 units, Euler, dt 5, 2 steps)) has 1 unit (0 to 0)."),
            (["--rows", "2,150"], 2, "--rows 150: iris has 150 rows (0 to 149)."),
            (["--rows", "first"], 2, "--rows needs whole numbers from 0 separated by commas, not 'first'."),
            (["--plane", "V,Q"], 2, "--plane: DynPmnn.Neurons.Zoo.FitzHughNagumo has no state 'Q' (its states: V, W)."),
            (["--plane", "V"], 2, "--plane names two different states, such as V,W; got 'V'."),
        ];
        foreach (var (arguments, code, message) in cases)
        {
            var run = Run(["trace", models.Iris, "--data-dir", DataFolder, "--out", output, .. arguments]);
            Assert.True(code == run.ExitCode, $"{string.Join(' ', arguments)}: exit {run.ExitCode}, {run.Error}");
            Assert.Contains(message, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }

        var dnn = Run("trace", models.Dnn, "--data-dir", DataFolder, "--out", output);
        Assert.Equal(1, dnn.ExitCode);
        Assert.Contains("is a Dnn model (", dnn.Error, StringComparison.Ordinal);
        Assert.Contains("without an ODE layer of neurons: there are no neuron dynamics to trace.", dnn.Error, StringComparison.Ordinal);
        Assert.Single(dnn.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var noOut = Run("trace", models.Iris, "--data-dir", DataFolder);
        Assert.Equal(2, noOut.ExitCode);
        Assert.Contains("--out", noOut.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFiles(output).Any(), "a refused trace wrote files");
    }

    private static double Parameter(JsonElement unit, string name) =>
        unit.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("value").GetDouble();

    internal static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DynPmnn.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DYNPMNN_DATA_DIR"] = null;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Small models trained once for the class: the paper's block on Iris and Diabetes, a user's neuron, and a plain DNN.</summary>
    public sealed class Models : IDisposable
    {
        public Models()
        {
            Train(Iris, "--dataset", "iris");
            Train(Diabetes, "--dataset", "diabetes");
            Train(UserNeuron, "--dataset", "iris", "--assembly", TestAssembly, "--neuron", "GatedTanh", "--units", "2", "--states", "X,Y", "--inputs", "Drive");
            Train(Dnn, "--dataset", "iris", "--preset", "paper-dnn", "--hidden-sizes", "8");
        }

        public string Scratch { get; } = Directory.CreateTempSubdirectory("dynpmnn-trace-").FullName;

        public string Iris => Path.Combine(Scratch, "iris.safetensors");

        public string Diabetes => Path.Combine(Scratch, "diabetes.safetensors");

        public string UserNeuron => Path.Combine(Scratch, "user.safetensors");

        public string Dnn => Path.Combine(Scratch, "dnn.safetensors");

        public void Dispose() => Directory.Delete(Scratch, recursive: true);

        private void Train(string model, params string[] arguments)
        {
            var run = Run(["train", "--data-dir", DataFolder, "--epochs", "2", "--save", model, "--quiet", .. arguments]);
            Assert.True(run.ExitCode == 0, $"{string.Join(' ', arguments)}: {run.Error}");
        }
    }
}
