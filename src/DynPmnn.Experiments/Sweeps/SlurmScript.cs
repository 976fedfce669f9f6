using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// A ready <c>sbatch</c> script that runs a sweep as a Slurm job array: one array task per shard, each running its
/// shard of the trials with <see cref="CpusPerTask"/> trials at a time. Submitting it again after a failure, a time
/// limit or a cancellation runs only what is missing.
/// </summary>
public sealed partial record SlurmScript
{
    /// <summary>The job's name in squeue and in log file names (<c>%x</c>).</summary>
    public required string JobName { get; init; }

    /// <summary>Array tasks, numbered 0 to Tasks − 1; each is one shard.</summary>
    public required int Tasks { get; init; }

    /// <summary>The most array tasks running at once (<c>--array=…%k</c>), or null for no limit.</summary>
    public int? MaxRunning { get; init; }

    /// <summary>CPUs per array task, which the sweep takes as its number of trials run at once.</summary>
    public int CpusPerTask { get; init; } = 1;

    /// <summary>Each task's time limit in one of Slurm's forms: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS.</summary>
    public required string Time { get; init; }

    /// <summary>Where the tasks' output and error logs go (<c>%x_%A_%a.out</c>, <c>.err</c>); it must exist when the job starts.</summary>
    public required string LogDirectory { get; init; }

    public string? Partition { get; init; }

    public string? Account { get; init; }

    /// <summary>Memory per node, as <c>--mem</c> takes it (<c>4G</c>, <c>500M</c>).</summary>
    public string? Memory { get; init; }

    /// <summary>What each task runs: the dynpmnn executable and its arguments (<c>sweep run SPEC --out DIR --shard-count N</c>).</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The script's text.</summary>
    /// <exception cref="ArgumentException">A setting Slurm would reject or misread; the message names it.</exception>
    public string Render()
    {
        Validate();
        var array = $"0-{Tasks - 1}" + (MaxRunning is { } k ? $"%{k}" : string.Empty);
        var log = LogDirectory.TrimEnd('/');
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"# Sweep {JobName}: {Tasks} array task(s); task i runs shard i of {Tasks} (trial k belongs to shard k mod {Tasks}).\n");
        text.Append("# Submit with sbatch. Submit again after a failure, a time limit or scancel: recorded trials are skipped.\n");
        text.Append("# To rerun some shards only: sbatch --array=1,3 THIS_FILE\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={JobName}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --array={array}\n");
        text.Append("#SBATCH --ntasks=1\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={CpusPerTask}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={Time}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={log}/%x_%A_%a.out\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --error={log}/%x_%A_%a.err\n");
        if (Partition is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={Partition}\n");
        }

        if (Account is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"#SBATCH --account={Account}\n");
        }

        if (Memory is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"#SBATCH --mem={Memory}\n");
        }

        text.Append("set -euo pipefail\n");
        // exec: scancel's SIGTERM then reaches the sweep itself, which stops starting trials and leaves no partial result.
        text.Append("exec ").Append(ShellQuote.Command(Command)).Append('\n');
        return text.ToString();
    }

    private void Validate()
    {
        Check(JobName, "the job name");
        if (Tasks < 1)
        {
            throw new ArgumentException($"A job array needs at least one task, not {Tasks}.");
        }

        if (MaxRunning is < 1)
        {
            throw new ArgumentException($"The most running tasks is {MaxRunning}; it must be at least 1.");
        }

        if (CpusPerTask < 1)
        {
            throw new ArgumentException($"--cpus-per-task is {CpusPerTask}; it must be at least 1.");
        }

        if (!TimePattern().IsMatch(Time))
        {
            throw new ArgumentException($"The time limit '{Time}' is not one of Slurm's forms: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS.");
        }

        Check(LogDirectory, "the log directory");
        if (Partition is not null)
        {
            Check(Partition, "the partition");
        }

        if (Account is not null)
        {
            Check(Account, "the account");
        }

        if (Memory is not null && !MemoryPattern().IsMatch(Memory))
        {
            throw new ArgumentException($"The memory '{Memory}' is not a size Slurm reads, such as 4G, 500M or 4096.");
        }

        if (Command is null || Command.Count == 0)
        {
            throw new ArgumentException("The command each task runs is empty.");
        }
    }

    /// <summary>#SBATCH lines are not parsed by a shell: a value must be one word without quotes.</summary>
    private static void Check(string value, string what)
    {
        if (string.IsNullOrEmpty(value) || value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '#' or '\\'))
        {
            throw new ArgumentException($"{char.ToUpperInvariant(what[0])}{what[1..]} '{value}' must be one word without spaces, quotes, '#' or '\\' (#SBATCH lines are not read by a shell).");
        }
    }

    [GeneratedRegex(@"^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d+|\d+-\d+:\d{1,2}|\d+-\d+:\d{1,2}:\d{1,2})$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^\d+[KMGT]?$")]
    private static partial Regex MemoryPattern();
}
