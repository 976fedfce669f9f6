using System.CommandLine;
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
    /// <summary>Runs <c>sweep</c> with <paramref name="args"/> (the words after <c>sweep</c>) and returns the exit code: 0 done, 1 an error, 2 a usage error, 130 cancelled.</summary>
    /// <param name="args">The words after <c>sweep</c>.</param>
    /// <param name="runner">Trains one trial; null where this program cannot train (then <c>run</c> fails).</param>
    /// <param name="output">Where results, progress and help go.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="cancellationToken">Ctrl+C: stops starting trials. SIGTERM (scancel, a deleted pod) does the same by itself.</param>
    /// <param name="progress">Where <c>run</c> logs its trials; <paramref name="output"/> when null (a batch job's log).</param>
    /// <remarks>
    /// Declared with System.CommandLine like the rest of the program, so `dynpmnn sweep run --help` is generated from
    /// the options and every value is checked before anything runs.
    /// </remarks>
    public static int Run(IReadOnlyList<string> args, TrialRunner? runner, TextWriter output, TextWriter error, CancellationToken cancellationToken = default, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = new RootCommand("Hyperparameter sweeps from a spec file (docs/sweep-spec.md), resumable and sharded over Slurm job arrays or Kubernetes Indexed Jobs.")
        {
            PlanCommand(output),
            RunCommand(runner, progress ?? output, cancellationToken),
            StatusCommand(output),
            ReportCommand(output),
            SlurmCommand(output),
            KubernetesCommand(output),
        };
        var parse = root.Parse(args);
        if (args.Count == 0)
        {
            error.WriteLine("usage: dynpmnn sweep <plan|run|status|report|slurm|kubernetes> ...; `dynpmnn sweep --help` describes them.");
            return 2;
        }

        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            var name = parse.CommandResult.Command is RootCommand ? "dynpmnn sweep" : $"dynpmnn sweep {parse.CommandResult.Command.Name}";
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"{name}: {problem.Message}");
            }

            error.WriteLine($"`{name} --help` describes the command and its options.");
            return 2;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (SweepUsageException usage)
        {
            error.WriteLine($"dynpmnn sweep {parse.CommandResult.Command.Name}: {usage.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"dynpmnn sweep {parse.CommandResult.Command.Name}: cancelled");
            return 130;
        }
        catch (Exception failure) when (failure is FormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"dynpmnn sweep {parse.CommandResult.Command.Name}: error: {failure.Message}");
            return 1;
        }
    }

    private static Argument<string> Spec() => new("SPEC") { Description = "The sweep spec file (docs/sweep-spec.md)." };

    private static Argument<string> SweepDirectory() => new("DIR") { Description = "The sweep directory." };

    private static Option<int> Positive(string name, string description, int defaultValue, int maximum = int.MaxValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            try
            {
                var value = result.GetValueOrDefault<int>();
                if (value < 1 || value > maximum)
                {
                    result.AddError($"{name} needs a whole number from 1 to {maximum}, not '{value}'.");
                }
            }
            catch (InvalidOperationException)
            {
                // The parser reports text that is no number itself.
            }
        });
        return option;
    }

    private static Command PlanCommand(TextWriter output)
    {
        var spec = Spec();
        var show = Positive("--show", "How many trials to list.", 20);
        var command = new Command("plan", "Expand the spec: trial count, what the constraints left out, the first trials.") { spec, show };
        command.SetAction(parse =>
        {
            var plan = SweepPlan.Expand(SweepSpec.Load(parse.GetValue(spec)!));
            var count = parse.GetValue(show);
            WriteSummary(plan, output);
            var table = new ResultTable([.. (string[])["index", "id", "seed"], .. plan.Summary.SearchedParameters]);
            foreach (var trial in plan.Trials.Take(count))
            {
                var values = trial.SearchedValues();
                table.AddRow([trial.Index, trial.Id, trial.Seed, .. plan.Summary.SearchedParameters.Select(p => (object?)CanonicalJson.Write(values[p]))]);
            }

            output.Write(table.ToText());
            if (plan.Trials.Count > count)
            {
                output.WriteLine($"… and {plan.Trials.Count - count} more");
            }

            return 0;
        });
        return command;
    }

    private static Command RunCommand(TrialRunner? runner, TextWriter output, CancellationToken cancellationToken)
    {
        var spec = Spec();
        var directory = new Option<string>("--out") { Description = "The sweep directory (created; an existing one of the same spec resumes).", Required = true };
        var shard = new Option<string?>("--shard") { Description = "Only trial k with k mod n = i, as i/n (default: from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX when set, else every trial)." };
        var shardCount = new Option<int?>("--shard-count") { Description = "n shards, this one's index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX." };
        var parallel = new Option<int?>("--parallel") { Description = "Trials at once (default: SLURM_CPUS_PER_TASK, else the processor count)." };
        parallel.Validators.Add(result =>
        {
            try
            {
                if (result.GetValueOrDefault<int?>() is { } value && (value < 1 || value > 4096))
                {
                    result.AddError($"--parallel needs a whole number from 1 to 4096, not '{value}'.");
                }
            }
            catch (InvalidOperationException)
            {
            }
        });
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Run failed trials again." };
        var command = new Command("run", "Run the trials that have no result yet in the sweep directory, several at once.") { spec, directory, shard, shardCount, parallel, retryFailed };
        command.SetAction(parse =>
        {
            if (runner is null)
            {
                throw new ArgumentException("this program has no trial runner, so it cannot run trials.");
            }

            if (parse.GetValue(shardCount) is < 1)
            {
                throw new SweepUsageException("--shard-count needs a whole number of at least 1.");
            }

            var (selected, source) = ShardSelection.Resolve(parse.GetValue(shard), parse.GetValue(shardCount));
            var plan = SweepPlan.Expand(SweepSpec.Load(parse.GetValue(spec)!));
            var store = SweepStore.Create(parse.GetValue(directory)!, plan);
            var gate = new object();
            void Log(string line)
            {
                lock (gate)
                {
                    output.WriteLine($"{DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} {line}");
                    output.Flush();
                }
            }

            Log($"sweep {plan.Spec.Name}: {plan.Trials.Count} trial(s) in {store.Directory}; shard {selected} ({source}); program {plan.ProgramVersion}");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var terminate = OnTerminate(() =>
            {
                Log("SIGTERM: no new trials start; running ones are asked to stop");
                stop.Cancel();
            });
            var summary = SweepExecutor.Run(plan, store, runner, new SweepRunOptions
            {
                Shard = selected,
                Parallelism = parse.GetValue(parallel) ?? SweepRunOptions.DefaultParallelism(),
                RetryFailed = parse.GetValue(retryFailed),
                Log = Log,
            }, stop.Token);
            return summary.Cancelled ? 130 : 0;
        });
        return command;
    }

    private static Command StatusCommand(TextWriter output)
    {
        var directory = SweepDirectory();
        var shards = Positive("--shards", "Also count over this many shards.", 1);
        var command = new Command("status", "Done, failed and remaining trials, overall and per shard.") { directory, shards };
        command.SetAction(parse =>
        {
            output.Write(SweepStatus.Of(SweepStore.Open(parse.GetValue(directory)!), parse.GetValue(shards)).ToText());
            return 0;
        });
        return command;
    }

    private static Command ReportCommand(TextWriter output)
    {
        var directory = SweepDirectory();
        var select = new Option<string>("--select") { Description = "spec (the spec's selection, else its metric and direction), classification (max validAccuracy, then min validLoss) or regression (min validLoss).", DefaultValueFactory = _ => "spec" };
        select.AcceptOnlyFromAmong("spec", "classification", "regression");
        var csv = new Option<string?>("--csv") { Description = "Also write every trial as CSV." };
        var json = new Option<string?>("--json") { Description = "Also write every trial as JSON." };
        var top = Positive("--top", "Rows of the table printed.", 10);
        var figure = new Option<string?>("--figure") { Description = "Also draw the metric against --x (a curve) or --x and --y (a heat map), as .png or .svg." };
        var x = new Option<string?>("--x") { Description = "The searched parameter along the figure's x axis, such as protocol.learningRate." };
        var y = new Option<string?>("--y") { Description = "A second searched parameter, along the y axis: the figure is a heat map." };
        var metric = new Option<string?>("--metric") { Description = "The metric the figure shows (default: the selection rule's first)." };
        var direction = new Option<SelectionDirection?>("--direction") { Description = "Whether a smaller (min) or larger (max) metric is better (default: the selection rule's, for a metric it ranks by)." };
        var command = new Command("report", "Every trial's values and metrics, the best trial, and a figure of a metric against one or two parameters.") { directory, select, csv, json, top, figure, x, y, metric, direction };
        command.SetAction(parse =>
        {
            var figurePath = parse.GetValue(figure);
            if (figurePath is null && (parse.GetValue(x) ?? parse.GetValue(y) ?? parse.GetValue(metric)) is not null)
            {
                throw new SweepUsageException("--x, --y and --metric describe a figure; give --figure FILE.png or FILE.svg too.");
            }

            if (figurePath is not null && parse.GetValue(x) is null)
            {
                throw new SweepUsageException("--figure needs --x PARAMETER (and --y PARAMETER for a heat map).");
            }

            var extension = figurePath is null ? null : Path.GetExtension(figurePath).ToLowerInvariant();
            if (extension is not (null or ".png" or ".svg"))
            {
                throw new SweepUsageException($"--figure {figurePath}: the file must end in .png or .svg.");
            }

            var store = SweepStore.Open(parse.GetValue(directory)!);
            var report = SweepReport.Of(store, SelectionRule.Named(parse.GetValue(select)!, store.Manifest.Spec));
            output.Write(report.ToText(parse.GetValue(top)));
            if (parse.GetValue(csv) is { } csvPath)
            {
                AtomicFile.WriteAllText(csvPath, report.ToCsv());
                output.WriteLine($"wrote {csvPath}");
            }

            if (parse.GetValue(json) is { } jsonPath)
            {
                AtomicFile.WriteAllText(jsonPath, report.ToJson());
                output.WriteLine($"wrote {jsonPath}");
            }

            if (figurePath is not null)
            {
                using var drawn = SweepFigure.Draw(report, parse.GetValue(x)!, parse.GetValue(y), parse.GetValue(metric), parse.GetValue(direction));
                if (extension == ".png")
                {
                    drawn.SavePng(figurePath);
                }
                else
                {
                    drawn.SaveSvg(figurePath);
                }

                output.WriteLine($"wrote {figurePath}");
            }

            return 0;
        });
        return command;
    }

    private static Command SlurmCommand(TextWriter output)
    {
        var spec = Spec();
        var directory = new Option<string>("--out") { Description = "The sweep directory, on a file system every node shares.", Required = true };
        var tasks = Positive("--tasks", "The job array's size: one shard per task.", 1);
        tasks.Required = true;
        var executable = new Option<string?>("--exe") { Description = "The dynpmnn executable on the nodes (default: this program)." };
        var time = new Option<string>("--time") { Description = "Each task's time limit.", DefaultValueFactory = _ => "01:00:00" };
        var cpus = Positive("--cpus-per-task", "CPUs per task (trials run that many at once).", 1);
        var partition = new Option<string?>("--partition") { Description = "The partition." };
        var account = new Option<string?>("--account") { Description = "The account." };
        var memory = new Option<string?>("--mem") { Description = "Memory per task, such as 4G." };
        var maxRunning = new Option<int?>("--max-running") { Description = "At most this many tasks at once (%K)." };
        var logs = new Option<string?>("--logs") { Description = "Where the tasks' logs go (default DIR/logs)." };
        var scriptOption = new Option<string?>("--script") { Description = "Where the script goes (default DIR/NAME.sbatch)." };
        var command = new Command("slurm", "Write an sbatch script for a job array, one shard per task.") { spec, directory, tasks, executable, time, cpus, partition, account, memory, maxRunning, logs, scriptOption };
        command.SetAction(parse =>
        {
            var folder = Path.GetFullPath(parse.GetValue(directory)!);
            var count = parse.GetValue(tasks);
            var specPath = Path.GetFullPath(parse.GetValue(spec)!);
            var logFolder = Path.GetFullPath(parse.GetValue(logs) ?? Path.Combine(folder, "logs"));
            var plan = SweepPlan.Expand(SweepSpec.Load(specPath));
            var script = new SlurmScript
            {
                JobName = plan.Spec.Name,
                Tasks = count,
                MaxRunning = parse.GetValue(maxRunning),
                CpusPerTask = parse.GetValue(cpus),
                Time = parse.GetValue(time)!,
                LogDirectory = logFolder,
                Partition = parse.GetValue(partition),
                Account = parse.GetValue(account),
                Memory = parse.GetValue(memory),
                Command = [.. parse.GetValue(executable) is { } exe ? [Path.GetFullPath(exe)] : ThisProgram(), "sweep", "run", specPath, "--out", folder, "--shard-count", count.ToString(CultureInfo.InvariantCulture)],
            };
            var path = Path.GetFullPath(parse.GetValue(scriptOption) ?? Path.Combine(folder, plan.Spec.Name + ".sbatch"));
            Directory.CreateDirectory(logFolder);
            AtomicFile.WriteAllText(path, script.Render());
            WriteSummary(plan, output);
            if (count > plan.Trials.Count)
            {
                output.WriteLine($"note: {count} tasks for {plan.Trials.Count} trials; tasks {plan.Trials.Count} and up have nothing to do.");
            }

            output.WriteLine($"wrote {path}; submit it with: sbatch {ShellQuote.Word(path)}");
            return 0;
        });
        return command;
    }

    private static Command KubernetesCommand(TextWriter output)
    {
        var spec = Spec();
        var tasks = Positive("--tasks", "The Job's completions: one shard per pod.", 1);
        tasks.Required = true;
        var image = new Option<string>("--image") { Description = "The container image with dynpmnn.", Required = true };
        var claim = new Option<string>("--claim") { Description = "A ReadWriteMany persistent volume claim every pod mounts.", Required = true };
        var parallelism = new Option<int?>("--parallelism") { Description = "Pods at once (default: all)." };
        var mount = new Option<string>("--mount") { Description = "Where the claim is mounted.", DefaultValueFactory = _ => "/sweep" };
        var podSpec = new Option<string?>("--pod-spec") { Description = "The spec file's path in the pods (default MOUNT/SPEC-FILE)." };
        var podOut = new Option<string?>("--out") { Description = "The sweep directory in the pods (default MOUNT/NAME)." };
        var executable = new Option<string>("--exe") { Description = "The dynpmnn executable in the image.", DefaultValueFactory = _ => "/usr/local/bin/dynpmnn" };
        var cpus = Positive("--cpus", "CPUs per pod.", 1);
        var memory = new Option<string?>("--mem") { Description = "Memory per pod, such as 4Gi." };
        var name = new Option<string?>("--name") { Description = "The Job's name (default: from the spec's name)." };
        var manifestOption = new Option<string?>("--manifest") { Description = "Where the manifest goes (default NAME.job.yaml)." };
        var command = new Command("kubernetes", "Write a Kubernetes Indexed Job whose pods share the sweep directory on a volume claim.") { spec, tasks, image, claim, parallelism, mount, podSpec, podOut, executable, cpus, memory, name, manifestOption };
        command.SetAction(parse =>
        {
            var specPath = parse.GetValue(spec)!;
            var count = parse.GetValue(tasks);
            var mountPath = parse.GetValue(mount)!;
            var plan = SweepPlan.Expand(SweepSpec.Load(specPath));
            var jobName = parse.GetValue(name) ?? JobName(plan.Spec.Name);
            var specInPod = parse.GetValue(podSpec) ?? $"{mountPath.TrimEnd('/')}/{Path.GetFileName(specPath)}";
            var job = new KubernetesJob
            {
                Name = jobName,
                Completions = count,
                Parallelism = parse.GetValue(parallelism) ?? count,
                Image = parse.GetValue(image)!,
                VolumeClaim = parse.GetValue(claim)!,
                MountPath = mountPath,
                Cpus = parse.GetValue(cpus),
                Memory = parse.GetValue(memory),
                Command = [parse.GetValue(executable)!, "sweep", "run", specInPod, "--out", parse.GetValue(podOut) ?? $"{mountPath.TrimEnd('/')}/{plan.Spec.Name}", "--shard-count", count.ToString(CultureInfo.InvariantCulture)],
            };
            var path = Path.GetFullPath(parse.GetValue(manifestOption) ?? jobName + ".job.yaml");
            AtomicFile.WriteAllText(path, job.Render());
            WriteSummary(plan, output);
            output.WriteLine($"wrote {path}; copy {Path.GetFileName(specPath)} to {specInPod} on the claim {parse.GetValue(claim)}, then: kubectl apply -f {ShellQuote.Word(path)}");
            return 0;
        });
        return command;
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
