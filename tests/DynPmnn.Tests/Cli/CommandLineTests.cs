using System.Diagnostics;
using System.Globalization;
using DynPmnn.Models;
using DynPmnn.Tests.Data;

namespace DynPmnn.Tests.Cli;

/// <summary>The dynpmnn program as a user runs it: exit codes, messages and files.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("dynpmnn-cli-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private static string DataFolder => Path.GetDirectoryName(TestData.CalHousingPath)!;

    [Fact]
    public void NoArgumentsPrintsUsageAndFails()
    {
        var run = Run();
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: dynpmnn <command>", run.Error);
    }

    [Fact]
    public void AnExportedModelPredictsThroughOnnxRuntimeAsTheModelFileDoes()
    {
        var model = Path.Combine(scratch, "iris.safetensors");
        var train = Run("train", "--dataset", "iris", "--data-dir", DataFolder, "--preset", "dynpmnn-deep", "--epochs", "2", "--save", model, "--quiet");
        Assert.True(train.ExitCode == 0, train.Error);
        var onnx = Path.Combine(scratch, "iris.onnx");
        var export = Run("export", model, onnx);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Contains("exported to", export.Error);

        var input = Path.Combine(scratch, "flowers.csv");
        File.WriteAllLines(input, ["petal width (cm),sepal length (cm),sepal width (cm),petal length (cm)", "0.2,5.1,3.5,1.4", "1.3,5.7,2.8,4.1", "2.3,6.9,3.1,5.4"]);
        var fromFile = Run("predict", model, input);
        var fromOnnx = Run("predict", onnx, input);
        Assert.True(fromFile.ExitCode == 0, fromFile.Error);
        Assert.True(fromOnnx.ExitCode == 0, fromOnnx.Error);
        var expected = fromFile.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var actual = fromOnnx.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(4, actual.Length);
        Assert.Equal(expected[0], actual[0]);
        for (var row = 1; row < expected.Length; row++)
        {
            var (e, a) = (expected[row].Split(','), actual[row].Split(','));
            Assert.Equal(e[..5], a[..5]);
            for (var k = 5; k < e.Length; k++)
            {
                Assert.Equal(double.Parse(e[k], CultureInfo.InvariantCulture), double.Parse(a[k], CultureInfo.InvariantCulture), 1e-5);
            }
        }

        var notOnnx = Run("predict", Path.Combine(scratch, "flowers.onnx"), input);
        Assert.Equal(1, notOnnx.ExitCode);
        Assert.Contains("flowers.onnx", notOnnx.Error);
    }

    [Fact]
    public void ExportRefusesAnAdaptiveNeuralOdeAndNamesTheFixedStepSolver()
    {
        var model = Path.Combine(scratch, "node.safetensors");
        var train = Run("train", "--dataset", "iris", "--data-dir", DataFolder, "--preset", "paper-node", "--hidden", "4", "--epochs", "1", "--save", model, "--quiet");
        Assert.True(train.ExitCode == 0, train.Error);
        var onnx = Path.Combine(scratch, "node.onnx");
        var export = Run("export", model, onnx);
        Assert.Equal(1, export.ExitCode);
        Assert.Contains("dynpmnn export: error: ", export.Error);
        Assert.Contains("\"solver\": \"rk4\"", export.Error);
        Assert.Single(export.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(onnx));
    }

    [Fact]
    public void HelpIsGeneratedForEveryCommand()
    {
        var root = Run("--help");
        Assert.Equal(0, root.ExitCode);
        foreach (var command in new[] { "datasets", "split", "train", "evaluate", "predict", "export", "paper", "inspect", "trace", "presets", "neurons" })
        {
            Assert.Contains(command, root.Output);
        }

        var train = Run("train", "--help");
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("--dataset", train.Output);
        Assert.Contains("--target", train.Output);
        Assert.Contains("--repeats", train.Output);
    }

    [Fact]
    public void UnknownCommandsOptionsAndValuesAreUsageErrorsInPlainWords()
    {
        var command = Run("fly");
        Assert.Equal(2, command.ExitCode);
        Assert.Contains("'fly'", command.Error);

        var option = Run("train", "--bogus", "1");
        Assert.Equal(2, option.ExitCode);
        Assert.Contains("--bogus", option.Error);

        var number = Run("train", "--epochs", "many");
        Assert.Equal(2, number.ExitCode);
        Assert.Contains("'many'", number.Error);
        Assert.Contains("a whole number", number.Error);
        Assert.DoesNotContain("System.", number.Error);

        var integrator = Run("train", "--integrator", "Verlet");
        Assert.Equal(2, integrator.ExitCode);
        Assert.Contains("Verlet", integrator.Error);

        var numericEnum = Run("train", "--integrator", "1");
        Assert.Equal(2, numericEnum.ExitCode);
        Assert.Contains("--integrator takes one of Euler, Heun, RungeKutta4, not '1'", numericEnum.Error);

        var zero = Run("train", "--dt", "0");
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--dt is 0; it must be a positive finite number", zero.Error);

        var huge = Run("train", "--units", "2000000000");
        Assert.Equal(2, huge.ExitCode);
        Assert.Contains("--units is 2000000000", huge.Error);
    }

    [Fact]
    public void MissingOrMisnamedDataIsAClearError()
    {
        var none = Run("train", "--epochs", "1");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("Name the data: --dataset NAME", none.Error);

        var missing = Run("train", "--data", Path.Combine(scratch, "nowhere.csv"), "--epochs", "1");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("nowhere.csv", missing.Error);

        var directory = Run("train", "--data", scratch, "--epochs", "1");
        Assert.Equal(2, directory.ExitCode);
        Assert.Contains("is a directory", directory.Error);

        var classesScaled = Run("train", "--dataset", "iris", "--data-dir", DataFolder, "--standardize-targets", "--epochs", "1");
        Assert.Equal(1, classesScaled.ExitCode);
        Assert.Contains("Target standardisation applies to regression targets; 'iris' is a classification.", classesScaled.Error);
        Assert.DoesNotContain("(Parameter", classesScaled.Error);

        var noSteps = Run("train", "--steps", "0");
        Assert.Equal(2, noSteps.ExitCode);
        Assert.Contains("--steps is 0", noSteps.Error);

        var unknown = Run("train", "--dataset", "mnist");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("iris", unknown.Error);
        Assert.DoesNotContain("   at ", unknown.Error);
    }

    [Fact]
    public void ABadModelSpecIsRefusedBeforeAnyData()
    {
        var spec = Path.Combine(scratch, "spec.json");
        File.WriteAllText(spec, """{"kind":"Dnn","hiddenSize":[4]}""");
        var run = Run("train", "--model", spec, "--dataset", "iris", "--data-dir", DataFolder);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("spec.json", run.Error);
        Assert.Contains("hiddenSize", run.Error);

        var saveIntoDirectory = Run("train", "--dataset", "iris", "--data-dir", DataFolder, "--save", scratch);
        Assert.Equal(2, saveIntoDirectory.ExitCode);
        Assert.Contains("is a directory; give a file name", saveIntoDirectory.Error);
    }

    [Fact]
    public void DatasetsListsTheSixAndWhereTheyAre()
    {
        var run = Run("datasets", "--data-dir", DataFolder);
        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var name in new[] { "california", "iris", "breast-cancer", "diabetes", "banknote", "energy" })
        {
            Assert.Contains(name, run.Output);
        }

        Assert.Contains("CC BY 4.0", run.Output);
        Assert.Contains(Path.Combine(DataFolder, "iris.csv"), run.Output);
    }

    [Fact]
    public void DatasetsFetchFillsAFolderWithVerifiedFiles()
    {
        var folder = Path.Combine(scratch, "fetched");
        var run = Run("datasets", "fetch", "--to", folder, "--data-dir", DataFolder, "--quiet");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(folder, "iris.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "ENB2012_data.xlsx")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(DataFolder, "breast_cancer.csv")), File.ReadAllBytes(Path.Combine(folder, "breast_cancer.csv")));
    }

    [Fact]
    public void SplitPrintsScikitLearnsIndices()
    {
        var run = Run("split", "--dataset", "iris", "--data-dir", DataFolder);
        Assert.True(run.ExitCode == 0, run.Error);
        var expected = ReferenceFixture.Load("sklearn_splits.json").GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "Iris").GetProperty("paper");
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("train: " + string.Join(',', expected.GetProperty("train").Ints()), lines[0]);
        Assert.Equal("validation: " + string.Join(',', expected.GetProperty("validation").Ints()), lines[1]);
        Assert.Equal("test: " + string.Join(',', expected.GetProperty("test").Ints()), lines[2]);
    }

    [Fact]
    public void TrainSavesAModelThatEvaluateReadsBack()
    {
        var model = Path.Combine(scratch, "paper.safetensors");
        var train = Run("train", "--dataset", "california", "--data", TestData.CalHousingPath, "--epochs", "2", "--save", model, "--quiet");
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("DynPMNN (paper)", train.Output);
        Assert.True(File.Exists(model));
        var trainedRmse = Cell(train.Output, "DynPMNN (paper)", column: 7);

        var evaluate = Run("evaluate", model, "--dataset", "california", "--data", TestData.CalHousingPath, "--quiet");
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Contains("california test split (2,048 rows", evaluate.Output);
        Assert.Equal(trainedRmse, Cell(evaluate.Output, "all", column: 5));

        var bytes = File.ReadAllBytes(model);
        bytes[^40] ^= 0xFF;
        File.WriteAllBytes(model, bytes);
        var corrupt = Run("evaluate", model, "--dataset", "california", "--data", TestData.CalHousingPath);
        Assert.Equal(1, corrupt.ExitCode);
        Assert.Contains("is corrupt: the SHA-256 of its tensor bytes", corrupt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AUsersRegressionCsvTrainsSavesAndPredicts()
    {
        // y = 2·x1 − x2 + 3·[colour = red], with an id column to drop and a categorical feature.
        var random = new Random(3);
        var lines = new List<string> { "id,x1,x2,colour,y" };
        for (var i = 0; i < 300; i++)
        {
            var (x1, x2, red) = (random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2, random.Next(2) == 0);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{i},{x1:F4},{x2:F4},{(red ? "red" : "blue")},{2 * x1 - x2 + (red ? 3 : 0):F4}"));
        }

        var data = Path.Combine(scratch, "houses.csv");
        File.WriteAllLines(data, lines);
        var model = Path.Combine(scratch, "houses.safetensors");
        var train = Run("train", "--data", data, "--target", "y", "--drop", "id", "--preset", "paper-dnn", "--hidden-sizes", "32,16", "--lr", "0.005", "--epochs", "60", "--no-early-stopping", "--save", model, "--quiet");
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("test R²", train.Output);
        var r2 = double.Parse(Cell(train.Output, "DNN 512-256-128", column: 9), CultureInfo.InvariantCulture);
        Assert.True(r2 > 0.9, $"R² {r2}: a linear target should be learnt\n{train.Output}");

        var input = Path.Combine(scratch, "new.csv");
        File.WriteAllLines(input, ["colour,x2,x1,note", "red,0.5,1.0,\"first, with a comma\"", "blue,-1,0,second"]);
        var output = Path.Combine(scratch, "predicted.csv");
        var predict = Run("predict", model, input, "-o", output);
        Assert.True(predict.ExitCode == 0, predict.Error);
        var written = File.ReadAllLines(output);
        Assert.Equal("colour,x2,x1,note,predicted_y", written[0]);
        Assert.StartsWith("red,0.5,1.0,\"first, with a comma\",", written[1]);
        var first = double.Parse(written[1].Split(',')[^1], CultureInfo.InvariantCulture);
        var second = double.Parse(written[2].Split(',')[^1], CultureInfo.InvariantCulture);
        Assert.InRange(first, 4.5 - 1, 4.5 + 1);   // 2·1 − 0.5 + 3
        Assert.InRange(second, 1 - 1, 1 + 1);      // 2·0 + 1 + 0

        var loaded = TrainedModel.Load(model);
        Assert.Equal(["x1", "x2", "colour=blue", "colour=red"], loaded.Schema.EncodedFeatureNames);
        Assert.Equal("houses", loaded.Provenance.Dataset);
        Assert.Matches("^[0-9a-f]{64}$", loaded.Provenance.DataSha256!);

        var missingColumn = Path.Combine(scratch, "missing.csv");
        File.WriteAllLines(missingColumn, ["x1,x2", "1,2"]);
        var refused = Run("predict", model, missingColumn);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("colour", refused.Error);
        Assert.Contains("missing.csv", refused.Error);
    }

    [Fact]
    public void AUsersStringLabelledClassificationCsvTrainsSavesAndPredictsClassesWithProbabilities()
    {
        var random = new Random(5);
        var lines = new List<string> { "length\tweight\tkind" };
        for (var i = 0; i < 240; i++)
        {
            var kind = i % 3;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{kind * 3 + random.NextDouble():F3}\t{10 - kind * 4 + random.NextDouble():F3}\t{new[] { "apple", "banana", "cherry" }[kind]}"));
        }

        var data = Path.Combine(scratch, "fruit.tsv");
        File.WriteAllLines(data, lines);
        var model = Path.Combine(scratch, "fruit.safetensors");
        var train = Run("train", "--data", data, "--target", "kind", "--preset", "paper-dnn", "--hidden-sizes", "16", "--lr", "0.01", "--epochs", "30", "--save", model);
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("classification into 3 classes (apple, banana, cherry)", train.Error);
        Assert.Contains("test accuracy", train.Output);
        var accuracy = double.Parse(Cell(train.Output, "DNN 512-256-128", column: 7), CultureInfo.InvariantCulture);
        Assert.True(accuracy > 0.9, train.Output);

        var input = Path.Combine(scratch, "new.tsv");
        File.WriteAllLines(input, ["weight\tlength", "2.5\t6.5", "10.5\t0.5"]);
        var predict = Run("predict", model, input);
        Assert.True(predict.ExitCode == 0, predict.Error);
        var rows = predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("weight\tlength\tpredicted_kind\tp(apple)\tp(banana)\tp(cherry)", rows[0]);
        Assert.StartsWith("2.5\t6.5\tcherry\t", rows[1]);
        Assert.StartsWith("10.5\t0.5\tapple\t", rows[2]);
        var probabilities = rows[1].Split('\t')[3..].Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(1, probabilities.Sum(), 6);

        var repeated = Run("train", "--data", data, "--target", "kind", "--preset", "paper-dnn", "--hidden-sizes", "8", "--epochs", "3", "--repeats", "3", "--quiet");
        Assert.True(repeated.ExitCode == 0, repeated.Error);
        Assert.Contains("3 repeated splits (seeds 0–2)", repeated.Output);
        Assert.Contains("test accuracy", repeated.Output);
    }

    [Fact]
    public void PaperWritesJsonAndCsvResults()
    {
        var output = Path.Combine(scratch, "results");
        string[] arguments = ["paper", "--dataset", "california", "--models", "paper-dynpmnn,paper-dynpmnn-nominal", "--epochs", "1", "--out", output, "--data", TestData.CalHousingPath, "--quiet"];
        var run = Run(arguments);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("RMSE (as paper)", run.Output);
        Assert.Contains("0.6638", run.Output);
        Assert.Contains("1 of 1 failed", run.Output);
        var folder = Path.Combine(output, "california");
        Assert.True(File.Exists(Path.Combine(folder, "results.json")));
        Assert.True(File.Exists(Path.Combine(output, "summary.txt")));
        var csv = File.ReadAllLines(Path.Combine(folder, "results.csv"));
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("preset,title,seed,split_seed", csv[0]);
        Assert.Equal((900, 600), Reporting.FigureFiles.PngSize(File.ReadAllBytes(Path.Combine(folder, "curves.png"))));
        Assert.Equal((800, 500), Reporting.FigureFiles.PngSize(File.ReadAllBytes(Path.Combine(folder, "comparison.png"))));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, "runs")).Length);

        // The same study into the same folder resumes: nothing is trained again, and the table is the same.
        var again = Run(arguments);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(2, again.Error.Split('\n').Count(l => l.Contains("finished earlier", StringComparison.Ordinal)));
        Assert.Equal(run.Output.Split('\n')[..6], again.Output.Split('\n')[..6]);

        // Another configuration is refused rather than mixed into the folder.
        var other = Run("paper", "--dataset", "california", "--models", "paper-dynpmnn", "--epochs", "2", "--out", output, "--data", TestData.CalHousingPath, "--quiet");
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("holds results of another configuration", other.Error);
    }

    [Fact]
    public void PaperRunsTheAuthorsModelsOnASmallDataSetWithRepeatedSplits()
    {
        var output = Path.Combine(scratch, "iris");
        var run = Run(["paper", "--dataset", "iris", "--models", "dynpmnn,dnn,tree", "--epochs", "2", "--repeats", "2", "--out", output, "--quiet"], dataDirectory: DataFolder);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Iris", run.Output);
        Assert.Contains("0.6875", run.Output);
        Assert.Contains("2 repeated splits (seeds 0–1; mean ± sd)", run.Output);
        Assert.Contains("target: accuracy ≥ 0.8750", run.Output);

        // The tree grid reproduces the authors' row: 14 of 16 and their configuration.
        var tree = run.Output.Split('\n').First(l => l.StartsWith("Decision tree", StringComparison.Ordinal));
        Assert.Contains("0.8750  0.8750", tree);
        Assert.Contains("criterion=gini, max_depth=None, min_samples_split=2, min_samples_leaf=2, max_features=sqrt", tree);
        Assert.Contains("|--- ", File.ReadAllText(Path.Combine(output, "iris", "tree.txt")));
        Assert.Equal(3 + 3 * 2, Directory.GetFiles(Path.Combine(output, "iris", "runs")).Length);
        Assert.Contains("total", run.Output);
    }

    [Theory]
    [InlineData("--dataset", "mnist")]
    [InlineData("--models", "transformer")]
    [InlineData("--data", "x.csv")]
    public void PaperRefusesWhatItCannotRunInPlainWords(string option, string value)
    {
        var run = Run(["paper", option, value, "--out", Path.Combine(scratch, "refused")], dataDirectory: DataFolder);
        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Contains(option, run.Error);
    }

    [Fact]
    public void ASweepTrainsEachTrialForRealAndResumes()
    {
        var spec = Path.Combine(scratch, "iris-sweep.json");
        File.WriteAllText(spec, """
            {
              "name": "iris-small",
              "base": {
                "dataset": "iris",
                "split": "paper",
                "model": { "kind": "DynPmnn", "blocks": [ { "neuron": "FitzHughNagumo", "units": 2, "dt": 0.5, "steps": 2 } ] },
                "protocol": { "maxEpochs": 3, "monitor": "ValidationAccuracy" }
              },
              "seeds": [1],
              "metric": "validAccuracy",
              "direction": "max",
              "grid": { "protocol.learningRate": [0.01, 0.05] }
            }
            """);
        var output = Path.Combine(scratch, "sweep");
        var run = Run(["sweep", "run", spec, "--out", output, "--parallel", "1"], dataDirectory: DataFolder);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("shard 0/1: 2 done, 0 failed", run.Error);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(output, "trials"), "*.json").Length);

        var again = Run(["sweep", "run", spec, "--out", output], dataDirectory: DataFolder);
        Assert.Contains("2 already recorded, 0 to run", again.Error);

        var report = Run("sweep", "report", output);
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Contains("validAccuracy", report.Output);
        Assert.Contains("test_accuracy", report.Output);
    }

    [Fact]
    public void AStudyInWhichEveryRunFailedExitsNonZero()
    {
        var run = Run("paper", "--dataset", "california", "--models", "paper-dynpmnn-nominal", "--epochs", "1", "--out", Path.Combine(scratch, "failed"), "--data", TestData.CalHousingPath, "--quiet");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("1 of 1 failed", run.Output);
        Assert.Contains("stability region", run.Output);
    }

    [Fact]
    public void InspectPrintsEquationsAndDerivatives()
    {
        var run = Run("inspect", "FitzHughNagumo");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("dV/dt = I - V * (V - A) * (V - 1) - W", run.Output);
        Assert.Contains("d(dW/dt)/dG = -(B * W)", run.Output);

        var source = Run("inspect", "HodgkinHuxley", "--source");
        Assert.Equal(0, source.ExitCode);
        Assert.Contains("// <auto-generated/>", source.Output);
        Assert.Contains("public static void RightHandSideVjp<TL>(", source.Output);
        Assert.Contains("TL.Bernoulli(", source.Output);

        var unknown = Run("inspect", "Squid");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Unknown neuron 'Squid'", unknown.Error);
    }

    [Fact]
    public void InspectReadsNeuronsFromAUsersAssembly()
    {
        // This test assembly declares its own neurons (Neurons/TestNeurons.cs), compiled by the generator.
        var assembly = Path.Combine(AppContext.BaseDirectory, "DynPmnn.Tests.dll");
        var run = Run("inspect", "GatedTanh", "--assembly", assembly, "--dt", "0.5", "--integrator", "RungeKutta4");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("DynPmnn.Tests.Neurons.GatedTanh", run.Output);
        Assert.Contains("dX/dt = ", run.Output);
        Assert.Contains("Stability of DynPmnn.Tests.Neurons.GatedTanh, RK4, dt 0.5", run.Output);

        var missing = Run("inspect", "GatedTanh", "--assembly", Path.Combine(scratch, "none.dll"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("none.dll does not exist", missing.Error);
    }

    [Fact]
    public void AUsersNeuronNeverSilentlyReplacesABuiltInOneOfTheSameShortName()
    {
        // This test assembly declares DynPmnn.Tests.Neurons.Shadowing.FitzHughNagumo beside the zoo's.
        var assembly = Path.Combine(AppContext.BaseDirectory, "DynPmnn.Tests.dll");
        var ambiguous = Run("inspect", "FitzHughNagumo", "--assembly", assembly);
        Assert.Equal(1, ambiguous.ExitCode);
        Assert.Contains("The neuron name 'FitzHughNagumo' is ambiguous: it names DynPmnn.Neurons.Zoo.FitzHughNagumo, DynPmnn.Tests.Neurons.Shadowing.FitzHughNagumo. Use the full name.", ambiguous.Error);

        var user = Run("inspect", "DynPmnn.Tests.Neurons.Shadowing.FitzHughNagumo", "--assembly", assembly);
        Assert.True(user.ExitCode == 0, user.Error);
        Assert.Contains("dV/dt = -(V / Tau)", user.Output);

        var builtIn = Run("inspect", "DynPmnn.Neurons.Zoo.FitzHughNagumo", "--assembly", assembly);
        Assert.True(builtIn.ExitCode == 0, builtIn.Error);
        Assert.Contains("dW/dt = B * (V - G * W)", builtIn.Output);
    }

    [Fact]
    public void ListsPresetsAndNeurons()
    {
        Assert.Contains("paper-cfc", Run("presets").Output);
        Assert.Contains("DynPmnn.Neurons.Zoo.HodgkinHuxley", Run("neurons").Output);
    }

    /// <summary>The cell of a result table's row that starts with <paramref name="rowLabel"/>.</summary>
    private static string Cell(string table, string rowLabel, int column)
    {
        var row = table.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(rowLabel + "  ", StringComparison.Ordinal));
        var cells = row.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return cells[column];
    }

    private (int ExitCode, string Output, string Error) Run(params string[] arguments) => Run(arguments, dataDirectory: null);

    private (int ExitCode, string Output, string Error) Run(string[] arguments, string? dataDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DynPmnn.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No download and no user cache from the tests: a missing file must be reported, not fetched.
        start.Environment["DYNPMNN_CAL_HOUSING"] = null;
        start.Environment["DYNPMNN_DATA_DIR"] = dataDirectory;
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(scratch, "cache");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
