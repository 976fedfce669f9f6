using System.Runtime.InteropServices;
using ArmIsa = System.Runtime.Intrinsics.Arm;
using X86Isa = System.Runtime.Intrinsics.X86;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// Where and by what a trial's result was made: enough to tell, when two results of one configuration differ, whether
/// the program, the data, the processor's instruction sets or the machine differed.
/// </summary>
/// <remarks>Settable rather than init-only: the source-generated JSON reader sets every init-only property.</remarks>
public sealed record Provenance
{
    /// <summary>The cluster variables recorded when present: Slurm's job, array and node, Kubernetes' completion index and pod.</summary>
    public static readonly IReadOnlyList<string> SchedulerVariables =
    [
        "SLURM_CLUSTER_NAME", "SLURM_JOB_ID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID", "SLURM_JOB_PARTITION", "SLURMD_NODENAME",
        "JOB_COMPLETION_INDEX", "HOSTNAME",
    ];

    public required string ProgramVersion { get; set; }

    public required string Dataset { get; set; }

    /// <summary>The SHA-256 of the data as the trial runner reported it, or null if it did not.</summary>
    public string? DatasetSha256 { get; set; }

    public required int Seed { get; set; }

    /// <summary>The operating system, as the runtime describes it.</summary>
    public required string Os { get; set; }

    /// <summary>The .NET runtime.</summary>
    public required string Framework { get; set; }

    /// <summary>X64, Arm64, …</summary>
    public required string Architecture { get; set; }

    /// <summary>The processor's model name where the system tells it (Linux: /proc/cpuinfo), else null.</summary>
    public string? Processor { get; set; }

    /// <summary>The vector instruction sets the runtime uses here (after any DOTNET_Enable… switches), and whether 256- and 512-bit vectors are accelerated.</summary>
    public required IReadOnlyList<string> InstructionSets { get; set; }

    public required int LogicalProcessors { get; set; }

    public required string Machine { get; set; }

    /// <summary>The scheduler's variables (see <see cref="SchedulerVariables"/>) that were set, by name.</summary>
    public IReadOnlyDictionary<string, string> Scheduler { get; set; } = new Dictionary<string, string>();

    /// <summary>The provenance of a trial run by this process now.</summary>
    public static Provenance Capture(Trial trial, string? datasetSha256)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new Provenance
        {
            ProgramVersion = trial.ProgramVersion,
            Dataset = trial.Config.Dataset,
            DatasetSha256 = datasetSha256,
            Seed = trial.Seed,
            Os = RuntimeInformation.OSDescription,
            Framework = RuntimeInformation.FrameworkDescription,
            Architecture = RuntimeInformation.ProcessArchitecture.ToString(),
            Processor = ProcessorName.Value,
            InstructionSets = InstructionSetNames.Value,
            LogicalProcessors = Environment.ProcessorCount,
            Machine = Environment.MachineName,
            Scheduler = SchedulerVariables
                .Select(name => (name, value: Environment.GetEnvironmentVariable(name)))
                .Where(v => !string.IsNullOrEmpty(v.value))
                .ToDictionary(v => v.name, v => v.value!, StringComparer.Ordinal),
        };
    }

    private static readonly Lazy<string?> ProcessorName = new(() =>
    {
        try
        {
            const string cpuinfo = "/proc/cpuinfo";
            return File.Exists(cpuinfo)
                ? File.ReadLines(cpuinfo).Where(l => l.StartsWith("model name", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':') + 1)..].Trim()).FirstOrDefault()
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    });

    private static readonly Lazy<IReadOnlyList<string>> InstructionSetNames = new(() =>
    {
        var names = new List<string>();
        void Add(bool supported, string name)
        {
            if (supported)
            {
                names.Add(name);
            }
        }

        Add(X86Isa.Sse42.IsSupported, "Sse42");
        Add(X86Isa.Avx.IsSupported, "Avx");
        Add(X86Isa.Avx2.IsSupported, "Avx2");
        Add(X86Isa.Fma.IsSupported, "Fma");
        Add(X86Isa.Avx512F.IsSupported, "Avx512F");
        Add(X86Isa.Avx512BW.IsSupported, "Avx512BW");
        Add(X86Isa.Avx512DQ.IsSupported, "Avx512DQ");
        Add(X86Isa.Avx512CD.IsSupported, "Avx512CD");
        Add(X86Isa.Avx512Vbmi.IsSupported, "Avx512Vbmi");
        Add(X86Isa.Avx10v1.IsSupported, "Avx10v1");
        Add(ArmIsa.AdvSimd.IsSupported, "AdvSimd");
        Add(ArmIsa.AdvSimd.Arm64.IsSupported, "AdvSimd.Arm64");
        Add(ArmIsa.Dp.IsSupported, "Dp");
        Add(ArmIsa.Rdm.IsSupported, "Rdm");
        Add(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, "Vector256");
        Add(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, "Vector512");
        return names;
    });
}
