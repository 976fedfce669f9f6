using System.Diagnostics;
using System.Text;

namespace DynPmnn.Tests.Sweeps;

/// <summary>
/// A one-node Slurm cluster for the tests in the "slurm" collection, started by tests/slurm/cluster.sh (which installs
/// Debian's Slurm and MUNGE if they are missing) and stopped by it afterwards: exactly the daemons it started, and its
/// temporary folder removed.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    private readonly List<string> jobs = [];

    public SlurmCluster()
    {
        Script = Path.Combine(RepositoryRoot(), "tests", "slurm", "cluster.sh");
        if (SkipReason() is not null)
        {
            // The tests are skipped; xunit may still make their fixture.
            return;
        }

        // Installing the packages on a new machine takes a few minutes; starting the daemons, seconds.
        var start = Execute("bash", [Script, "start"], TimeSpan.FromMinutes(10), withCluster: false);
        if (start.Code != 0)
        {
            throw new InvalidOperationException($"tests/slurm/cluster.sh start failed (exit {start.Code}):\n{start.Error}\n{start.Output}");
        }

        foreach (var line in start.Output.Split('\n'))
        {
            if (line.StartsWith("SLURM_CONF=", StringComparison.Ordinal))
            {
                Configuration = line["SLURM_CONF=".Length..].Trim();
            }
            else if (line.StartsWith("SLURM_CLUSTER_DIR=", StringComparison.Ordinal))
            {
                Folder = line["SLURM_CLUSTER_DIR=".Length..].Trim();
            }
        }

        if (Configuration.Length == 0 || Folder.Length == 0)
        {
            throw new InvalidOperationException($"tests/slurm/cluster.sh start printed no SLURM_CONF and SLURM_CLUSTER_DIR:\n{start.Output}\n{start.Error}");
        }
    }

    /// <summary>The cluster's slurm.conf, for SLURM_CONF.</summary>
    public string Configuration { get; } = string.Empty;

    /// <summary>The cluster's temporary folder.</summary>
    public string Folder { get; } = string.Empty;

    private string Script { get; }

    /// <summary>Whether Slurm tests cannot run here, and why; null where they can. With CI=true they always run.</summary>
    public static string? SkipReason()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DYNPMNN_SKIP_SLURM")))
        {
            return "DYNPMNN_SKIP_SLURM is set.";
        }

        if (!OperatingSystem.IsLinux())
        {
            return "The Slurm tests start a Slurm cluster on this machine, which needs Linux.";
        }

        var installed = ((string[])["sbatch", "slurmctld", "slurmd", "munged"]).All(tool => Which(tool) is not null);
        if (!installed && !Environment.IsPrivilegedProcess)
        {
            return "Slurm is not installed and installing it needs root: apt-get install munge slurmctld slurmd slurm-client, or run the tests as root.";
        }

        return null;
    }

    /// <summary>
    /// Submits <paramref name="script"/> with sbatch and <paramref name="options"/>, the job seeing this process's
    /// environment and <paramref name="environment"/>; returns the job id.
    /// </summary>
    /// <remarks>The variables go through sbatch's own environment (Slurm's default --export=ALL), not --export=ALL,X=…,
    /// which here delays every task's start by several seconds.</remarks>
    public string Submit(string script, IReadOnlyDictionary<string, string> environment, params string[] options)
    {
        var result = Execute("sbatch", ["--parsable", .. options, script], TimeSpan.FromSeconds(30), withCluster: true, environment);
        Assert.True(result.Code == 0, $"sbatch failed: {result.Error}");
        var id = result.Output.Trim().Split(';')[0];
        lock (jobs)
        {
            jobs.Add(id);
        }

        return id;
    }

    /// <summary>Waits until no task of job <paramref name="id"/> is pending or running.</summary>
    public void WaitUntilFinished(string id, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var queue = Run("squeue", ["-h", "-j", id, "-o", "%i %T"]);
            if (queue.Code == 0 && queue.Output.Trim().Length == 0)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Job {id} did not finish within {timeout.TotalSeconds} s; squeue says:\n{queue.Output}{queue.Error}");
            }

            Thread.Sleep(250);
        }
    }

    /// <summary>Each array task of job <paramref name="id"/> and its state (COMPLETED, CANCELLED, …), from slurmctld's memory.</summary>
    public IReadOnlyDictionary<int, string> TaskStates(string id)
    {
        var show = Run("scontrol", ["-o", "show", "job", id]);
        Assert.True(show.Code == 0, show.Error);
        var states = new Dictionary<int, string>();
        foreach (var line in show.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
            states[int.Parse(fields["ArrayTaskId"], System.Globalization.CultureInfo.InvariantCulture)] = fields["JobState"];
        }

        return states;
    }

    /// <summary>Runs a Slurm client with this cluster's configuration.</summary>
    public (int Code, string Output, string Error) Run(string tool, IReadOnlyList<string> arguments) =>
        Execute(tool, arguments, TimeSpan.FromSeconds(30), withCluster: true);

    public void Dispose()
    {
        if (Folder.Length == 0)
        {
            return;
        }

        lock (jobs)
        {
            if (jobs.Count > 0)
            {
                Run("scancel", jobs);
            }
        }

        var stop = Execute("bash", [Script, "stop", Folder], TimeSpan.FromMinutes(1), withCluster: false);
        if (stop.Code != 0)
        {
            throw new InvalidOperationException($"tests/slurm/cluster.sh stop failed: {stop.Error}");
        }
    }

    private (int Code, string Output, string Error) Execute(string file, IReadOnlyList<string> arguments, TimeSpan timeout, bool withCluster, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (withCluster)
        {
            start.Environment["SLURM_CONF"] = Configuration;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s.");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString(), error.ToString());
    }

    internal static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Concat(["/usr/sbin", "/sbin"])
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "tests", "slurm", "cluster.sh")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"tests/slurm/cluster.sh was not found above {AppContext.BaseDirectory}.");
    }
}
