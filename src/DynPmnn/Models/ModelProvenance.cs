namespace DynPmnn.Models;

/// <summary>Where a trained model came from: enough to tell two models apart and to repeat the training.</summary>
/// <remarks>Settable properties for the source-generated JSON reader (it drops init-only defaults).</remarks>
public sealed record ModelProvenance
{
    /// <summary>The DynPmnn version that trained it.</summary>
    public string ProgramVersion { get; set; } = string.Empty;

    /// <summary>The data set's name (a built-in name or the file's name).</summary>
    public string Dataset { get; set; } = string.Empty;

    /// <summary>SHA-256 of the data file(s) trained on, when known.</summary>
    public string? DataSha256 { get; set; }

    /// <summary>The split: method, seed and ratios, in words.</summary>
    public string Split { get; set; } = string.Empty;

    /// <summary>The split's method (Sklearn or Paper), so the same test rows can be found again.</summary>
    public string? SplitMethod { get; set; }

    /// <summary>The split's seed.</summary>
    public int? SplitSeed { get; set; }

    /// <summary>The seed of initialisation and shuffling.</summary>
    public int Seed { get; set; }

    /// <summary>When training finished (UTC, ISO 8601).</summary>
    public string TrainedAt { get; set; } = string.Empty;

    /// <summary>The widest vector instructions used (AVX-512, AVX2, ...): results are reproducible bit for bit on the same kind.</summary>
    public string InstructionSet { get; set; } = string.Empty;

    /// <summary>The instruction set of this process, in the form <see cref="InstructionSet"/> records.</summary>
    public static string CurrentInstructionSet =>
        System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? "x86-64 AVX-512"
        : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "x86-64 AVX2"
        : System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? "Arm64 AdvSIMD"
        : System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();

    /// <summary>The informational version of the DynPmnn library.</summary>
    public static string CurrentProgramVersion =>
        typeof(ModelProvenance).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";
}
