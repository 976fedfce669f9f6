using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace DynPmnn.Tests.Packaging;

/// <summary>
/// Packs src/DynPmnn and builds a separate console project against the package alone, as a user would: the package must
/// carry the generator, or the consumer's own <c>[Neuron]</c> type would not implement <c>INeuron</c> and the build fails.
/// </summary>
/// <remarks>
/// Restore is offline: the consumer's sources are the packed folder and this machine's global packages folder (where
/// restoring this repository put System.Numerics.Tensors), and its own global packages folder is a temporary one, so
/// nothing is cached between runs and a stale DynPmnn can never be picked up.
/// </remarks>
[Trait("Category", "Packaging")]
public sealed class PackageConsumptionTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private const string ConsumerProgram = """
        using System.Globalization;
        using DynPmnn;
        using DynPmnn.Neurons;

        // dv/dt = -v / tau with tau = 0.5, from v = 1 to t = 1 by 100 RK4 steps: v(1) = exp(-2).
        var states = new double[] { 1.0 };
        Run<Consumer.Decay>(states);
        Console.WriteLine(states[0].ToString("R", CultureInfo.InvariantCulture));

        static void Run<TNeuron>(double[] states)
            where TNeuron : INeuron<TNeuron>
        {
            if (TNeuron.StateCount != 1 || TNeuron.ParameterCount != 1 || TNeuron.InputCount != 0)
            {
                throw new InvalidOperationException("Unexpected shape " + TNeuron.Descriptor.Name);
            }

            TNeuron.Integrate(Integrator.RungeKutta4, 0.01, 100, 1, states, [0.5], []);
        }

        namespace Consumer
        {
            [Neuron]
            public partial struct Decay
            {
                [State] public float V;
                [Parameter(1.0)] public float Tau;

                private readonly void Derivatives(out float dV)
                {
                    dV = -V / Tau;
                }
            }
        }
        """;

    [Fact(Timeout = 240_000)]
    public async Task PackedLibraryCompilesAndRunsAConsumersNeuron()
    {
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("dynpmnn-pack-");
        try
        {
            var feed = Path.Combine(work.FullName, "feed");
            var consumer = Path.Combine(work.FullName, "consumer");
            Directory.CreateDirectory(consumer);

            await Dotnet(root, "pack", Path.Combine(root, "src", "DynPmnn"), "-c", Configuration, "-o", feed);
            var package = Assert.Single(Directory.GetFiles(feed, "DynPmnn.*.nupkg"));
            var version = Path.GetFileNameWithoutExtension(package)["DynPmnn.".Length..];
            using (var archive = ZipFile.OpenRead(package))
            {
                var entries = archive.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("lib/net10.0/DynPmnn.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/DynPmnn.SourceGenerators.dll", entries);
                Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("SourceGenerators", StringComparison.Ordinal));
                using var nuspec = new StreamReader(archive.GetEntry("DynPmnn.nuspec")!.Open());
                var manifest = await nuspec.ReadToEndAsync();
                Assert.Contains("System.Numerics.Tensors", manifest);
                Assert.DoesNotContain("DynPmnn.SourceGenerators", manifest);
            }

            var globalPackages = await GlobalPackagesFolder(root);
            WriteConsumer(consumer, feed, globalPackages, Path.Combine(work.FullName, "packages"), version);
            var output = await Dotnet(consumer, "run", "-c", "Release");
            var value = double.Parse(output.Trim().Split('\n')[^1].Trim(), CultureInfo.InvariantCulture);
            Assert.Equal(Math.Exp(-2), value, 1e-9);
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by an exiting build node; the temporary folder is cleaned up by the system.
            }
        }
    }

    private static void WriteConsumer(string consumer, string feed, string globalPackages, string isolatedPackages, string version)
    {
        // Empty Directory.* files stop MSBuild from picking up any found above the temporary folder.
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(consumer, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{isolatedPackages}" />
              </config>
              <packageSources>
                <clear />
                <add key="packed" value="{feed}" />
                <add key="machine" value="{globalPackages}" />
              </packageSources>
              <packageSourceMapping>
                <clear />
              </packageSourceMapping>
              <disabledPackageSources>
                <clear />
              </disabledPackageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="DynPmnn" Version="[{version}]" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), ConsumerProgram);
    }

    private static async Task<string> GlobalPackagesFolder(string root)
    {
        var configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        // "global-packages: /home/me/.nuget/packages/"
        var line = await Dotnet(root, "nuget", "locals", "global-packages", "--list");
        return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DynPmnn.Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No DynPmnn.Generators.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Runs <c>dotnet</c> without build servers (which would outlive it and hold its output open) and returns its output.</summary>
    private static async Task<string> Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (arguments[0] is "pack" or "run")
        {
            start.ArgumentList.Add("--disable-build-servers");
        }

        // The test host's own MSBuild settings must not leak into the nested builds.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} took longer than {CommandTimeout}.");
        }

        output.Append(await stdout).Append(await stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} in {workingDirectory} exited with {process.ExitCode}:\n{output}");
        }

        return await stdout;
    }
}
