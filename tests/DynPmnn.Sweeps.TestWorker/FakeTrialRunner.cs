using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DynPmnn.Experiments.Sweeps;

namespace DynPmnn.Sweeps.TestWorker;

/// <summary>
/// A trial runner that trains nothing: its metrics are a fixed function of the trial's canonical JSON, so two runs of
/// one trial anywhere agree bit for bit. It can wait (to be cancelled mid-trial), fail on purpose, and leave a marker
/// per completed trial (to count how often each trial really ran).
/// </summary>
public static class FakeTrialRunner
{
    /// <summary>Milliseconds each trial waits before it finishes (default 0).</summary>
    public const string DelayVariable = "DYNPMNN_TEST_TRIAL_MS";

    /// <summary>A folder that gets one new empty file, <c>&lt;id&gt;.&lt;guid&gt;</c>, per completed trial.</summary>
    public const string CompletionsVariable = "DYNPMNN_TEST_COMPLETIONS";

    /// <summary>A trial with this batch size throws, to test failed trials.</summary>
    public const int FailingBatchSize = 13;

    public static TrialOutcome Run(Trial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (int.TryParse(Environment.GetEnvironmentVariable(DelayVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var delay) && delay > 0
            && cancellationToken.WaitHandle.WaitOne(delay))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (trial.Config.Protocol.BatchSize == FailingBatchSize)
        {
            throw new InvalidOperationException($"batch size {FailingBatchSize} fails on purpose");
        }

        var outcome = Outcome(trial);
        if (Environment.GetEnvironmentVariable(CompletionsVariable) is { Length: > 0 } completions)
        {
            File.WriteAllBytes(Path.Combine(completions, $"{trial.Id}.{Guid.NewGuid():N}"), []);
        }

        return outcome;
    }

    /// <summary>The metrics of <paramref name="trial"/>: a loss that grows with the distance of the learning rate from 1e-3, plus a hash-based term.</summary>
    public static TrialOutcome Outcome(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(trial.CanonicalJson));
        var unit = BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue;
        var distance = Math.Abs(Math.Log10(trial.Config.Protocol.LearningRate) + 3);
        var loss = 0.1 + distance + (0.01 * unit);
        return new TrialOutcome
        {
            Metrics = new Dictionary<string, double>
            {
                ["validLoss"] = loss,
                ["validAccuracy"] = Math.Round(1 / (1 + loss), 2),
                ["testRmse"] = Math.Sqrt(loss),
            },
            DatasetSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(trial.Config.Dataset))),
            Notes = [$"fake runner, seed {trial.Seed}"],
        };
    }
}
