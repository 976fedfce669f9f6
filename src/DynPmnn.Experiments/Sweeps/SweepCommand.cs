using System.Globalization;
using System.Runtime.InteropServices;
using DynPmnn.Experiments.Reporting;
using DynPmnn.IO;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// The <c>sweep</c> command line: plan, run, status, report, and the Slurm and Kubernetes files. A program hands it the
/// words after <c>sweep</c> and the <see cref="TrialRunner"/> that trains one trial.
/// </summary>
public static class SweepCommand
{
    public const string Usage = """
        usage: dynpmnn sweep <command> [options]

        commands:
          plan SPEC                    expand the spec: trial count, what the constraints left out, the first trials
                [--show N]             (the first 20 by default)
          run SPEC --out DIR           run the trials that have no result yet in DIR, several at once
                [--shard i/n]          only trial k with k mod n = i (default: from SLURM_ARRAY_TASK_ID or
                                       JOB_COMPLETION_INDEX when set, else every trial)
                [--shard-count n]      n shards, this one's index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX
                [--parallel N]         trials at once (default: SLURM_CPUS_PER_TASK, else the processor count)
                [--retry-failed]       run failed trials again
          status DIR [--shards n]      done, failed and remaining trials, overall and over n shards
          report DIR                   every trial's values and metrics, and the best trial
                [--select RULE]        spec (the spec's metric and direction, the default), classification (max
                                       validAccuracy, then min validLoss) or regression (min validLoss)
                [--csv FILE] [--json FILE] [--top N]
          slurm SPEC --out DIR --tasks N
                                       write an sbatch script for a job array of N tasks, one shard each
                [--exe PATH] [--time 01:00:00] [--cpus-per-task C] [--partition P] [--account A] [--mem 4G]
                [--max-running K] [--logs DIR/logs] [--script DIR/NAME.sbatch]
          kubernetes SPEC --tasks N --image IMAGE --claim PVC
                                       write a Kubernetes Indexed Job of N pods sharing the claim
                [--parallelism P] [--mount /sweep] [--pod-spec MOUNT/SPEC-FILE] [--out MOUNT/NAME]
                [--exe /usr/local/bin/dynpmnn] [--cpus C] [--mem 4Gi] [--name JOB] [--manifest NAME.job.yaml]

        Every file is described in docs/sweep-spec.md.
        """;

