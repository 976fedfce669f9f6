using System.Collections.Immutable;
using DynPmnn.SourceGenerators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// Compiles C# source strings against the whole shared framework and the DynPmnn runtime, runs
/// <see cref="NeuronGenerator"/> over them and compiles the result, the way a user's build would.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>A library compilation of <paramref name="sources"/>, named <c>Source0.cs</c>, <c>Source1.cs</c>, ...</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(sources.Select((source, i) => ($"Source{i}.cs", source)).ToArray());

    public static CSharpCompilation CreateCompilation(params (string Path, string Source)[] sources) =>
        CSharpCompilation.Create(
            "GeneratorTestAssembly",
            sources.Select(s => ParseSource(s.Source, s.Path)),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                deterministic: true));

    public static SyntaxTree ParseSource(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>A driver with step tracking on, so tests can read <see cref="IncrementalGeneratorRunStep"/>s.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new NeuronGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    public static GeneratorRun Run(Compilation compilation) => Run(CreateDriver(), compilation);

    /// <summary>Runs <paramref name="driver"/> (fresh, or one that already ran, to test caching) on <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult();
        return new GeneratorRun(
            driver,
            result,
            result.Results.Single(),
            generatorDiagnostics,
            output,
            output.GetDiagnostics());
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(NeuronAttribute).Assembly.Location);
        return paths
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}

/// <summary>What one generator run produced: the sources, the generator's diagnostics and the compiled output's.</summary>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    GeneratorDriverRunResult RunResult,
    GeneratorRunResult Result,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    Compilation OutputCompilation,
    ImmutableArray<Diagnostic> CompilationDiagnostics)
{
    public ImmutableArray<GeneratedSourceResult> GeneratedSources => Result.GeneratedSources;

    /// <summary>Errors and warnings of the output compilation (hidden and info diagnostics are not problems).</summary>
    public ImmutableArray<Diagnostic> CompilationProblems =>
        CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    public GeneratedSourceResult Source(string hintName) =>
        GeneratedSources.SingleOrDefault(s => s.HintName == hintName) is { HintName: not null } source
            ? source
            : throw new Xunit.Sdk.XunitException($"No generated source '{hintName}'; generated: {string.Join(", ", GeneratedSources.Select(s => s.HintName))}");

    /// <summary>Fails with every problem listed when the generator threw, reported anything, or its output does not compile cleanly.</summary>
    public void AssertCleanBuild()
    {
        Assert.Null(Result.Exception);
        Assert.True(GeneratorDiagnostics.IsEmpty, "Generator diagnostics:\n" + Format(GeneratorDiagnostics));
        var problems = CompilationProblems;
        Assert.True(problems.IsEmpty, "Compilation errors and warnings:\n" + Format(problems));
    }

    public static string Format(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => "  " + d.ToString()));
}
