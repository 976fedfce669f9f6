using System.Diagnostics;
using DynPmnn.Tests.Data;

namespace DynPmnn.Tests.Cli;

/// <summary>The dynpmnn program as a user runs it: exit codes, messages and files.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("dynpmnn-cli-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void NoArgumentsPrintsUsageAndFails()
    {
        var run = Run();
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: dynpmnn <command>", run.Output);
    }

    [Fact]
    public void UnknownCommandAndOptionsAreUsageErrors()
    {
        var command = Run("fly");
        Assert.Equal(2, command.ExitCode);
        Assert.Contains("unknown command 'fly'", command.Error);

        var option = Run("train", "--bogus", "1");
        Assert.Equal(2, option.ExitCode);
        Assert.Contains("unknown option --bogus", option.Error);

        var number = Run("train", "--epochs", "many");
        Assert.Equal(2, number.ExitCode);
        Assert.Contains("--epochs needs a whole number", number.Error);

        var integrator = Run("train", "--integrator", "Verlet");
        Assert.Equal(2, integrator.ExitCode);
        Assert.Contains("Euler, Heun, RungeKutta4", integrator.Error);
    }

    [Fact]
    public void MissingDataFileIsAClearError()
    {
        var run = Run("train", "--data", Path.Combine(scratch, "nowhere.data"), "--epochs", "1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nowhere.data", run.Error);
    }

    [Fact]
    public void TrainSavesAModelThatEvaluateReadsBack()
    {
        var model = Path.Combine(scratch, "paper.dynpmnn");
        var train = Run("train", "--data", TestData.CalHousingPath, "--epochs", "2", "--save", model, "--quiet");
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("DynPMNN (paper)", train.Output);
        Assert.True(File.Exists(model));
        var trainedRmse = RmseOf(train.Output, "DynPMNN (paper)", column: 7);

        var evaluate = Run("evaluate", model, "--data", TestData.CalHousingPath, "--quiet");
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Contains("test", evaluate.Output);
        Assert.Equal(trainedRmse, RmseOf(evaluate.Output, "test", column: 2));

        var bytes = File.ReadAllBytes(model);
        bytes[^40] ^= 0xFF;
        File.WriteAllBytes(model, bytes);
        var corrupt = Run("evaluate", model, "--data", TestData.CalHousingPath);
        Assert.Equal(1, corrupt.ExitCode);
        Assert.Contains("checksum", corrupt.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void PaperWritesJsonAndCsvResults()
    {
        var output = Path.Combine(scratch, "results");
        var run = Run("paper", "--models", "paper-dynpmnn,paper-dynpmnn-nominal", "--epochs", "1", "--out", output, "--data", TestData.CalHousingPath, "--quiet");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("paper RMSE", run.Output);
        Assert.Contains("0.6638", run.Output);
        Assert.Contains("1 diverged", run.Output);
        Assert.True(File.Exists(Path.Combine(output, "results.json")));
        var csv = File.ReadAllLines(Path.Combine(output, "results.csv"));
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("preset,title,seed", csv[0]);
    }

    [Fact]
    public void InspectPrintsEquationsAndDerivatives()
    {
        var run = Run("inspect", "FitzHughNagumo");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("dV/dt = I - V * (V - A) * (V - 1) - W", run.Output);
        Assert.Contains("d(dW/dt)/dG = -(B * W)", run.Output);

        var unknown = Run("inspect", "Squid");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Unknown neuron 'Squid'", unknown.Error);
    }

    [Fact]
    public void ListsPresetsAndNeurons()
    {
        Assert.Contains("paper-cfc", Run("presets").Output);
        Assert.Contains("HodgkinHuxley", Run("neurons").Output);
    }

    private static string RmseOf(string table, string rowLabel, int column)
    {
        var row = table.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(rowLabel + "  ", StringComparison.Ordinal));
        var cells = row.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return cells[column];
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DynPmnn.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No download from the tests: a missing file must be reported, not fetched.
        start.Environment["DYNPMNN_CAL_HOUSING"] = null;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "dynpmnn did not finish in 3 minutes");
        return (process.ExitCode, output.Result, error.Result);
    }
}
