using System;
using System.Collections.Generic;
using System.Linq;
using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Emit;

/// <summary>
/// Writes a neuron's kernel class. Everything numeric is generic over a lanes type, so one body serves the scalar
/// tail, every SIMD width and the double-precision verification path; the JIT specialises each.
/// </summary>
internal sealed class KernelEmitter
{
    /// <summary>How many independent vectors a chunk carries: enough to hide latency, few enough to stay in registers.</summary>
    private readonly int unroll;

    /// <summary>The backward chunks carry fewer vectors: each step already has the independent work of a whole VJP.</summary>
    private readonly int backwardUnroll;

    private readonly SourceWriter w;
    private readonly NeuronSymbols s;
    private readonly Dictionary<string, string> names = new();
    private readonly string tl;
    private readonly string lanesConstraint;

    private KernelEmitter(SourceWriter writer, NeuronSymbols symbols)
    {
        w = writer;
        s = symbols;
        tl = s.Lanes;
        lanesConstraint = $"where {tl} : struct, {NeuronEmitter.LanesNamespace}.ILanes<{tl}>";
        var size = s.Derivatives.Sum(d => d.Size) + s.VectorJacobianProduct().Sum(g => g.Size);
        unroll = size <= 120 ? 4 : size <= 300 ? 2 : 1;
        backwardUnroll = Math.Max(1, unroll / 2);
    }

