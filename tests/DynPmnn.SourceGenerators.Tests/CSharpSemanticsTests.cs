namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// Right-hand sides whose meaning depends on C#'s typing rather than on arithmetic alone: integer locals and
/// integer subexpressions (truncating division, wrapping, shifts), and <c>bool</c> values compared with each other.
/// Each neuron is compiled and run: the generated kernels, in every float width and in double, must give what the
/// neuron's own <c>Derivatives</c> gives at points on both sides of every comparison.
/// </summary>
public sealed class CSharpSemanticsTests
{
    public static TheoryData<string, string> Bodies() => new()
    {
        { "IntegerDivisionOfLocals", "int a = 1, b = 2; dV = a / b * V; dW = -W;" },
        { "IntegerSubexpressionOfConstants", "dV = 1 / 2 * V + 7 / 2 * W; dW = (5 % 3) * W;" },
        { "IntegerWrapsAround", "int big = int.MaxValue; int wrapped = big + 1; dV = wrapped * 1e-9f * V; dW = W;" },
        { "LongCompoundDivision", "long l = 7; l /= 2; l *= -3; dV = l * V; dW = W;" },
        { "UnsignedWrapsAround", "uint u = 0; u -= 1; dV = u * 1e-9f - V; dW = W;" },
        { "ShortCompoundAssignmentWraps", "short s = 30000; s += 30000; dV = s * V; dW = W;" },
        { "Shifts", "int shifted = 1; shifted <<= 33; int negative = -8; dV = shifted * V + ((negative >> 1) + (negative >>> 28)) * W; dW = W;" },
        { "RemainderAndCasts", "int q = 7; q %= -3; int three = 300; byte small = (byte)three; dV = q * V + small * W; dW = (sbyte)(small + 200) * W;" },
        { "PiecewiseInteger", "int k = V > 0f ? 7 : -7; dV = k / 2 * V; dW = (k % 4 + Math.Abs(k) / 3) * W;" },
        { "PiecewiseIntegerCompared", "int k = V > 0f ? 3 : (W > 0f ? 5 : 8); dV = k > 4 ? V : -V; dW = Math.Max(k, 4) * W;" },
        { "DoubleOfInteger", "long big = 9007199254740993; double d = big; dV = (float)(d - 9007199254740992.0) * V; dW = W;" },
        { "ComparisonsCompared", "dV = (V > 0f) == (W > 0f) ? 1f : -1f; dW = (V > 0f) != (W > 0f) ? W : -W;" },
        { "BoolLocalsCompared", "bool a = V > 0f, b = W > 0f; bool same = a == b; dV = same ? V : W; dW = a != b ? 2f * W : 3f * W;" },
        { "BoolConstants", "bool t = true; bool f = false; dV = (t && V > 0f) || (f || !(W > 0f)) ? V : -V; dW = t == (W >= 0f) ? W : 0.5f * W;" },
        { "ExclusiveOr", "dV = (V > 0f ^ W > 0f) ? 1f : 0f; dW = ((V >= 0f) & (W >= 0f)) | (V < -1f) ? W : -W;" },
        { "ConditionalOnBools", "bool c = V > 0f ? W > 0f : W < 0f; bool d = V > 0f ? true : W > 1f; dV = c ? 2f * V : 3f * V; dW = d && !c ? W : -W;" },
        { "BoolCompoundAssignment", "bool e = V > 0f; e &= W > 0f; e |= V < -1f; e ^= W == 0f; dV = e ? V : W; dW = e == (V > W) ? 1f : 0f;" },
        { "KnownComparisons", "float one = 1f; double tenth = 0.1; dV = one > 0.5f ? V : W; dW = (float)tenth == 0.1f && tenth != 0.1f ? W : -W;" },
    };

    /// <summary>
    /// NaN where C# gives NaN and a number where it gives one, through functions the kernels compute their own way, so
    /// compared to a few ulps: simplifications such as 0·x = 0 must not turn a NaN into a number, a negative base has a
    /// power at integral exponents in every width, and tanh(0) is 0 exactly (pow(−2, tanh 0) = 1).
    /// </summary>
    public static TheoryData<string, string> SpecialValues() => new()
    {
        { "NaNTimesZero", "dV = MathF.Log(V) * 0f; dW = 0f / (W * W) + (W - W) * MathF.Sqrt(V);" },
        { "NaNOverItself", "float r = MathF.Sqrt(V); dV = r / r; dW = (r - r) + W;" },
        { "PowerOfANegativeBase", "dV = MathF.Pow(V - 2.5f, W * 2f + 3f); dW = MathF.Pow(V, W);" },
        { "PowerAtTanhOfZero", "dV = MathF.Pow(-2f, MathF.Tanh(V)); dW = MathF.Pow(W - 3f, MathF.Sinh(V));" },
    };

    /// <summary>Every neuron above in one compilation: compiling the generated code dominates the test's time.</summary>
    private static readonly Lazy<LoadedNeurons> Compiled = new(() =>
        LoadedNeurons.Compile(Bodies().Concat(SpecialValues()).Select(row => Source((string)row[0], (string)row[1])).ToArray()));

    [Theory]
    [MemberData(nameof(SpecialValues))]
    public void GeneratedKernelsGiveNaNWhereCSharpDoes(string name, string body)
    {
        Assert.NotEmpty(body);
        var neuron = Compiled.Value.Neuron("Semantics." + name);

        float[] values = [-2f, -0.5f, 0f, 0.5f, 2f];
        foreach (var v in values)
        {
            foreach (var w in values)
            {
                float[] states = [v, w];
                var expected = neuron.Derivatives(states, [], []);
                var inDouble = neuron.EvaluateRightHandSide([v, w], [], []).Select(d => (float)d);
                foreach (var (kernel, actual) in Lanes.Single.Select(l => (l.Name, neuron.RightHandSide(l, states, [], []))).Append(("double", inDouble.ToArray())))
                {
                    for (var i = 0; i < expected.Length; i++)
                    {
                        var (e, a) = (expected[i], actual[i]);
                        Assert.True(
                            float.IsNaN(e) ? float.IsNaN(a) : a == e || Math.Abs(a - e) <= 1e-5f * Math.Max(1f, Math.Abs(e)),
                            $"{name} at ({v}, {w}): d{i} is {a} in {kernel}, {e} in C#");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void GeneratedKernelsComputeWhatCSharpComputes(string name, string body)
    {
        Assert.NotEmpty(body);
        var neuron = Compiled.Value.Neuron("Semantics." + name);

        float[] values = [-2f, -0.5f, 0f, 0.5f, 2f];
        foreach (var v in values)
        {
            foreach (var w in values)
            {
                float[] states = [v, w];
                var expected = neuron.Derivatives(states, [], []);
                foreach (var lanes in Lanes.Single)
                {
                    Assert.Equal(expected, neuron.RightHandSide(lanes, states, [], []));
                }

                var inDouble = neuron.EvaluateRightHandSide([v, w], [], []);
                for (var i = 0; i < expected.Length; i++)
                {
                    Assert.True(Math.Abs(inDouble[i] - expected[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"{name} at ({v}, {w}): d{i} is {inDouble[i]} in double, {expected[i]} in C#");
                }
            }
        }
    }

    internal static string SourceFor(string name, string body) => Source(name, body);

    private static string Source(string name, string body) => $$"""
        using System;
        using DynPmnn;

        namespace Semantics;

        [Neuron]
        public partial struct {{name}}
        {
            [State] public float V;

            [State] public float W;

            private readonly void Derivatives(out float dV, out float dW)
            {
                {{body}}
            }
        }
        """;
}
