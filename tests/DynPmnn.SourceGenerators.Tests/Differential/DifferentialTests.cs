using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace DynPmnn.SourceGenerators.Tests.Differential;

/// <summary>
/// The safeguard against silently wrong kernels: random right-hand sides over the C# the generator accepts are compiled
/// with the generator, loaded, and run. At random points, including exact ties that decide comparisons:
/// <list type="bullet">
/// <item>the neuron's own compiled <c>Derivatives</c> (C#'s semantics by construction), the generated float kernel in
/// every width (<c>RightHandSide&lt;F32x1/F32x4/F32x8&gt;</c>) and the generated double path
/// (<c>EvaluateRightHandSide</c>) must agree within a bound on float rounding;</item>
/// <item>the generated Jacobian and vector–Jacobian product must match central finite differences of the generated
/// double right-hand side, wherever no branch changes within the difference step.</item>
/// </list>
/// </summary>
/// <remarks>
/// <para>
/// The bound is honest rather than a fixed number of ulps, because the two sides legitimately round differently: the
/// kernels fuse multiply-adds, fold constants in double, compute C#'s double subexpressions in float (and the double
/// path everything in double), and compute transcendental functions with their own implementations. Each random
/// expression is therefore also evaluated in double with a first-order running error bound (see <see cref="Val"/>):
/// every operation adds one float rounding of its result (4 ulps for exp, log, sqrt, sin, cos; 8, in absolute terms,
/// for tanh, sinh, cosh, built from exp; pow's error grows with |y·ln x|) and propagates its operands' bounds through
/// its derivative. Two results agree when they differ by at most twice the bound plus one rounding of the result.
/// Comparisons that the bound could flip, and values past the float range, make a point ambiguous and it is skipped;
/// a NaN is exact: both sides must give one.
/// </para>
/// <para>
/// Derivatives are checked in double against central differences at points where the float evaluation is well
/// conditioned, with steps h, h/2 and h/4 that must converge; the difference of the last two estimates bounds the
/// truncation error, and the generated value must be within four times it (plus 1e-7 relative).
/// </para>
/// <para>
/// The default run draws <see cref="DefaultCount"/> right-hand sides from a fixed seed. Set <c>DYNPMNN_FUZZ_COUNT</c>
/// (for example 5000) for a longer run and <c>DYNPMNN_FUZZ_SEED</c> for other expressions; a failure prints the seed,
/// the neuron's source and the point.
/// </para>
/// </remarks>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    public const int DefaultCount = 200;
    public const int DefaultSeed = 20_250_611;

    private const int StatesPerNeuron = 8;
    private const int Parameters = 3;
    private const int Inputs = 2;
    private const int NeuronsPerCompilation = 25;
    private const int PointsPerNeuron = 8;
    private const int MaxReported = 12;

    private static readonly double[] Pool = [-1.5, -1, -0.5, 0, 0.5, 1, 2];

    [Fact]
    public void GeneratedKernelsAgreeWithCSharpAndTheirDerivativesWithFiniteDifferences()
    {
        var count = Setting("DYNPMNN_FUZZ_COUNT", DefaultCount);
        var seed = Setting("DYNPMNN_FUZZ_SEED", DefaultSeed);
        var random = new Random(seed);
        var generator = new RightHandSideGenerator(random);
        var failures = new List<string>();
        var (checkedValues, checkedDerivatives, skipped) = (0, 0, 0);

        var neurons = (count + StatesPerNeuron - 1) / StatesPerNeuron;
        for (var batch = 0; batch * NeuronsPerCompilation < neurons; batch++)
        {
            var drawn = Enumerable.Range(0, Math.Min(NeuronsPerCompilation, neurons - (batch * NeuronsPerCompilation)))
                .Select(i => generator.Neuron($"Random{batch}_{i}", StatesPerNeuron, Parameters, Inputs, localCount: random.Next(1, 6), depth: 4))
                .ToArray();
            using var loaded = LoadedNeurons.Compile(drawn.Select(n => n.Source()).ToArray(), warningsInSources: true);
            foreach (var neuron in drawn)
            {
                var compiled = loaded.Neuron("Fuzz." + neuron.Name);
                for (var p = 0; p < PointsPerNeuron && failures.Count < MaxReported; p++)
                {
                    var point = Point(random);
                    var problems = new List<string>();
                    var (values, derivatives, skips) = Check(neuron, compiled, point, random, problems);
                    (checkedValues, checkedDerivatives, skipped) = (checkedValues + values, checkedDerivatives + derivatives, skipped + skips);
                    if (problems.Count > 0)
                    {
                        failures.Add($"seed {seed}, neuron {neuron.Name} at ({string.Join(", ", point.Select(Text))}):\n  {string.Join("\n  ", problems)}\n{neuron.Source()}");
                    }
                }
            }
        }

        output.WriteLine($"seed {seed}: {count} right-hand sides, {checkedValues} values and {checkedDerivatives} derivatives checked, {skipped} ambiguous values skipped");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(checkedValues > count * PointsPerNeuron / 2, $"only {checkedValues} values were unambiguous enough to check");
    }

    private static (int Values, int Derivatives, int Skipped) Check(RandomNeuron neuron, LoadedNeuron compiled, double[] point, Random random, List<string> problems)
    {
        var s = neuron.States;
        var states = point[..s];
        var parameters = point[s..(s + Parameters)];
        var inputs = point[(s + Parameters)..];
        var (fs, fp, fi) = (Floats(states), Floats(parameters), Floats(inputs));
        var reference = neuron.Evaluate(point);
        var csharp = compiled.Derivatives(fs, fp, fi);
        var widths = Lanes.Single.Select(l => (l.Name, Values: compiled.RightHandSide(l, fs, fp, fi))).ToArray();
        var inDouble = compiled.EvaluateRightHandSide(states, parameters, inputs);

        var (values, derivatives, skipped) = (0, 0, 0);
        for (var i = 0; i < s; i++)
        {
            var (value, evaluation) = reference[i];
            if (evaluation.Ambiguous)
            {
                skipped++;
                continue;
            }

            values++;
            if (double.IsNaN(value.X))
            {
                Expect(double.IsNaN(csharp[i]), $"dV{i}: C# gives {csharp[i]} where the model gives NaN");
                foreach (var (name, kernel) in widths)
                {
                    Expect(double.IsNaN(kernel[i]) == double.IsNaN(csharp[i]), $"dV{i}: {name} gives {kernel[i]}, C# {csharp[i]}");
                }

                Expect(double.IsNaN(inDouble[i]) == double.IsNaN(csharp[i]), $"dV{i}: the double path gives {inDouble[i]}, C# {csharp[i]}");
                continue;
            }

            var tolerance = (2 * (value.Error + (Val.Round * Math.Abs(value.X)))) + 1e-30;
            Expect(Math.Abs(csharp[i] - value.X) <= tolerance, $"dV{i}: C# gives {Text(csharp[i])}, the model {Text(value.X)} ± {Text(tolerance)} (the test's bound is wrong)");
            foreach (var (name, kernel) in widths)
            {
                Expect(Math.Abs(kernel[i] - csharp[i]) <= tolerance, $"dV{i}: {name} gives {Text(kernel[i])}, C# {Text(csharp[i])}, allowed ± {Text(tolerance)}");
            }

            Expect(Math.Abs(inDouble[i] - csharp[i]) <= tolerance, $"dV{i}: the double path gives {Text(inDouble[i])}, C# {Text(csharp[i])}, allowed ± {Text(tolerance)}");
        }

        // Derivatives only where every right-hand side is unambiguous, finite and well conditioned (a float evaluation
        // can be off by at most a percent): cos(exp(15)) turns by thousands of radians within any difference step.
        if (reference.Any(r => r.Evaluation.Ambiguous || double.IsNaN(r.Value.X) || r.Value.Error > 0.01 * (Math.Abs(r.Value.X) + 1)) || inDouble.Any(v => !double.IsFinite(v)))
        {
            return (values, derivatives, skipped);
        }

        var path = string.Concat(reference.Select(r => r.Evaluation.Path.ToString() + "|"));
        double[] Rhs(double[] x) => compiled.EvaluateRightHandSide(x[..s], x[s..(s + Parameters)], x[(s + Parameters)..]);
        var jacobian = compiled.EvaluateJacobian(states, parameters, inputs);
        var cotangents = Enumerable.Range(0, s).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray();
        var vjp = compiled.VectorJacobianProduct(states, parameters, inputs, cotangents);
        var scale = inDouble.Sum(Math.Abs) + 1;
        for (var k = 0; k < point.Length; k++)
        {
            if (Differences(neuron, Rhs, point, k, path, scale) is not var (fine, coarse))
            {
                continue;
            }

            for (var i = 0; i < s && k < s; i++)
            {
                var generated = jacobian[(i * s) + k];
                derivatives++;
                Expect(Close(generated, fine[i], coarse[i], scale), $"J[{i},{k}] = {Text(generated)}, finite differences {Text(fine[i])} (step h: {Text(coarse[i])})");
            }

            var fineProduct = cotangents.Select((c, i) => c * fine[i]).Sum();
            var coarseProduct = cotangents.Select((c, i) => c * coarse[i]).Sum();
            derivatives++;
            Expect(Close(vjp[k], fineProduct, coarseProduct, scale), $"VJP[{k}] = {Text(vjp[k])}, finite differences {Text(fineProduct)} (step h: {Text(coarseProduct)})");
        }

        return (values, derivatives, skipped);

        void Expect(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }
    }

    /// <summary>
    /// Central differences along <paramref name="k"/> with steps h/4 (fine) and h/2 (coarse), for the largest h of 1e−4,
    /// 1e−5, 1e−6 (relative) at which no branch changes and the estimates at h, h/2 and h/4 converge, so the coarse one
    /// bounds the fine one's error; null where there is none (next to a singularity or a kink).
    /// </summary>
    private static (double[] Fine, double[] Coarse)? Differences(RandomNeuron neuron, Func<double[], double[]> f, double[] point, int k, string path, double scale)
    {
        for (var h = 1e-4 * Math.Max(1, Math.Abs(point[k])); h > 1e-7 * Math.Max(1, Math.Abs(point[k])); h /= 10)
        {
            if (!SamePath(neuron, point, k, h, path))
            {
                continue;
            }

            // Three steps, each estimate within 1% of the next and closer than the one before: converging, not aliasing.
            var coarse = Central(f, point, k, h);
            var middle = Central(f, point, k, h / 2);
            var fine = Central(f, point, k, h / 4);
            bool Agree(double a, double b) => Math.Abs(a - b) <= 0.01 * (Math.Abs(b) + (1e-6 * scale));
            if (Enumerable.Range(0, fine.Length).All(i => Agree(coarse[i], middle[i]) && Agree(middle[i], fine[i])
                && Math.Abs(middle[i] - fine[i]) <= Math.Abs(coarse[i] - middle[i]) + (1e-9 * scale)))
            {
                return (fine, middle);
            }
        }

        return null;
    }

    /// <summary>Whether the model takes the same branches (and stays unambiguous) at the point moved by ±h and ±h/2 along <paramref name="k"/>.</summary>
    private static bool SamePath(RandomNeuron neuron, double[] point, int k, double h, string path)
    {
        foreach (var step in new[] { -h, -h / 2, h / 2, h })
        {
            var moved = (double[])point.Clone();
            moved[k] += step;
            var evaluation = neuron.Evaluate(moved);
            if (evaluation.Any(r => r.Evaluation.Ambiguous || !double.IsFinite(r.Value.X)) || string.Concat(evaluation.Select(r => r.Evaluation.Path.ToString() + "|")) != path)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Close(double generated, double fine, double coarse, double scale) =>
        Math.Abs(generated - fine) <= (4 * Math.Abs(coarse - fine)) + (1e-7 * (Math.Abs(generated) + scale));

    private static double[] Central(Func<double[], double[]> f, double[] at, int k, double h)
    {
        var plus = (double[])at.Clone();
        var minus = (double[])at.Clone();
        plus[k] += h;
        minus[k] -= h;
        var (fp, fm) = (f(plus), f(minus));
        return fp.Select((v, i) => (v - fm[i]) / (2 * h)).ToArray();
    }

    /// <summary>Values from a small pool half the time, so that ties and exact zeros decide comparisons.</summary>
    private static double[] Point(Random random)
    {
        var point = new double[StatesPerNeuron + Parameters + Inputs];
        for (var i = 0; i < point.Length; i++)
        {
            var drawn = random.Next(2) == 0 ? Pool[random.Next(Pool.Length)] : (random.NextDouble() * 4) - 2;
            if (i >= StatesPerNeuron && i < StatesPerNeuron + Parameters)
            {
                drawn = 0.25 + Math.Abs(drawn);
            }

            point[i] = (float)drawn;
        }

        return point;
    }

    private static float[] Floats(double[] values) => values.Select(v => (float)v).ToArray();

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
