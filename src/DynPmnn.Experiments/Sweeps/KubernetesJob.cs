using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// A Kubernetes Indexed Job that runs a sweep: <see cref="Completions"/> pods, each with its
/// <c>JOB_COMPLETION_INDEX</c> as its shard, <see cref="Parallelism"/> at a time, all writing to one shared volume
/// (a ReadWriteMany persistent volume claim holding the spec and the sweep directory).
/// </summary>
public sealed partial record KubernetesJob
{
    /// <summary>The Job's name: lower-case letters, digits and '-', at most 63 characters.</summary>
    public required string Name { get; init; }

    /// <summary>Pods (shards) in all, indexed 0 to Completions − 1.</summary>
    public required int Completions { get; init; }

    /// <summary>Pods running at once.</summary>
    public required int Parallelism { get; init; }

    /// <summary>The container image with the dynpmnn executable (see the Dockerfile at the repository root).</summary>
    public required string Image { get; init; }

    /// <summary>What each pod runs: the executable and its arguments (<c>sweep run SPEC --out DIR --shard-count N</c>), paths as the pod sees them.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The persistent volume claim shared by every pod.</summary>
    public required string VolumeClaim { get; init; }

    /// <summary>Where the claim is mounted in the pods.</summary>
    public string MountPath { get; init; } = "/sweep";

    /// <summary>CPUs each pod requests, which the sweep takes as its number of trials run at once.</summary>
    public int Cpus { get; init; } = 1;

    /// <summary>Memory each pod requests and is limited to (<c>4Gi</c>), or null.</summary>
    public string? Memory { get; init; }

    /// <summary>Retries of a failed pod per index (backoffLimitPerIndex, Kubernetes 1.29 and later).</summary>
    public int RetriesPerIndex { get; init; } = 2;

    /// <summary>The manifest as YAML (every string written in JSON's double-quoted form, which YAML reads the same).</summary>
    /// <exception cref="ArgumentException">A setting Kubernetes would reject; the message names it.</exception>
    public string Render()
    {
        if (!NamePattern().IsMatch(Name))
        {
            throw new ArgumentException($"The Job name '{Name}' must be lower-case letters, digits and '-', start and end with a letter or digit, and be at most 63 characters.");
        }

        if (Completions < 1 || Parallelism < 1 || Cpus < 1 || RetriesPerIndex < 0)
        {
            throw new ArgumentException($"Completions ({Completions}), parallelism ({Parallelism}) and CPUs ({Cpus}) must be at least 1, retries ({RetriesPerIndex}) at least 0.");
        }

        if (string.IsNullOrWhiteSpace(Image) || string.IsNullOrWhiteSpace(VolumeClaim) || Command is null || Command.Count == 0)
        {
            throw new ArgumentException("The image, the volume claim and the command must be given.");
        }

        var cpu = Cpus.ToString(CultureInfo.InvariantCulture);
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"""
            # Sweep {Name}: {Completions} indexed pod(s); pod i runs shard i of {Completions} (trial k belongs to shard k mod {Completions}).
            # Apply with kubectl apply -f; recorded trials are skipped, so a new Job of the same manifest finishes what is missing.
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: {Q(Name)}
            spec:
              completionMode: Indexed
              completions: {Completions}
              parallelism: {Parallelism}
              backoffLimitPerIndex: {RetriesPerIndex}
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: sweep
                      image: {Q(Image)}
                      command: [{string.Join(", ", Command.Select(Q))}]
                      resources:
                        requests:
                          cpu: {Q(cpu)}

            """);
        if (Memory is not null)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                              memory: {Q(Memory)}
                            limits:
                              memory: {Q(Memory)}

                """);
        }

        yaml.Append(CultureInfo.InvariantCulture, $"""
                      volumeMounts:
                        - name: sweep
                          mountPath: {Q(MountPath)}
                  volumes:
                    - name: sweep
                      persistentVolumeClaim:
                        claimName: {Q(VolumeClaim)}

            """);
        return yaml.ToString();
    }

    private static string Q(string value) => JsonSerializer.Serialize(value, SweepJson.Default.String);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex NamePattern();
}