    /// <summary>Runs <c>sweep</c> with <paramref name="args"/> (the words after <c>sweep</c>) and returns the exit code: 0 done, 1 an error, 2 a usage error, 130 cancelled.</summary>
    /// <param name="args">The words after <c>sweep</c>.</param>
    /// <param name="runner">Trains one trial; null where this program cannot train (then <c>run</c> fails).</param>
    /// <param name="output">Where results and progress go.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="cancellationToken">Ctrl+C: stops starting trials. SIGTERM (scancel, a deleted pod) does the same by itself.</param>
    public static int Run(IReadOnlyList<string> args, TrialRunner? runner, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Usage);
            return args.Count == 0 ? 2 : 0;
        }

        var command = args[0];
        var rest = args.Skip(1).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            output.WriteLine(Usage);
            return 0;
        }

        try
        {
            return command switch
            {
                "plan" => Plan(new SweepArguments(rest), output),
                "run" => RunTrials(new SweepArguments(rest, "retry-failed"), runner, output, cancellationToken),
                "status" => Status(new SweepArguments(rest), output),
                "report" => Report(new SweepArguments(rest), output),
                "slurm" => Slurm(new SweepArguments(rest), output),
                "kubernetes" => Kubernetes(new SweepArguments(rest), output),
                _ => throw new SweepUsageException($"unknown sweep command '{command}'"),
            };
        }
        catch (SweepUsageException usage)
        {
            error.WriteLine($"dynpmnn sweep {command}: {usage.Message}");
            error.WriteLine(Usage);
            return 2;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"dynpmnn sweep {command}: cancelled");
            return 130;
        }
        catch (Exception failure) when (failure is FormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"dynpmnn sweep {command}: error: {failure.Message}");
            return 1;
        }
    }

    private static int Plan(SweepArguments arguments, TextWriter output)
    {
        var show = arguments.Int("show", 0) ?? 20;
        var specPath = arguments.Single("the spec file");
        arguments.RejectUnknown();
        var plan = SweepPlan.Expand(SweepSpec.Load(specPath));
        WriteSummary(plan, output);
        var table = new ResultTable([.. (string[])["index", "id", "seed"], .. plan.Summary.SearchedParameters]);
        foreach (var trial in plan.Trials.Take(show))
        {
            var values = trial.SearchedValues();
            table.AddRow([trial.Index, trial.Id, trial.Seed, .. plan.Summary.SearchedParameters.Select(p => (object?)CanonicalJson.Write(values[p]))]);
        }

        output.Write(table.ToText());
        if (plan.Trials.Count > show)
        {
            output.WriteLine($"… and {plan.Trials.Count - show} more");
        }

        return 0;
    }

    private static int RunTrials(SweepArguments arguments, TrialRunner? runner, TextWriter output, CancellationToken cancellationToken)
    {
        var directory = arguments.Required("out", "DIR (the sweep directory)");
        var shardText = arguments.String("shard");
        var shardCount = arguments.Int("shard-count", 1);
        var parallel = arguments.Int("parallel", 1, 4096);
        var retryFailed = arguments.Flag("retry-failed");
        var specPath = arguments.Single("the spec file");
        arguments.RejectUnknown();
        if (runner is null)
        {
            throw new ArgumentException("this program has no trial runner, so it cannot run trials.");
        }

        var (shard, source) = ShardSelection.Resolve(shardText, shardCount);
        var plan = SweepPlan.Expand(SweepSpec.Load(specPath));
        var store = SweepStore.Create(directory, plan);
        var gate = new object();
        void Log(string line)
        {
            lock (gate)
            {
                output.WriteLine($"{DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} {line}");
                output.Flush();
            }
        }

        Log($"sweep {plan.Spec.Name}: {plan.Trials.Count} trial(s) in {store.Directory}; shard {shard} ({source}); program {plan.ProgramVersion}");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var terminate = OnTerminate(() =>
        {
            Log("SIGTERM: no new trials start; running ones are asked to stop");
            stop.Cancel();
        });
        var summary = SweepExecutor.Run(plan, store, runner, new SweepRunOptions
        {
            Shard = shard,
            Parallelism = parallel ?? SweepRunOptions.DefaultParallelism(),
            RetryFailed = retryFailed,
            Log = Log,
        }, stop.Token);
        return summary.Cancelled ? 130 : 0;
    }

    private static int Status(SweepArguments arguments, TextWriter output)
    {
        var shards = arguments.Int("shards", 1) ?? 1;
        var directory = arguments.Single("the sweep directory");
        arguments.RejectUnknown();
        output.Write(SweepStatus.Of(SweepStore.Open(directory), shards).ToText());
        return 0;
    }

    private static int Report(SweepArguments arguments, TextWriter output)
    {
        var select = arguments.String("select") ?? "spec";
        var csv = arguments.String("csv");
        var json = arguments.String("json");
        var top = arguments.Int("top", 0) ?? 10;
        var directory = arguments.Single("the sweep directory");
        arguments.RejectUnknown();
        var store = SweepStore.Open(directory);
        var report = SweepReport.Of(store, SelectionRule.Named(select, store.Manifest.Spec));
        output.Write(report.ToText(top));
        if (csv is not null)
        {
            AtomicFile.WriteAllText(csv, report.ToCsv());
            output.WriteLine($"wrote {csv}");
        }

        if (json is not null)
        {
            AtomicFile.WriteAllText(json, report.ToJson());
            output.WriteLine($"wrote {json}");
        }

        return 0;
    }

    private static int Slurm(SweepArguments arguments, TextWriter output)
    {
        var directory = Path.GetFullPath(arguments.Required("out", "DIR (the sweep directory, on a file system every node shares)"));
        var tasks = arguments.Int("tasks", 1) ?? throw new SweepUsageException("--tasks N (the array size) is required");
        var executable = arguments.String("exe");
        var time = arguments.String("time") ?? "01:00:00";
        var cpus = arguments.Int("cpus-per-task", 1) ?? 1;
        var partition = arguments.String("partition");
        var account = arguments.String("account");
        var memory = arguments.String("mem");
        var maxRunning = arguments.Int("max-running", 1);
        var logs = Path.GetFullPath(arguments.String("logs") ?? Path.Combine(directory, "logs"));
        var scriptOption = arguments.String("script");
        var specPath = Path.GetFullPath(arguments.Single("the spec file"));
        arguments.RejectUnknown();

        var plan = SweepPlan.Expand(SweepSpec.Load(specPath));
        var script = new SlurmScript
        {
            JobName = plan.Spec.Name,
            Tasks = tasks,
            MaxRunning = maxRunning,
            CpusPerTask = cpus,
            Time = time,
            LogDirectory = logs,
            Partition = partition,
            Account = account,
            Memory = memory,
            Command = [.. executable is null ? ThisProgram() : [Path.GetFullPath(executable)], "sweep", "run", specPath, "--out", directory, "--shard-count", tasks.ToString(CultureInfo.InvariantCulture)],
        };
        var text = script.Render();
        var path = Path.GetFullPath(scriptOption ?? Path.Combine(directory, plan.Spec.Name + ".sbatch"));
        Directory.CreateDirectory(logs);
        AtomicFile.WriteAllText(path, text);
        WriteSummary(plan, output);
        if (tasks > plan.Trials.Count)
        {
            output.WriteLine($"note: {tasks} tasks for {plan.Trials.Count} trials; tasks {plan.Trials.Count} and up have nothing to do.");
        }

        output.WriteLine($"wrote {path}; submit it with: sbatch {ShellQuote.Word(path)}");
        return 0;
    }

    private static int Kubernetes(SweepArguments arguments, TextWriter output)
    {
        var tasks = arguments.Int("tasks", 1) ?? throw new SweepUsageException("--tasks N (the Job's completions) is required");
        var image = arguments.Required("image", "IMAGE (the container image with dynpmnn)");
        var claim = arguments.Required("claim", "PVC (a ReadWriteMany persistent volume claim)");
        var parallelism = arguments.Int("parallelism", 1) ?? tasks;
        var mount = arguments.String("mount") ?? "/sweep";
        var podSpecOption = arguments.String("pod-spec");
        var podOut = arguments.String("out");
        var executable = arguments.String("exe") ?? "/usr/local/bin/dynpmnn";
        var cpus = arguments.Int("cpus", 1) ?? 1;
        var memory = arguments.String("mem");
        var name = arguments.String("name");
        var manifestOption = arguments.String("manifest");
        var specPath = arguments.Single("the spec file");
        arguments.RejectUnknown();

        var plan = SweepPlan.Expand(SweepSpec.Load(specPath));
        var jobName = name ?? JobName(plan.Spec.Name);
        var podSpec = podSpecOption ?? $"{mount.TrimEnd('/')}/{Path.GetFileName(specPath)}";
        var job = new KubernetesJob
        {
            Name = jobName,
            Completions = tasks,
            Parallelism = parallelism,
            Image = image,
            VolumeClaim = claim,
            MountPath = mount,
            Cpus = cpus,
            Memory = memory,
            Command = [executable, "sweep", "run", podSpec, "--out", podOut ?? $"{mount.TrimEnd('/')}/{plan.Spec.Name}", "--shard-count", tasks.ToString(CultureInfo.InvariantCulture)],
        };
        var path = Path.GetFullPath(manifestOption ?? jobName + ".job.yaml");
        AtomicFile.WriteAllText(path, job.Render());
        WriteSummary(plan, output);
        output.WriteLine($"wrote {path}; copy {Path.GetFileName(specPath)} to {podSpec} on the claim {claim}, then: kubectl apply -f {ShellQuote.Word(path)}");
        return 0;
    }

    private static void WriteSummary(SweepPlan plan, TextWriter output)
    {
        var summary = plan.Summary;
        output.WriteLine($"sweep {plan.Spec.Name}: {summary.Combinations:N0} combination(s) of {summary.SearchedParameters.Count} searched parameter(s), " +
                         $"{summary.Configurations:N0} configuration(s) × {summary.Seeds} seed(s) = {summary.Trials:N0} trial(s)");
        foreach (var skip in summary.SkippedByConstraints)
        {
            output.WriteLine($"  {skip.Skipped:N0} left out by: {skip.Constraint}");
        }

        if (summary.Duplicates > 0)
        {
            output.WriteLine($"  {summary.Duplicates:N0} duplicate(s) of an earlier configuration left out");
        }

        foreach (var deviation in plan.Spec.Deviations)
        {
            output.WriteLine($"  deviation: {deviation}");
        }
    }

    /// <summary>The words that start this program again: the executable, or the dotnet host and the entry assembly.</summary>
    private static string[] ThisProgram()
    {
        var host = Environment.ProcessPath ?? throw new ArgumentException("this program's path is unknown; give --exe PATH.");
        if (!string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return [host];
        }

        // Under the dotnet host the first command-line word is the program's own .dll (Assembly.Location would be
        // empty in a single-file build, which never gets here).
        var entry = Environment.GetCommandLineArgs().FirstOrDefault();
        return string.IsNullOrEmpty(entry) || !entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? throw new ArgumentException("this program runs under dotnet from an unknown assembly; give --exe PATH.")
            : [host, Path.GetFullPath(entry)];
    }

    /// <summary>A spec name as a Kubernetes name: lower case, other characters as '-'.</summary>
    private static string JobName(string name)
    {
        var lower = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return lower.Length == 0 ? "sweep" : lower[..Math.Min(lower.Length, 63)].TrimEnd('-');
    }

    /// <summary>Calls <paramref name="action"/> on SIGTERM instead of ending the process, until disposed.</summary>
    private static IDisposable? OnTerminate(Action action)
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                action();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}