    public static void Write(SourceWriter w, NeuronSymbols s, string className, string[] equations, List<(string State, string Variable, string Expression)> partials)
    {
        var e = new KernelEmitter(w, s);
        w.WriteLine($"/// <summary>Integrator steps, their reverse-mode derivatives and batched SIMD drivers for the neuron {Xml(s.Model.DisplayName)}.</summary>");
        w.WriteLine($"[global::System.CodeDom.Compiler.GeneratedCode(\"{NeuronEmitter.GeneratorName}\", \"{NeuronEmitter.GeneratorVersion}\")]");
        w.OpenBlock($"internal static class {className}");
        e.WriteDescriptor(equations, partials);
        e.WriteRightHandSide();
        e.WriteVectorJacobianProduct();
        e.WriteEuler();
        e.WriteHeun();
        e.WriteRungeKutta4();
        e.WriteSchemeDispatch();
        e.WriteIntegrate();
        e.WriteBackpropagate();
        e.WritePointEvaluation();
        w.CloseBlock();
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A generated identifier, clear of the user's names; the same request gives the same name.</summary>
    private string N(string desired)
    {
        if (!names.TryGetValue(desired, out var name))
        {
            name = s.Names.Allocate(desired);
            names[desired] = name;
        }

        return name;
    }

    private Func<string> Temporaries()
    {
        var next = 0;
        return () =>
        {
            string candidate;
            do
            {
                candidate = "t" + next++;
            }
            while (s.Names.IsTaken(candidate));
            return candidate;
        };
    }

    private string V(Variable v) => v.Kind == VariableKind.Cotangent ? s.Cotangent[v.Index] : s.Value[v];

    private IEnumerable<Variable> ParametersAndInputs => s.Parameters.Concat(s.Inputs);

    private static string Join(IEnumerable<string> parts) => string.Join(", ", parts);

    /// <summary>Joins argument or parameter groups, skipping empty ones (a neuron may have no parameters or inputs).</summary>
    private static string Groups(params string[] groups) => string.Join(", ", groups.Where(g => g.Length > 0));

    private void WriteDescriptor(string[] equations, List<(string State, string Variable, string Expression)> partials)
    {
        var m = s.Model;
        string Strings(IEnumerable<string> items) => "new string[] { " + Join(items.Select(Literals.Quoted)) + " }";
        w.WriteLine($"public const int StateCount = {m.States.Count};");
        w.WriteLine();
        w.WriteLine($"public const int ParameterCount = {m.Parameters.Count};");
        w.WriteLine();
        w.WriteLine($"public const int InputCount = {m.Inputs.Count};");
        w.WriteLine();
        w.WriteLine($"public static {NeuronEmitter.NeuronsNamespace}.NeuronDescriptor Descriptor {{ get; }} = new {NeuronEmitter.NeuronsNamespace}.NeuronDescriptor(");
        w.WriteLine($"    {Literals.Quoted(m.DisplayName)},");
        w.WriteLine($"    {Literals.Quoted(NeuronEmitter.HintName(m))},");
        w.WriteLine($"    {Strings(m.States)},");
        w.WriteLine($"    {Strings(m.Parameters)},");
        w.WriteLine($"    new double[] {{ {Join(m.ParameterDefaults.Select(d => Literals.CSharp(d).TrimEnd('f', 'd')))} }},");
        w.WriteLine($"    {Strings(m.Inputs)},");
        w.WriteLine($"    {Strings(equations)},");
        w.WriteLine($"    new {NeuronEmitter.NeuronsNamespace}.PartialDerivative[]");
        w.WriteLine("    {");
        foreach (var (state, variable, expression) in partials)
        {
            w.WriteLine($"        new({Literals.Quoted(state)}, {Literals.Quoted(variable)}, {Literals.Quoted(expression)}),");
        }

        w.WriteLine("    },");
        w.WriteLine($"    {NeuronEmitter.SourceClassName(s.Model)}.Text);");
    }

    /// <summary>"TL V, TL W, TL A, ..." for states, parameters and inputs.</summary>
    private string ValueParameters(string prefix = "") => Join(s.AllVariables.Select(v => $"{prefix}{tl} {s.Value[v]}"));

    /// <summary>Arguments for a call at the stage point whose state names are given; parameters and inputs as they are.</summary>
    private string PointArguments(IEnumerable<string> stateNames) => Join(stateNames.Concat(ParametersAndInputs.Select(v => s.Value[v])));

    private IEnumerable<string> StateValues => s.States.Select(v => s.Value[v]);

    private IEnumerable<string> Stage(string prefix) => s.States.Select(v => N(prefix + v.Name));

    private void WriteRightHandSide()
    {
        w.WriteLine();
        w.WriteLine("/// <summary>The right-hand side, as written in the neuron's Derivatives method.</summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"public static void RightHandSide<{tl}>({ValueParameters()}, {Join(s.Derivative.Select(d => $"out {tl} {d}"))})");
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        var emitter = new ExpressionEmitter(w, tl, V, Temporaries());
        foreach (var d in s.Derivatives)
        {
            emitter.Count(d);
        }

        for (var i = 0; i < s.Derivatives.Length; i++)
        {
            w.WriteLine($"{s.Derivative[i]} = {emitter.Emit(s.Derivatives[i])};");
        }

        w.CloseBlock();
    }

    private void WriteVectorJacobianProduct()
    {
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// The vector–Jacobian product of the right-hand side: given the cotangents of each state's derivative, the");
        w.WriteLine("/// gradient with respect to every state, parameter and input (Σᵢ cᵢ · ∂fᵢ/∂x, from the symbolic partials).");
        w.WriteLine("/// </summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"public static void RightHandSideVjp<{tl}>({ValueParameters()}, {Join(s.Cotangent.Select(c => $"{tl} {c}"))}, {Join(s.AllVariables.Select(v => $"out {tl} {s.Gradient[v]}"))})");
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        var vjp = s.VectorJacobianProduct();
        var emitter = new ExpressionEmitter(w, tl, V, Temporaries());
        foreach (var g in vjp)
        {
            emitter.Count(g);
        }

        for (var j = 0; j < vjp.Length; j++)
        {
            w.WriteLine($"{s.Gradient[s.AllVariables[j]]} = {emitter.Emit(vjp[j])};");
        }

        w.CloseBlock();
    }

    private string StepSignature(string name) =>
        $"public static void {name}<{tl}>({Groups(Join(s.States.Select(v => $"ref {tl} {s.Value[v]}")), Join(ParametersAndInputs.Select(v => $"{tl} {s.Value[v]}")), $"{tl} {s.Dt}")})";

    private string BackwardSignature(string name) =>
        $"public static void {name}<{tl}>({Groups(ValueParameters(), $"{tl} {s.Dt}", Join(s.Adjoint.Select(a => $"ref {tl} {a}")), Join(ParametersAndInputs.Select(v => $"ref {tl} {s.Gradient[v]}")))})";

    private void CallRightHandSide(IEnumerable<string> at, string stage) =>
        w.WriteLine($"RightHandSide({Groups(PointArguments(at), Join(Stage(stage).Select(k => "out var " + k)))});");

    /// <summary>Calls the VJP at a stage point with the given cotangent expressions, into variables j{stage}X.</summary>
    private void CallVjp(IEnumerable<string> at, IEnumerable<string> cotangents, string stage) =>
        w.WriteLine($"RightHandSideVjp({Groups(PointArguments(at), Join(cotangents), Join(s.AllVariables.Select(v => "out var " + N("j" + stage + v.Name))))});");

    private string C(double value) => $"{tl}.Constant({Literals.CSharp(value)})";

    private void WriteEuler()
    {
        w.WriteLine();
        w.WriteLine("/// <summary>One explicit Euler step: x ← x + dt · f(x), with dt multiplied into f's invariant factors.</summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine(StepSignature("EulerStep"));
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);

        // x + (invariant factor) · rest: the step size meets the parameters it multiplies (see InvariantFactors), so
        // each update is one fused multiply-add whose factor the JIT hoists out of the step loop.
        var dt = new Variable(VariableKind.StepSize, 0, "dt");
        var updates = s.States.Select((v, i) => E.Add(v, InvariantFactors.Scale(dt, s.Derivatives[i]))).ToArray();
        var emitter = new ExpressionEmitter(w, tl, v => v.Kind == VariableKind.StepSize ? s.Dt : V(v), Temporaries());
        foreach (var update in updates)
        {
            emitter.Count(update);
        }

        var next = s.States.Select(v => N("next" + v.Name)).ToArray();
        for (var i = 0; i < updates.Length; i++)
        {
            w.WriteLine($"var {next[i]} = {emitter.Emit(updates[i])};");
        }

        for (var i = 0; i < updates.Length; i++)
        {
            w.WriteLine($"{s.Value[s.States[i]]} = {next[i]};");
        }

        w.CloseBlock();

        w.WriteLine();
        w.WriteLine("/// <summary>Reverse mode of <see cref=\"EulerStep\"/>: a ← a + dt · Jᵀa at the state before the step; parameter and input gradients accumulate.</summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine(BackwardSignature("EulerStepBackward"));
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        CallVjp(StateValues, s.Adjoint.Select(a => $"{s.Dt} * {a}"), "1");
        AccumulateAdjoints("1");
        w.CloseBlock();
    }

    private void WriteHeun()
    {
        var h = N("h");
        w.WriteLine();
        w.WriteLine("/// <summary>One Heun step: k1 = f(x), k2 = f(x + dt·k1), x ← x + dt/2 · (k1 + k2).</summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine(StepSignature("HeunStep"));
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        CallRightHandSide(StateValues, "k1");
        StagePoint("x2", s.Dt, "k1");
        CallRightHandSide(Stage("x2"), "k2");
        w.WriteLine($"var {h} = {C(0.5)} * {s.Dt};");
        for (var i = 0; i < s.StateCount; i++)
        {
            var x = s.Value[s.States[i]];
            w.WriteLine($"{x} = {tl}.MultiplyAdd({h}, {N("k1" + s.States[i].Name)} + {N("k2" + s.States[i].Name)}, {x});");
        }

        w.CloseBlock();

        w.WriteLine();
        w.WriteLine("/// <summary>Reverse mode of <see cref=\"HeunStep\"/>, recomputing the stage from the state before the step.</summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine(BackwardSignature("HeunStepBackward"));
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        CallRightHandSide(StateValues, "k1");
        StagePoint("x2", s.Dt, "k1");
        w.WriteLine($"var {h} = {C(0.5)} * {s.Dt};");
        w.WriteLine("// x' = x + h·k1 + h·k2 with k2 = f(x2), x2 = x + dt·k1.");
        CallVjp(Stage("x2"), s.Adjoint.Select(a => $"{h} * {a}"), "2");
        CallVjp(StateValues, s.States.Select((v, i) => $"{tl}.MultiplyAdd({s.Dt}, {N("j2" + v.Name)}, {h} * {s.Adjoint[i]})"), "1");
        AccumulateAdjoints("2", "1");
        w.CloseBlock();
    }

    private void WriteRungeKutta4()
    {
        var h = N("h");
        var sixth = N("sixth");
        var third = N("third");
        w.WriteLine();
        w.WriteLine("/// <summary>One classic Runge–Kutta step: x ← x + dt/6 · (k1 + 2·k2 + 2·k3 + k4).</summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine(StepSignature("RungeKutta4Step"));
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        RungeKuttaStages(h, includeLast: true);
        w.WriteLine($"var {sixth} = {s.Dt} * {C(1.0 / 6)};");
        for (var i = 0; i < s.StateCount; i++)
        {
            var name = s.States[i].Name;
            var x = s.Value[s.States[i]];
            w.WriteLine($"{x} = {tl}.MultiplyAdd({sixth}, {tl}.MultiplyAdd({C(2)}, {N("k2" + name)} + {N("k3" + name)}, {N("k1" + name)} + {N("k4" + name)}), {x});");
        }

        w.CloseBlock();

        w.WriteLine();
        w.WriteLine("/// <summary>Reverse mode of <see cref=\"RungeKutta4Step\"/>, recomputing the stages from the state before the step.</summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine(BackwardSignature("RungeKutta4StepBackward"));
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        RungeKuttaStages(h, includeLast: false);
        w.WriteLine($"var {sixth} = {s.Dt} * {C(1.0 / 6)};");
        w.WriteLine($"var {third} = {s.Dt} * {C(1.0 / 3)};");
        w.WriteLine("// Stages in reverse: k4 = f(x4), x4 = x + dt·k3; k3 = f(x3), x3 = x + h·k2; k2 = f(x2), x2 = x + h·k1; k1 = f(x).");
        CallVjp(Stage("x4"), s.Adjoint.Select(a => $"{sixth} * {a}"), "4");
        CallVjp(Stage("x3"), s.States.Select((v, i) => $"{tl}.MultiplyAdd({s.Dt}, {N("j4" + v.Name)}, {third} * {s.Adjoint[i]})"), "3");
        CallVjp(Stage("x2"), s.States.Select((v, i) => $"{tl}.MultiplyAdd({h}, {N("j3" + v.Name)}, {third} * {s.Adjoint[i]})"), "2");
        CallVjp(StateValues, s.States.Select((v, i) => $"{tl}.MultiplyAdd({h}, {N("j2" + v.Name)}, {sixth} * {s.Adjoint[i]})"), "1");
        AccumulateAdjoints("4", "3", "2", "1");
        w.CloseBlock();
    }

    private void RungeKuttaStages(string h, bool includeLast)
    {
        w.WriteLine($"var {h} = {C(0.5)} * {s.Dt};");
        CallRightHandSide(StateValues, "k1");
        StagePoint("x2", h, "k1");
        CallRightHandSide(Stage("x2"), "k2");
        StagePoint("x3", h, "k2");
        CallRightHandSide(Stage("x3"), "k3");
        StagePoint("x4", s.Dt, "k3");
        if (includeLast)
        {
            CallRightHandSide(Stage("x4"), "k4");
        }
    }

    /// <summary>var x2V = V + scale · k1V, for every state.</summary>
    private void StagePoint(string point, string scale, string slope)
    {
        foreach (var v in s.States)
        {
            w.WriteLine($"var {N(point + v.Name)} = {tl}.MultiplyAdd({scale}, {N(slope + v.Name)}, {s.Value[v]});");
        }
    }

    /// <summary>a += Σ j{stage}x over the stages; parameter and input gradients likewise.</summary>
    private void AccumulateAdjoints(params string[] stages)
    {
        for (var i = 0; i < s.StateCount; i++)
        {
            var terms = string.Concat(stages.Select(stage => " + " + N("j" + stage + s.States[i].Name)));
            w.WriteLine($"{s.Adjoint[i]} = {s.Adjoint[i]}{terms};");
        }

        foreach (var v in ParametersAndInputs)
        {
            var terms = string.Concat(stages.Select(stage => " + " + N("j" + stage + v.Name)));
            w.WriteLine($"{s.Gradient[v]} = {s.Gradient[v]}{terms};");
        }
    }

    private void WriteSchemeDispatch()
    {
        var scheme = s.Scheme;
        var schemes = new[] { ("EulerScheme", "EulerStep"), ("HeunScheme", "HeunStep"), ("RungeKutta4Scheme", "RungeKutta4Step") };
        w.WriteLine();
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"private static void Step<{tl}, {scheme}>({Groups(Join(s.States.Select(v => $"ref {tl} {s.Value[v]}")), Join(ParametersAndInputs.Select(v => $"{tl} {s.Value[v]}")), $"{tl} {s.Dt}")})");
        w.WriteLine($"    {lanesConstraint}");
        w.WriteLine($"    where {scheme} : struct");
        w.OpenBlock(string.Empty);
        var args = Join(s.States.Select(v => "ref " + s.Value[v]).Concat(ParametersAndInputs.Select(v => s.Value[v])).Concat(new[] { s.Dt }));
        WriteSchemeSwitch(schemes, args);
        w.CloseBlock();

        w.WriteLine();
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"private static void StepBackward<{tl}, {scheme}>({Groups(ValueParameters(), $"{tl} {s.Dt}", Join(s.Adjoint.Select(a => $"ref {tl} {a}")), Join(ParametersAndInputs.Select(v => $"ref {tl} {s.Gradient[v]}")))})");
        w.WriteLine($"    {lanesConstraint}");
        w.WriteLine($"    where {scheme} : struct");
        w.OpenBlock(string.Empty);
        var backArgs = Join(s.AllVariables.Select(v => s.Value[v]).Concat(new[] { s.Dt }).Concat(s.Adjoint.Select(a => "ref " + a)).Concat(ParametersAndInputs.Select(v => "ref " + s.Gradient[v])));
        WriteSchemeSwitch(schemes.Select(x => (x.Item1, x.Item2 + "Backward")).ToArray(), backArgs);
        w.CloseBlock();
    }

    private void WriteSchemeSwitch((string Marker, string Method)[] schemes, string args)
    {
        // typeof comparisons on a struct type argument are constants to the JIT: each instantiation keeps one branch.
        for (var i = 0; i < schemes.Length; i++)
        {
            var (marker, method) = schemes[i];
            if (i < schemes.Length - 1)
            {
                w.WriteLine($"{(i == 0 ? "if" : "else if")} (typeof({s.Scheme}) == typeof({NeuronEmitter.NeuronsNamespace}.{marker}))");
                w.OpenBlock(string.Empty);
                w.WriteLine($"{method}({args});");
                w.CloseBlock();
            }
            else
            {
                w.OpenBlock("else");
                w.WriteLine($"{method}({args});");
                w.CloseBlock();
            }
        }
    }

    private string SchemeMarker(int index) => NeuronEmitter.NeuronsNamespace + "." + new[] { "EulerScheme", "HeunScheme", "RungeKutta4Scheme" }[index];

    /// <summary>
    /// Kernel drivers are compiled fully optimised on first use: under tiered compilation a chunk method's first calls
    /// run unoptimised code, and its profile-guided recompilation has been measured both faster and 2× slower from run
    /// to run. The steps they inline are optimised as part of them.
    /// </summary>
    private const string HotPath = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    private const string UnsafeAdd = "global::System.Runtime.CompilerServices.Unsafe.Add";
    private const string GetReference = "global::System.Runtime.InteropServices.MemoryMarshal.GetReference";

    /// <summary>Steps recomputed per segment in the backward pass; longer integrations keep a checkpoint every this many steps.</summary>
    private const int SegmentSteps = 32;

    /// <summary>Scratch elements above which the backward pass rents its buffer instead of using the stack.</summary>
    private const int StackLimit = 8192;

    private void WriteEntry(string method, string element, string parameters, string check, Func<string, string> body)
    {
        var scheme = N("scheme");
        w.WriteLine();
        w.OpenBlock($"public static void {method}({NeuronEmitter.NeuronsNamespace}.Integrator {scheme}, {element} {N("dtValue")}, int {N("steps")}, int {N("count")}, {parameters})");
        w.WriteLine(check);
        w.OpenBlock($"switch ({scheme})");
        var cases = new[] { "Euler", "Heun", "RungeKutta4" };
        for (var i = 0; i < cases.Length; i++)
        {
            w.WriteLine($"case {NeuronEmitter.NeuronsNamespace}.Integrator.{cases[i]}:");
            w.WriteLine("    " + body(SchemeMarker(i)));
            w.WriteLine("    break;");
        }

        w.WriteLine("default:");
        w.WriteLine($"    throw new global::System.ArgumentOutOfRangeException(nameof({scheme}), {scheme}, \"Unknown integrator.\");");
        w.CloseBlock();
        w.CloseBlock();
    }

    private static string Span(string element, bool readOnly) => $"global::System.{(readOnly ? "ReadOnlySpan" : "Span")}<{element}>";

    /// <summary>Writes the float entry (width dispatch), the double entry (scalar) and the generic core of one driver.</summary>
    private void WriteDriver(string name, string summary, Func<string, string> parameters, string[] forwardedNames, string check, Action<string> writeCore)
    {
        var (dt, steps, count) = (N("dtValue"), N("steps"), N("count"));
        var forwarded = $"{dt}, {steps}, {count}, {{0}}, {Join(forwardedNames)}";
        var entryForwarded = $"{dt}, {steps}, {count}, {Join(forwardedNames)}";
        w.WriteLine();
        w.WriteLine($"/// <summary>{summary}</summary>");
        WriteEntry(name, "float", parameters("float"), check, marker => $"{name}Single<{marker}>({entryForwarded});");
        w.WriteLine();
        w.WriteLine("/// <summary>The double-precision path of the same steps, used to verify gradients.</summary>");
        WriteEntry(name, "double", parameters("double"), check, marker => $"{name}Core<{NeuronEmitter.LanesNamespace}.F64x1, double, {marker}>({string.Format(forwarded, "0")});");

        w.WriteLine();
        w.WriteLine($"private static void {name}Single<{s.Scheme}>(float {dt}, int {steps}, int {count}, {parameters("float")})");
        w.WriteLine($"    where {s.Scheme} : struct");
        w.OpenBlock(string.Empty);
        WriteWidthDispatch($"{name}Core", forwarded);
        w.CloseBlock();

        writeCore(parameters(s.Element));
    }

    private void WriteIntegrate()
    {
        var (states, parameters, inputs, tape) = (N("states"), N("parameters"), N("inputs"), N("tape"));
        WriteDriver(
            "Integrate",
            "Advances a block of <c>count</c> neurons sharing one parameter set by <c>steps</c> steps, keeping the state at the start of every step in <c>tape</c> when it is not empty; see INeuron for the buffer layouts.",
            e => $"{Span(e, false)} {states}, {Span(e, true)} {parameters}, {Span(e, true)} {inputs}, {Span(e, false)} {tape}",
            [states, parameters, inputs, tape],
            $"{NeuronEmitter.NeuronsNamespace}.NeuronBuffers.CheckIntegrate(Descriptor, {N("steps")}, {N("count")}, {states}.Length, {parameters}.Length, {inputs}.Length, {tape}.Length);",
            WriteIntegrateCore);
    }

    /// <summary>The widest hardware vectors for the bulk, then one scalar lane for the tail.</summary>
    private void WriteWidthDispatch(string core, string forwarded)
    {
        var done = N("done");
        var l = NeuronEmitter.LanesNamespace;
        w.WriteLine($"var {done} = 0;");
        var widths = new[] { "F32x16", "F32x8", "F32x4" };
        for (var k = 0; k < widths.Length; k++)
        {
            w.WriteLine($"{(k == 0 ? "if" : "else if")} ({l}.{widths[k]}.IsHardwareAccelerated)");
            w.OpenBlock(string.Empty);
            w.WriteLine($"{done} = {core}<{l}.{widths[k]}, float, {s.Scheme}>({string.Format(forwarded, "0")});");
            w.CloseBlock();
        }

        w.WriteLine();
        w.WriteLine($"{core}<{l}.F32x1, float, {s.Scheme}>({string.Format(forwarded, done)});");
    }

    private string CoreConstraints =>
        $"    where {tl} : struct, {NeuronEmitter.LanesNamespace}.ILaneStorage<{tl}, {s.Element}>\n" +
        $"    where {s.Element} : unmanaged, global::System.Numerics.IFloatingPointIeee754<{s.Element}>\n" +
        $"    where {s.Scheme} : struct";

    private static string Offset(string index, string width, int lane) => lane switch
    {
        0 => index,
        1 => $"{index} + {width}",
        _ => $"{index} + {lane} * {width}",
    };

    private string Lane(string name, int lane) => N(name + lane);

    /// <summary>Offset of state <paramref name="k"/>, lane set <paramref name="lane"/> in a [state][count] block at element <paramref name="i"/>.</summary>
    private string BlockOffset(int k, int lane, string i) => Offset(k == 0 ? i : $"{k} * {N("count")} + {i}", N("width"), lane);

    private void WriteBroadcastParameters(string dt, string parameterValues)
    {
        w.WriteLine($"var {N("stepDt")} = {tl}.Broadcast({dt});");
        for (var p = 0; p < s.Parameters.Length; p++)
        {
            w.WriteLine($"var {s.Value[s.Parameters[p]]} = {tl}.Broadcast({parameterValues}[{p}]);");
        }
    }

    private void LoadInputs(int lanes, string i, bool withGradients)
    {
        for (var k = 0; k < s.Inputs.Length; k++)
        {
            for (var j = 0; j < lanes; j++)
            {
                w.WriteLine($"var {Lane(s.Inputs[k].Name, j)} = {N("hasInputs")} ? {tl}.Load(in {UnsafeAdd}(ref {N("input")}, {BlockOffset(k, j, i)})) : {tl}.Constant(0);");
                if (withGradients)
                {
                    w.WriteLine($"var {Lane("g" + s.Inputs[k].Name, j)} = {tl}.Constant(0);");
                }
            }
        }
    }

    /// <summary>Loads (or stores) every state of every lane set from a [state][count] block.</summary>
    private void MoveStates(int lanes, string block, string i, bool load, bool declare, Func<int, string>? name = null)
    {
        for (var k = 0; k < s.StateCount; k++)
        {
            for (var j = 0; j < lanes; j++)
            {
                var variable = name?.Invoke(k) ?? s.States[k].Name;
                var slot = $"{UnsafeAdd}(ref {block}, {BlockOffset(k, j, i)})";
                w.WriteLine(load
                    ? $"{(declare ? "var " : string.Empty)}{Lane(variable, j)} = {tl}.Load(in {slot});"
                    : $"{tl}.Store({Lane(variable, j)}, ref {slot});");
            }
        }
    }

    /// <summary>Saves or restores the states of a chunk in a scratch slot laid out [state][lane set][width].</summary>
    private void MoveScratch(int lanes, string slot, bool load)
    {
        var width = N("width");
        for (var k = 0; k < s.StateCount; k++)
        {
            for (var j = 0; j < lanes; j++)
            {
                var index = (k * lanes) + j;
                var at = index == 0 ? slot : $"{UnsafeAdd}(ref {slot}, {(index == 1 ? width : $"{index} * {width}")})";
                w.WriteLine(load ? $"{Lane(s.States[k].Name, j)} = {tl}.Load(in {at});" : $"{tl}.Store({Lane(s.States[k].Name, j)}, ref {at});");
            }
        }
    }

    private void WriteSteps(int lanes)
    {
        for (var j = 0; j < lanes; j++)
        {
            var args = s.States.Select(v => "ref " + Lane(v.Name, j))
                .Concat(s.Parameters.Select(v => s.Value[v]))
                .Concat(s.Inputs.Select(v => Lane(v.Name, j)))
                .Concat(new[] { N("stepDt") });
            w.WriteLine($"Step<{tl}, {s.Scheme}>({Join(args)});");
        }
    }

    private string ChunkLoop(int lanes)
    {
        var (i, count, width) = (N("i"), N("count"), N("width"));
        var stride = lanes == 1 ? width : $"{lanes} * {width}";
        return $"for (; {i} <= {count} - {stride}; {i} += {stride})";
    }

    /// <summary>The parameters every chunk method receives: the broadcast step and parameters, the position and sizes.</summary>
    private string ChunkParameters => Groups($"{tl} {N("stepDt")}", Join(s.Parameters.Select(p => $"{tl} {s.Value[p]}")), $"int {N("i")}, int {N("count")}, int {N("steps")}, int {N("width")}, bool {N("hasInputs")}");

    private string ChunkArguments => Groups(N("stepDt"), Join(s.Parameters.Select(p => s.Value[p])), $"{N("i")}, {N("count")}, {N("steps")}, {N("width")}, {N("hasInputs")}");

    private void WriteIntegrateCore(string parameters)
    {
        var (dt, steps, count, start) = (N("dtValue"), N("steps"), N("count"), N("start"));
        var (states, parameterValues, inputs) = (N("states"), N("parameters"), N("inputs"));
        var (state, input, width, i, t) = (N("state"), N("input"), N("width"), N("i"), N("t"));

        w.WriteLine();
        w.WriteLine($"/// <summary>Integrates elements [start, ...) in whole vectors of <typeparamref name=\"{tl}\"/>, {unroll} independent vectors at a time to hide latency; returns where it stopped.</summary>");
        w.WriteLine(HotPath);
        w.WriteLine($"private static int IntegrateCore<{tl}, {s.Element}, {s.Scheme}>({s.Element} {dt}, int {steps}, int {count}, int {start}, {parameters})");
        w.WriteLine(CoreConstraints);
        w.OpenBlock(string.Empty);
        WriteBroadcastParameters(dt, parameterValues);
        w.WriteLine($"ref var {state} = ref {GetReference}({states});");
        w.WriteLine($"ref var {input} = ref {GetReference}({inputs});");
        w.WriteLine($"ref var {N("tapeStart")} = ref {GetReference}({N("tape")});");
        w.WriteLine($"var {N("hasInputs")} = !{inputs}.IsEmpty;");
        w.WriteLine($"var {width} = {tl}.Count;");
        w.WriteLine($"var {i} = {start};");
        foreach (var lanes in LaneSets)
        {
            w.OpenBlock(ChunkLoop(lanes));
            w.OpenBlock($"if ({N("tape")}.IsEmpty)");
            w.WriteLine($"IntegrateChunk{lanes}<{tl}, {s.Element}, {s.Scheme}>({ChunkArguments}, ref {state}, ref {input});");
            w.CloseBlock();
            w.OpenBlock("else");
            w.WriteLine($"IntegrateTapeChunk{lanes}<{tl}, {s.Element}, {s.Scheme}>({ChunkArguments}, ref {state}, ref {input}, ref {N("tapeStart")});");
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();
        }

        w.WriteLine($"return {i};");
        w.CloseBlock();

        foreach (var lanes in LaneSets)
        {
            w.WriteLine();
            w.WriteLine($"/// <summary>{lanes} vector(s) of elements from <c>i</c> through all steps; a method of its own so the JIT inlines every step into it.</summary>");
            w.WriteLine(HotPath);
            w.WriteLine($"private static void IntegrateChunk{lanes}<{tl}, {s.Element}, {s.Scheme}>({ChunkParameters}, ref {s.Element} {state}, ref {s.Element} {input})");
            w.WriteLine(CoreConstraints);
            w.OpenBlock(string.Empty);
            MoveStates(lanes, state, i, load: true, declare: true);
            LoadInputs(lanes, i, withGradients: false);
            w.OpenBlock($"for (var {t} = 0; {t} < {steps}; {t}++)");
            WriteSteps(lanes);
            w.CloseBlock();
            w.WriteLine();
            MoveStates(lanes, state, i, load: false, declare: false);
            w.CloseBlock();
        }

        WriteIntegrateTapeChunks();
    }

    /// <summary>Declares, per lane set, where its elements' tape tile starts and how many elements a tile row holds.</summary>
    private void TapeTiles(int lanes)
    {
        for (var j = 0; j < lanes; j++)
        {
            w.WriteLine($"var {Lane("tile", j)} = {NeuronEmitter.NeuronsNamespace}.NeuronBuffers.TapeTile({Offset(N("i"), N("width"), j)}, {N("steps")}, {s.StateCount}, {N("count")}, out var {Lane("tileRow", j)});");
        }
    }

    /// <summary>Stores (or loads) every state of every lane set at step <c>t</c> of the tape.</summary>
    private void MoveTape(int lanes, bool load)
    {
        for (var k = 0; k < s.StateCount; k++)
        {
            for (var j = 0; j < lanes; j++)
            {
                var slot = $"{UnsafeAdd}(ref {N("tapeStart")}, {Lane("tile", j)} + (({N("t")} * {s.StateCount}) + {k}) * {Lane("tileRow", j)})";
                w.WriteLine(load ? $"var {Lane(s.States[k].Name, j)} = {tl}.Load(in {slot});" : $"{tl}.Store({Lane(s.States[k].Name, j)}, ref {slot});");
            }
        }
    }

    private void WriteIntegrateTapeChunks()
    {
        var (steps, i, t, state, input) = (N("steps"), N("i"), N("t"), N("state"), N("input"));
        foreach (var lanes in LaneSets)
        {
            w.WriteLine();
            w.WriteLine($"/// <summary>As IntegrateChunk{lanes}, keeping the state at the start of every step in the tape.</summary>");
            w.WriteLine(HotPath);
            w.WriteLine($"private static void IntegrateTapeChunk{lanes}<{tl}, {s.Element}, {s.Scheme}>({ChunkParameters}, ref {s.Element} {state}, ref {s.Element} {input}, ref {s.Element} {N("tapeStart")})");
            w.WriteLine(CoreConstraints);
            w.OpenBlock(string.Empty);
            MoveStates(lanes, state, i, load: true, declare: true);
            LoadInputs(lanes, i, withGradients: false);
            TapeTiles(lanes);
            w.OpenBlock($"for (var {t} = 0; {t} < {steps}; {t}++)");
            MoveTape(lanes, load: false);
            WriteSteps(lanes);
            w.CloseBlock();
            w.WriteLine();
            MoveStates(lanes, state, i, load: false, declare: false);
            w.CloseBlock();
        }
    }

    /// <summary>The chunk widths the drivers use: the unrolled one for the bulk, then single vectors.</summary>
    private int[] LaneSets => unroll == 1 ? [1] : [unroll, 1];

    private int[] BackwardLaneSets => backwardUnroll == 1 ? [1] : [backwardUnroll, 1];

    private void WriteBackpropagate()
    {
        var (initial, tape, parameters, inputs, adjoint, parameterGradient, inputGradient) = (N("initialStates"), N("tape"), N("parameters"), N("inputs"), N("stateAdjoint"), N("parameterGradient"), N("inputGradient"));
        WriteDriver(
            "Backpropagate",
            "Reverse mode through <c>steps</c> steps: from the states the forward pass kept in <c>tape</c>, or, when it is empty, from <c>initialStates</c>, recomputing the forward pass chunk by chunk; see INeuron for the contract.",
            e => $"{Span(e, true)} {initial}, {Span(e, true)} {tape}, {Span(e, true)} {parameters}, {Span(e, true)} {inputs}, {Span(e, false)} {adjoint}, {Span(e, false)} {parameterGradient}, {Span(e, false)} {inputGradient}",
            [initial, tape, parameters, inputs, adjoint, parameterGradient, inputGradient],
            $"{NeuronEmitter.NeuronsNamespace}.NeuronBuffers.CheckBackpropagate(Descriptor, {N("steps")}, {N("count")}, {initial}.Length, {tape}.Length, {parameters}.Length, {inputs}.Length, {adjoint}.Length, {parameterGradient}.Length, {inputGradient}.Length);",
            WriteBackpropagateCore);
    }

    private void WriteBackpropagateCore(string parameters)
    {
        var (dt, steps, count, start) = (N("dtValue"), N("steps"), N("count"), N("start"));
        var (initial, parameterValues, inputs, adjoint, parameterGradient, inputGradient) = (N("initialStates"), N("parameters"), N("inputs"), N("stateAdjoint"), N("parameterGradient"), N("inputGradient"));
        var (initialRef, input, adjointRef, inputGradientRef, width, i, t) = (N("initial"), N("input"), N("adjoint"), N("inputGrad"), N("width"), N("i"), N("t"));
        var (segmentLength, segments, segment, first, length, slotSize, scratch, rented, saved, checkpoints, slot) =
            (N("segmentLength"), N("segments"), N("segment"), N("first"), N("length"), N("slotSize"), N("scratch"), N("rented"), N("saved"), N("checkpoints"), N("slot"));
        var wantInputGradient = N("wantInputGradient");
        var element = s.Element;
        var gradientRefs = Join(s.Parameters.Select(p => "ref " + N("g" + p.Name)));
        var buffers = $"ref {initialRef}, ref {input}, ref {adjointRef}, ref {inputGradientRef}, {wantInputGradient}, ref {saved}, ref {checkpoints}, {slotSize}, {segments}";

        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// Backpropagates elements [start, ...) in whole vectors, {backwardUnroll} at a time. Each chunk's forward pass is recomputed");
        w.WriteLine($"/// into a small scratch buffer, {SegmentSteps} steps at a time from checkpoints, so no trajectory is ever stored in memory.");
        w.WriteLine("/// </summary>");
        w.WriteLine(HotPath);
        w.WriteLine($"private static int BackpropagateCore<{tl}, {element}, {s.Scheme}>({element} {dt}, int {steps}, int {count}, int {start}, {parameters})");
        w.WriteLine(CoreConstraints);
        w.OpenBlock(string.Empty);
        WriteBroadcastParameters(dt, parameterValues);
        w.WriteLine($"ref var {initialRef} = ref {GetReference}({initial});");
        w.WriteLine($"ref var {input} = ref {GetReference}({inputs});");
        w.WriteLine($"ref var {adjointRef} = ref {GetReference}({adjoint});");
        w.WriteLine($"ref var {inputGradientRef} = ref {GetReference}({inputGradient});");
        w.WriteLine($"ref var {N("tapeStart")} = ref {GetReference}({N("tape")});");
        w.WriteLine($"var {N("hasInputs")} = !{inputs}.IsEmpty;");
        w.WriteLine($"var {N("fromTape")} = !{N("tape")}.IsEmpty;");
        w.WriteLine($"var {wantInputGradient} = !{inputGradient}.IsEmpty;");
        w.WriteLine($"var {width} = {tl}.Count;");
        w.WriteLine($"var {i} = {start};");
        w.WriteLine($"var {segmentLength} = global::System.Math.Min({steps}, {SegmentSteps});");
        w.WriteLine($"var {segments} = ({steps} + {SegmentSteps - 1}) / {SegmentSteps};");
        w.WriteLine($"var {slotSize} = {s.StateCount} * {backwardUnroll} * {width};");
        w.WriteLine($"var {N("needed")} = {N("fromTape")} ? 0 : ({segmentLength} + {segments}) * {slotSize};");
        w.WriteLine($"{element}[]? {rented} = null;");
        w.WriteLine($"global::System.Span<{element}> {scratch} = {N("needed")} <= {StackLimit} ? stackalloc {element}[{N("needed")}] : ({rented} = global::System.Buffers.ArrayPool<{element}>.Shared.Rent({N("needed")}));");
        w.WriteLine($"ref var {saved} = ref {GetReference}({scratch});");
        w.WriteLine($"ref var {checkpoints} = ref {UnsafeAdd}(ref {saved}, {segmentLength} * {slotSize});");
        foreach (var p in s.Parameters)
        {
            w.WriteLine($"var {N("g" + p.Name)} = {tl}.Constant(0);");
        }

        foreach (var lanes in BackwardLaneSets)
        {
            w.OpenBlock(ChunkLoop(lanes));
            w.OpenBlock($"if ({N("fromTape")})");
            w.WriteLine($"BackpropagateTapeChunk{lanes}<{tl}, {element}, {s.Scheme}>({Groups(ChunkArguments, $"ref {input}, ref {adjointRef}, ref {inputGradientRef}, {wantInputGradient}, ref {N("tapeStart")}", gradientRefs)});");
            w.CloseBlock();
            w.OpenBlock("else");
            w.WriteLine($"BackpropagateChunk{lanes}<{tl}, {element}, {s.Scheme}>({Groups(ChunkArguments, buffers, gradientRefs)});");
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();
        }

        for (var p = 0; p < s.Parameters.Length; p++)
        {
            w.WriteLine($"{parameterGradient}[{p}] += {tl}.Sum({N("g" + s.Parameters[p].Name)});");
        }

        w.OpenBlock($"if ({rented} is not null)");
        w.WriteLine($"global::System.Buffers.ArrayPool<{element}>.Shared.Return({rented});");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"return {i};");
        w.CloseBlock();

        foreach (var lanes in BackwardLaneSets)
        {
            var bufferParameters = $"ref {element} {initialRef}, ref {element} {input}, ref {element} {adjointRef}, ref {element} {inputGradientRef}, bool {wantInputGradient}, ref {element} {saved}, ref {element} {checkpoints}, int {slotSize}, int {segments}";
            var gradientParameters = Join(s.Parameters.Select(p => $"ref {tl} {N("g" + p.Name)}"));
            w.WriteLine();
            w.WriteLine($"/// <summary>Reverse mode for {lanes} vector(s) of elements from <c>i</c>: checkpoints, then per segment (last first) recompute and backpropagate.</summary>");
            w.WriteLine(HotPath);
            w.WriteLine($"private static void BackpropagateChunk{lanes}<{tl}, {element}, {s.Scheme}>({Groups(ChunkParameters, bufferParameters, gradientParameters)})");
            w.WriteLine(CoreConstraints);
            w.OpenBlock(string.Empty);
            for (var j = 0; j < lanes; j++)
            {
                foreach (var p in s.Parameters)
                {
                    w.WriteLine($"var {Lane("g" + p.Name, j)} = {tl}.Constant(0);");
                }
            }

            LoadInputs(lanes, i, withGradients: true);
            MoveStates(lanes, initialRef, i, load: true, declare: true);
            w.WriteLine("// Forward once, keeping the state at the start of every segment.");
            w.OpenBlock($"for (var {segment} = 0; {segment} < {segments}; {segment}++)");
            w.WriteLine($"ref var {slot} = ref {UnsafeAdd}(ref {checkpoints}, {segment} * {slotSize});");
            MoveScratch(lanes, slot, load: false);
            w.OpenBlock($"for (int {t} = {segment} * {SegmentSteps}, {N("end")} = global::System.Math.Min({steps}, {t} + {SegmentSteps}); {segment} < {segments} - 1 && {t} < {N("end")}; {t}++)");
            WriteSteps(lanes);
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();
            MoveStates(lanes, adjointRef, i, load: true, declare: true, name: k => s.Adjoint[k]);
            w.OpenBlock($"for (var {segment} = {segments} - 1; {segment} >= 0; {segment}--)");
            w.WriteLine($"var {first} = {segment} * {SegmentSteps};");
            w.WriteLine($"var {length} = global::System.Math.Min({SegmentSteps}, {steps} - {first});");
            w.WriteLine($"ref var {N("checkpoint")} = ref {UnsafeAdd}(ref {checkpoints}, {segment} * {slotSize});");
            MoveScratch(lanes, N("checkpoint"), load: true);
            w.OpenBlock($"for (var {t} = 0; {t} < {length}; {t}++)");
            w.WriteLine($"ref var {slot} = ref {UnsafeAdd}(ref {saved}, {t} * {slotSize});");
            MoveScratch(lanes, slot, load: false);
            WriteSteps(lanes);
            w.CloseBlock();
            w.WriteLine();
            w.OpenBlock($"for (var {t} = {length} - 1; {t} >= 0; {t}--)");
            w.WriteLine($"ref var {slot} = ref {UnsafeAdd}(ref {saved}, {t} * {slotSize});");
            MoveScratch(lanes, slot, load: true);
            WriteStepsBackward(lanes);
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();
            WriteChunkEnd(lanes);
            w.CloseBlock();
        }

        // The reverse pass from a tape: methods of their own, so neither path pushes the other past the JIT's inlining budget.
        foreach (var lanes in BackwardLaneSets)
        {
            var gradientParameters = Join(s.Parameters.Select(p => $"ref {tl} {N("g" + p.Name)}"));
            w.WriteLine();
            w.WriteLine($"/// <summary>Reverse mode for {lanes} vector(s) of elements from <c>i</c>, reading each step's state from the tape.</summary>");
            w.WriteLine(HotPath);
            w.WriteLine($"private static void BackpropagateTapeChunk{lanes}<{tl}, {element}, {s.Scheme}>({Groups(ChunkParameters, $"ref {element} {input}, ref {element} {adjointRef}, ref {element} {inputGradientRef}, bool {wantInputGradient}, ref {element} {N("tapeStart")}", gradientParameters)})");
            w.WriteLine(CoreConstraints);
            w.OpenBlock(string.Empty);
            for (var j = 0; j < lanes; j++)
            {
                foreach (var p in s.Parameters)
                {
                    w.WriteLine($"var {Lane("g" + p.Name, j)} = {tl}.Constant(0);");
                }
            }

            LoadInputs(lanes, i, withGradients: true);
            MoveStates(lanes, adjointRef, i, load: true, declare: true, name: k => s.Adjoint[k]);
            TapeTiles(lanes);
            w.OpenBlock($"for (var {t} = {steps} - 1; {t} >= 0; {t}--)");
            MoveTape(lanes, load: true);
            WriteStepsBackward(lanes);
            w.CloseBlock();
            w.WriteLine();
            WriteChunkEnd(lanes);
            w.CloseBlock();
        }
    }

    private void WriteStepsBackward(int lanes)
    {
        for (var j = 0; j < lanes; j++)
        {
            var args = s.States.Select(v => Lane(v.Name, j))
                .Concat(s.Parameters.Select(v => s.Value[v]))
                .Concat(s.Inputs.Select(v => Lane(v.Name, j)))
                .Concat(new[] { N("stepDt") })
                .Concat(s.Adjoint.Select(a => "ref " + Lane(a, j)))
                .Concat(s.Parameters.Select(p => "ref " + Lane("g" + p.Name, j)))
                .Concat(s.Inputs.Select(u => "ref " + Lane("g" + u.Name, j)));
            w.WriteLine($"StepBackward<{tl}, {s.Scheme}>({Join(args)});");
        }
    }

    /// <summary>Stores a chunk's state adjoints, adds its input gradients, and folds its parameter gradients into the caller's.</summary>
    private void WriteChunkEnd(int lanes)
    {
        var (i, adjointRef, inputGradientRef, wantInputGradient) = (N("i"), N("adjoint"), N("inputGrad"), N("wantInputGradient"));
        {
            MoveStates(lanes, adjointRef, i, load: false, declare: false, name: k => s.Adjoint[k]);
            if (s.Inputs.Length > 0)
            {
                w.OpenBlock($"if ({wantInputGradient})");
                for (var k = 0; k < s.Inputs.Length; k++)
                {
                    for (var j = 0; j < lanes; j++)
                    {
                        var at = $"{UnsafeAdd}(ref {inputGradientRef}, {BlockOffset(k, j, i)})";
                        w.WriteLine($"{tl}.Store({tl}.Load(in {at}) + {Lane("g" + s.Inputs[k].Name, j)}, ref {at});");
                    }
                }

                w.CloseBlock();
            }

            foreach (var p in s.Parameters)
            {
                var sum = string.Join(" + ", Enumerable.Range(0, lanes).Select(j => Lane("g" + p.Name, j)));
                w.WriteLine($"{N("g" + p.Name)} = {N("g" + p.Name)} + {sum};");
            }
        }
    }

    private void WritePointEvaluation()
    {
        var (states, parameters, inputs, derivatives, jacobian) = (N("states"), N("parameters"), N("inputs"), N("derivatives"), N("jacobian"));
        var f64 = NeuronEmitter.LanesNamespace + ".F64x1";
        var span = "global::System.ReadOnlySpan<double>";
        var signature = $"{span} {states}, {span} {parameters}, {span} {inputs}";

        void LoadPoint()
        {
            for (var k = 0; k < s.StateCount; k++)
            {
                w.WriteLine($"var {s.Value[s.States[k]]} = new {f64}({states}[{k}]);");
            }

            for (var k = 0; k < s.Parameters.Length; k++)
            {
                w.WriteLine($"var {s.Value[s.Parameters[k]]} = new {f64}({parameters}[{k}]);");
            }

            for (var k = 0; k < s.Inputs.Length; k++)
            {
                w.WriteLine($"var {s.Value[s.Inputs[k]]} = new {f64}({inputs}.IsEmpty ? 0 : {inputs}[{k}]);");
            }
        }

        w.WriteLine();
        w.WriteLine("/// <summary>The right-hand side at one point, in double precision.</summary>");
        w.OpenBlock($"public static void EvaluateRightHandSide({signature}, global::System.Span<double> {derivatives})");
        w.WriteLine($"{NeuronEmitter.NeuronsNamespace}.NeuronBuffers.CheckPoint(Descriptor, {states}.Length, {parameters}.Length, {inputs}.Length, {derivatives}.Length, StateCount);");
        LoadPoint();
        w.WriteLine($"RightHandSide({Groups(PointArguments(StateValues), Join(s.Derivative.Select(d => "out var " + d)))});");
        for (var k = 0; k < s.StateCount; k++)
        {
            w.WriteLine($"{derivatives}[{k}] = {s.Derivative[k]}.Value;");
        }

        w.CloseBlock();

        var entries = new List<(int Row, int Column, string Name)>();
        for (var r = 0; r < s.StateCount; r++)
        {
            for (var c = 0; c < s.StateCount; c++)
            {
                entries.Add((r, c, N($"j{s.States[r].Name}{s.States[c].Name}")));
            }
        }

        w.WriteLine();
        w.WriteLine("/// <summary>The analytic Jacobian ∂fᵢ/∂xⱼ of the right-hand side with respect to the states at one point, row-major.</summary>");
        w.OpenBlock($"public static void EvaluateJacobian({signature}, global::System.Span<double> {jacobian})");
        w.WriteLine($"{NeuronEmitter.NeuronsNamespace}.NeuronBuffers.CheckPoint(Descriptor, {states}.Length, {parameters}.Length, {inputs}.Length, {jacobian}.Length, StateCount * StateCount);");
        LoadPoint();
        w.WriteLine($"StateJacobian({Groups(PointArguments(StateValues), Join(entries.Select(e => "out var " + e.Name)))});");
        foreach (var (row, column, name) in entries)
        {
            w.WriteLine($"{jacobian}[{(row * s.StateCount) + column}] = {name}.Value;");
        }

        w.CloseBlock();

        w.WriteLine();
        w.WriteLine("/// <summary>The state Jacobian of the right-hand side: jXY = ∂(dX/dt)/∂Y.</summary>");
        w.WriteLine($"public static void StateJacobian<{tl}>({ValueParameters()}, {Join(entries.Select(e => $"out {tl} {e.Name}"))})");
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        var emitter = new ExpressionEmitter(w, tl, V, Temporaries());
        foreach (var (row, column, _) in entries)
        {
            emitter.Count(s.Partials[row, column]);
        }

        foreach (var (row, column, name) in entries)
        {
            w.WriteLine($"{name} = {emitter.Emit(s.Partials[row, column])};");
        }

        w.CloseBlock();
    }
}
