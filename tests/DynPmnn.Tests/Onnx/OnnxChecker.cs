using System.Diagnostics;

namespace DynPmnn.Tests.Onnx;

/// <summary>
/// The ONNX project's own checker (<c>onnx.checker.check_model</c> with <c>full_check</c>, which also infers every
/// shape and type) from Debian's python3-onnx, run on exported files.
/// </summary>
internal static class OnnxChecker
{
    private const string Python = "/usr/bin/python3";

    private const string Script =
        "import sys, onnx\n"
        + "for path in sys.argv[1:]:\n"
        + "    onnx.checker.check_model(onnx.load(path), full_check=True)\n"
        + "    print('ok', path)\n";

    /// <summary>Why the checker cannot run here, or null. With CI=true it always runs (a missing checker fails the test).</summary>
    public static string? SkipReason()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!File.Exists(Python))
        {
            return $"{Python} is missing; the ONNX checker is Debian's python3-onnx (apt-get install python3-onnx).";
        }

        var probe = Run(["-c", "import onnx"]);
        return probe.ExitCode == 0 ? null : "Python's onnx package is missing: apt-get install python3-onnx.";
    }

    /// <summary>Checks every file; fails the test with the checker's message naming the first bad one.</summary>
    public static void Check(IReadOnlyList<string> paths)
    {
        var (exitCode, output) = Run(["-c", Script, .. paths]);
        Assert.True(exitCode == 0, $"The ONNX checker rejected a model:\n{output}");
        Assert.Equal(paths.Count, output.Split('\n').Count(line => line.StartsWith("ok ", StringComparison.Ordinal)));
    }

    private static (int ExitCode, string Output) Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}

/// <summary>A test that needs the ONNX checker: skipped, with the reason, where it is not installed (never with CI=true).</summary>
public sealed class OnnxCheckerFactAttribute : FactAttribute
{
    public OnnxCheckerFactAttribute()
    {
        if (OnnxChecker.SkipReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
