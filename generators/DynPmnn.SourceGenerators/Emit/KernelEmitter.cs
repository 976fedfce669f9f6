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
    private const int Unroll = 4;

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

    private string Join(IEnumerable<string> parts) => string.Join(", ", parts);

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

        w.WriteLine("    });");
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
        $"public static void {name}<{tl}>({Join(s.States.Select(v => $"ref {tl} {s.Value[v]}"))}, {Join(ParametersAndInputs.Select(v => $"{tl} {s.Value[v]}"))}, {tl} {s.Dt})";

    private string BackwardSignature(string name) =>
        $"public static void {name}<{tl}>({ValueParameters()}, {tl} {s.Dt}, {Join(s.Adjoint.Select(a => $"ref {tl} {a}"))}, {Join(ParametersAndInputs.Select(v => $"ref {tl} {s.Gradient[v]}"))})";

    private void CallRightHandSide(IEnumerable<string> at, string stage) =>
        w.WriteLine($"RightHandSide({PointArguments(at)}, {Join(Stage(stage).Select(k => "out var " + k))});");

    /// <summary>Calls the VJP at a stage point with the given cotangent expressions, into variables j{stage}X.</summary>
    private void CallVjp(IEnumerable<string> at, IEnumerable<string> cotangents, string stage) =>
        w.WriteLine($"RightHandSideVjp({PointArguments(at)}, {Join(cotangents)}, {Join(s.AllVariables.Select(v => "out var " + N("j" + stage + v.Name)))});");

    private string C(double value) => $"{tl}.Constant({Literals.CSharp(value)})";

    private void WriteEuler()
    {
        w.WriteLine();
        w.WriteLine("/// <summary>One explicit Euler step: x ← x + dt · f(x).</summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine(StepSignature("EulerStep"));
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        CallRightHandSide(StateValues, "k1");
        foreach (var (x, k) in StateValues.Zip(Stage("k1"), (x, k) => (x, k)))
        {
            w.WriteLine($"{x} = {x} + {s.Dt} * {k};");
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
            w.WriteLine($"{x} = {x} + {h} * ({N("k1" + s.States[i].Name)} + {N("k2" + s.States[i].Name)});");
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
        CallVjp(StateValues, s.States.Select((v, i) => $"{h} * {s.Adjoint[i]} + {s.Dt} * {N("j2" + v.Name)}"), "1");
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
            w.WriteLine($"{x} = {x} + {sixth} * ({N("k1" + name)} + {C(2)} * ({N("k2" + name)} + {N("k3" + name)}) + {N("k4" + name)});");
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
        CallVjp(Stage("x3"), s.States.Select((v, i) => $"{third} * {s.Adjoint[i]} + {s.Dt} * {N("j4" + v.Name)}"), "3");
        CallVjp(Stage("x2"), s.States.Select((v, i) => $"{third} * {s.Adjoint[i]} + {h} * {N("j3" + v.Name)}"), "2");
        CallVjp(StateValues, s.States.Select((v, i) => $"{sixth} * {s.Adjoint[i]} + {h} * {N("j2" + v.Name)}"), "1");
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
            w.WriteLine($"var {N(point + v.Name)} = {s.Value[v]} + {scale} * {N(slope + v.Name)};");
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
        w.WriteLine($"private static void Step<{tl}, {scheme}>({Join(s.States.Select(v => $"ref {tl} {s.Value[v]}"))}, {Join(ParametersAndInputs.Select(v => $"{tl} {s.Value[v]}"))}, {tl} {s.Dt})");
        w.WriteLine($"    {lanesConstraint}");
        w.WriteLine($"    where {scheme} : struct");
        w.OpenBlock(string.Empty);
        var args = Join(s.States.Select(v => "ref " + s.Value[v]).Concat(ParametersAndInputs.Select(v => s.Value[v])).Concat(new[] { s.Dt }));
        WriteSchemeSwitch(schemes, args);
        w.CloseBlock();

        w.WriteLine();
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"private static void StepBackward<{tl}, {scheme}>({ValueParameters()}, {tl} {s.Dt}, {Join(s.Adjoint.Select(a => $"ref {tl} {a}"))}, {Join(ParametersAndInputs.Select(v => $"ref {tl} {s.Gradient[v]}"))})");
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

    private string Span(string element, bool readOnly) => $"global::System.{(readOnly ? "ReadOnlySpan" : "Span")}<{element}>";

    private void WriteIntegrate()
    {
        var (dt, steps, count) = (N("dtValue"), N("steps"), N("count"));
        var (states, parameters, inputs, trajectory) = (N("states"), N("parameters"), N("inputs"), N("trajectory"));
        string Parameters(string e) => $"{Span(e, false)} {states}, {Span(e, true)} {parameters}, {Span(e, true)} {inputs}, {Span(e, false)} {trajectory}";
        var forwarded = $"{dt}, {steps}, {count}, {{0}}, {states}, {parameters}, {inputs}, {trajectory}";
        var check = $"{NeuronEmitter.NeuronsNamespace}.NeuronBuffers.CheckIntegrate(Descriptor, {steps}, {count}, {states}.Length, {parameters}.Length, {inputs}.Length, {trajectory}.Length);";

        w.WriteLine();
        w.WriteLine("/// <summary>Advances a block of <c>count</c> neurons sharing one parameter set; see INeuron for the buffer layout.</summary>");
        WriteEntry("Integrate", "float", Parameters("float"), check, marker => $"IntegrateSingle<{marker}>({string.Format(forwarded, "0").Replace(", 0, ", ", ")});");
        w.WriteLine();
        w.WriteLine("/// <summary>The double-precision path of the same steps, used to verify gradients.</summary>");
        WriteEntry("Integrate", "double", Parameters("double"), check, marker => $"IntegrateCore<{NeuronEmitter.LanesNamespace}.F64x1, double, {marker}>({string.Format(forwarded, "0")});");

        w.WriteLine();
        w.WriteLine($"private static void IntegrateSingle<{s.Scheme}>(float {dt}, int {steps}, int {count}, {Parameters("float")})");
        w.WriteLine($"    where {s.Scheme} : struct");
        w.OpenBlock(string.Empty);
        WriteWidthDispatch("IntegrateCore", forwarded);
        w.CloseBlock();

        WriteIntegrateCore(Parameters("TE").Replace("TE", s.Element));
    }

    /// <summary>The widest hardware vectors for the bulk, then one scalar lane for the tail.</summary>
    private void WriteWidthDispatch(string core, string forwarded)
    {
        var done = N("done");
        var l = NeuronEmitter.LanesNamespace;
        w.WriteLine($"var {done} = 0;");
        w.WriteLine($"if ({l}.F32x16.IsHardwareAccelerated)");
        w.WriteLine("{");
        w.WriteLine($"    {done} = {core}<{l}.F32x16, float, {s.Scheme}>({string.Format(forwarded, "0")});");
        w.WriteLine("}");
        w.WriteLine($"else if ({l}.F32x8.IsHardwareAccelerated)");
        w.WriteLine("{");
        w.WriteLine($"    {done} = {core}<{l}.F32x8, float, {s.Scheme}>({string.Format(forwarded, "0")});");
        w.WriteLine("}");
        w.WriteLine($"else if ({l}.F32x4.IsHardwareAccelerated)");
        w.WriteLine("{");
        w.WriteLine($"    {done} = {core}<{l}.F32x4, float, {s.Scheme}>({string.Format(forwarded, "0")});");
        w.WriteLine("}");
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

    private void WriteIntegrateCore(string parameters)
    {
        var (dt, steps, count, start) = (N("dtValue"), N("steps"), N("count"), N("start"));
        var (states, parameterValues, inputs, trajectory) = (N("states"), N("parameters"), N("inputs"), N("trajectory"));
        var (state, input, trace, record, hasInputs, width, i, t, at, step) = (N("state"), N("input"), N("trace"), N("record"), N("hasInputs"), N("width"), N("i"), N("t"), N("at"), N("stepDt"));
        var unsafeAdd = "global::System.Runtime.CompilerServices.Unsafe.Add";
        var getReference = "global::System.Runtime.InteropServices.MemoryMarshal.GetReference";

        w.WriteLine();
        w.WriteLine("/// <summary>Integrates elements [start, ...) in whole vectors of <typeparamref name=\"" + tl + "\"/>, four independent vectors at a time to hide latency; returns where it stopped.</summary>");
        w.WriteLine($"private static int IntegrateCore<{tl}, {s.Element}, {s.Scheme}>({s.Element} {dt}, int {steps}, int {count}, int {start}, {parameters})");
        w.WriteLine(CoreConstraints);
        w.OpenBlock(string.Empty);
        w.WriteLine($"var {step} = {tl}.Broadcast({dt});");
        for (var p = 0; p < s.Parameters.Length; p++)
        {
            w.WriteLine($"var {s.Value[s.Parameters[p]]} = {tl}.Broadcast({parameterValues}[{p}]);");
        }

        w.WriteLine($"ref var {state} = ref {getReference}({states});");
        w.WriteLine($"ref var {input} = ref {getReference}({inputs});");
        w.WriteLine($"ref var {trace} = ref {getReference}({trajectory});");
        w.WriteLine($"var {hasInputs} = !{inputs}.IsEmpty;");
        w.WriteLine($"var {record} = !{trajectory}.IsEmpty;");
        w.WriteLine($"var {width} = {tl}.Count;");
        w.WriteLine($"var {i} = {start};");
        foreach (var lanes in new[] { Unroll, 1 })
        {
            w.OpenBlock($"for (; {i} <= {count} - {(lanes == 1 ? width : $"{lanes} * {width}")}; {i} += {(lanes == 1 ? width : $"{lanes} * {width}")})");
            for (var k = 0; k < s.StateCount; k++)
            {
                for (var j = 0; j < lanes; j++)
                {
                    var offset = Offset(k == 0 ? i : $"{k} * {count} + {i}", width, j);
                    w.WriteLine($"var {Lane(s.States[k].Name, j)} = {tl}.Load(in {unsafeAdd}(ref {state}, {offset}));");
                }
            }

            for (var k = 0; k < s.Inputs.Length; k++)
            {
                for (var j = 0; j < lanes; j++)
                {
                    var offset = Offset(k == 0 ? i : $"{k} * {count} + {i}", width, j);
                    w.WriteLine($"var {Lane(s.Inputs[k].Name, j)} = {hasInputs} ? {tl}.Load(in {unsafeAdd}(ref {input}, {offset})) : {tl}.Constant(0);");
                }
            }

            w.OpenBlock($"for (var {t} = 0; {t} < {steps}; {t}++)");
            w.OpenBlock($"if ({record})");
            w.WriteLine($"ref var {at} = ref {unsafeAdd}(ref {trace}, ({t} * {s.StateCount} * {count}) + {i});");
            for (var k = 0; k < s.StateCount; k++)
            {
                for (var j = 0; j < lanes; j++)
                {
                    var offset = Offset(k == 0 ? "0" : $"{k} * {count}", width, j);
                    w.WriteLine(offset == "0" ? $"{tl}.Store({Lane(s.States[k].Name, j)}, ref {at});" : $"{tl}.Store({Lane(s.States[k].Name, j)}, ref {unsafeAdd}(ref {at}, {offset}));");
                }
            }

            w.CloseBlock();
            w.WriteLine();
            for (var j = 0; j < lanes; j++)
            {
                var args = s.States.Select(v => "ref " + Lane(v.Name, j))
                    .Concat(s.Parameters.Select(v => s.Value[v]))
                    .Concat(s.Inputs.Select(v => Lane(v.Name, j)))
                    .Concat(new[] { step });
                w.WriteLine($"Step<{tl}, {s.Scheme}>({Join(args)});");
            }

            w.CloseBlock();
            w.WriteLine();
            for (var k = 0; k < s.StateCount; k++)
            {
                for (var j = 0; j < lanes; j++)
                {
                    var offset = Offset(k == 0 ? i : $"{k} * {count} + {i}", width, j);
                    w.WriteLine($"{tl}.Store({Lane(s.States[k].Name, j)}, ref {unsafeAdd}(ref {state}, {offset}));");
                }
            }

            w.CloseBlock();
            w.WriteLine();
        }

        w.WriteLine($"return {i};");
        w.CloseBlock();
    }

    private void WriteBackpropagate()
    {
        var (dt, steps, count) = (N("dtValue"), N("steps"), N("count"));
        var (trajectory, parameters, inputs, adjoint, parameterGradient, inputGradient) = (N("trajectory"), N("parameters"), N("inputs"), N("stateAdjoint"), N("parameterGradient"), N("inputGradient"));
        string Parameters(string e) => $"{Span(e, true)} {trajectory}, {Span(e, true)} {parameters}, {Span(e, true)} {inputs}, {Span(e, false)} {adjoint}, {Span(e, false)} {parameterGradient}, {Span(e, false)} {inputGradient}";
        var forwarded = $"{dt}, {steps}, {count}, {{0}}, {trajectory}, {parameters}, {inputs}, {adjoint}, {parameterGradient}, {inputGradient}";
        var check = $"{NeuronEmitter.NeuronsNamespace}.NeuronBuffers.CheckBackpropagate(Descriptor, {steps}, {count}, {trajectory}.Length, {parameters}.Length, {inputs}.Length, {adjoint}.Length, {parameterGradient}.Length, {inputGradient}.Length);";

        w.WriteLine();
        w.WriteLine("/// <summary>Reverse mode through the recorded steps of a block; see INeuron for the contract.</summary>");
        WriteEntry("Backpropagate", "float", Parameters("float"), check, marker => $"BackpropagateSingle<{marker}>({string.Format(forwarded, "0").Replace(", 0, ", ", ")});");
        w.WriteLine();
        WriteEntry("Backpropagate", "double", Parameters("double"), check, marker => $"BackpropagateCore<{NeuronEmitter.LanesNamespace}.F64x1, double, {marker}>({string.Format(forwarded, "0")});");

        w.WriteLine();
        w.WriteLine($"private static void BackpropagateSingle<{s.Scheme}>(float {dt}, int {steps}, int {count}, {Parameters("float")})");
        w.WriteLine($"    where {s.Scheme} : struct");
        w.OpenBlock(string.Empty);
        WriteWidthDispatch("BackpropagateCore", forwarded);
        w.CloseBlock();

        WriteBackpropagateCore(Parameters("TE").Replace("TE", s.Element));
    }

    private void WriteBackpropagateCore(string parameters)
    {
        var (dt, steps, count, start) = (N("dtValue"), N("steps"), N("count"), N("start"));
        var (trajectory, parameterValues, inputs, adjoint, parameterGradient, inputGradient) = (N("trajectory"), N("parameters"), N("inputs"), N("stateAdjoint"), N("parameterGradient"), N("inputGradient"));
        var (trace, input, adjointRef, inputGradientRef, hasInputs, wantInputGradient, width, i, t, at, step) = (N("trace"), N("input"), N("adjoint"), N("inputGrad"), N("hasInputs"), N("wantInputGradient"), N("width"), N("i"), N("t"), N("at"), N("stepDt"));
        var unsafeAdd = "global::System.Runtime.CompilerServices.Unsafe.Add";
        var getReference = "global::System.Runtime.InteropServices.MemoryMarshal.GetReference";

        w.WriteLine();
        w.WriteLine("/// <summary>Backpropagates elements [start, ...) in whole vectors, four at a time; adds the parameter gradients once at the end.</summary>");
        w.WriteLine($"private static int BackpropagateCore<{tl}, {s.Element}, {s.Scheme}>({s.Element} {dt}, int {steps}, int {count}, int {start}, {parameters})");
        w.WriteLine(CoreConstraints);
        w.OpenBlock(string.Empty);
        w.WriteLine($"var {step} = {tl}.Broadcast({dt});");
        for (var p = 0; p < s.Parameters.Length; p++)
        {
            w.WriteLine($"var {s.Value[s.Parameters[p]]} = {tl}.Broadcast({parameterValues}[{p}]);");
        }

        w.WriteLine($"ref var {trace} = ref {getReference}({trajectory});");
        w.WriteLine($"ref var {input} = ref {getReference}({inputs});");
        w.WriteLine($"ref var {adjointRef} = ref {getReference}({adjoint});");
        w.WriteLine($"ref var {inputGradientRef} = ref {getReference}({inputGradient});");
        w.WriteLine($"var {hasInputs} = !{inputs}.IsEmpty;");
        w.WriteLine($"var {wantInputGradient} = !{inputGradient}.IsEmpty;");
        w.WriteLine($"var {width} = {tl}.Count;");
        w.WriteLine($"var {i} = {start};");
        for (var j = 0; j < Unroll; j++)
        {
            foreach (var p in s.Parameters)
            {
                w.WriteLine($"var {Lane("g" + p.Name, j)} = {tl}.Constant(0);");
            }
        }

        foreach (var lanes in new[] { Unroll, 1 })
        {
            w.OpenBlock($"for (; {i} <= {count} - {(lanes == 1 ? width : $"{lanes} * {width}")}; {i} += {(lanes == 1 ? width : $"{lanes} * {width}")})");
            for (var k = 0; k < s.StateCount; k++)
            {
                for (var j = 0; j < lanes; j++)
                {
                    var offset = Offset(k == 0 ? i : $"{k} * {count} + {i}", width, j);
                    w.WriteLine($"var {Lane(s.Adjoint[k], j)} = {tl}.Load(in {unsafeAdd}(ref {adjointRef}, {offset}));");
                }
            }

            for (var k = 0; k < s.Inputs.Length; k++)
            {
                for (var j = 0; j < lanes; j++)
                {
                    var offset = Offset(k == 0 ? i : $"{k} * {count} + {i}", width, j);
                    w.WriteLine($"var {Lane(s.Inputs[k].Name, j)} = {hasInputs} ? {tl}.Load(in {unsafeAdd}(ref {input}, {offset})) : {tl}.Constant(0);");
                    w.WriteLine($"var {Lane("g" + s.Inputs[k].Name, j)} = {tl}.Constant(0);");
                }
            }

            w.OpenBlock($"for (var {t} = {steps} - 1; {t} >= 0; {t}--)");
            w.WriteLine($"ref var {at} = ref {unsafeAdd}(ref {trace}, ({t} * {s.StateCount} * {count}) + {i});");
            for (var k = 0; k < s.StateCount; k++)
            {
                for (var j = 0; j < lanes; j++)
                {
                    var offset = Offset(k == 0 ? "0" : $"{k} * {count}", width, j);
                    var source = offset == "0" ? at : $"{unsafeAdd}(ref {at}, {offset})";
                    w.WriteLine($"var {Lane(s.States[k].Name, j)} = {tl}.Load(in {source});");
                }
            }

            for (var j = 0; j < lanes; j++)
            {
                var args = s.States.Select(v => Lane(v.Name, j))
                    .Concat(s.Parameters.Select(v => s.Value[v]))
                    .Concat(s.Inputs.Select(v => Lane(v.Name, j)))
                    .Concat(new[] { step })
                    .Concat(s.Adjoint.Select(a => "ref " + Lane(a, j)))
                    .Concat(s.Parameters.Select(p => "ref " + Lane("g" + p.Name, j)))
                    .Concat(s.Inputs.Select(u => "ref " + Lane("g" + u.Name, j)));
                w.WriteLine($"StepBackward<{tl}, {s.Scheme}>({Join(args)});");
            }

            w.CloseBlock();
            w.WriteLine();
            for (var k = 0; k < s.StateCount; k++)
            {
                for (var j = 0; j < lanes; j++)
                {
                    var offset = Offset(k == 0 ? i : $"{k} * {count} + {i}", width, j);
                    w.WriteLine($"{tl}.Store({Lane(s.Adjoint[k], j)}, ref {unsafeAdd}(ref {adjointRef}, {offset}));");
                }
            }

            if (s.Inputs.Length > 0)
            {
                w.OpenBlock($"if ({wantInputGradient})");
                for (var k = 0; k < s.Inputs.Length; k++)
                {
                    for (var j = 0; j < lanes; j++)
                    {
                        var offset = Offset(k == 0 ? i : $"{k} * {count} + {i}", width, j);
                        var slot = $"{unsafeAdd}(ref {inputGradientRef}, {offset})";
                        w.WriteLine($"{tl}.Store({tl}.Load(in {slot}) + {Lane("g" + s.Inputs[k].Name, j)}, ref {slot});");
                    }
                }

                w.CloseBlock();
            }

            w.CloseBlock();
            w.WriteLine();
        }

        for (var p = 0; p < s.Parameters.Length; p++)
        {
            var sum = string.Join(" + ", Enumerable.Range(0, Unroll).Select(j => Lane("g" + s.Parameters[p].Name, j)));
            w.WriteLine($"{parameterGradient}[{p}] += {tl}.Sum({sum});");
        }

        w.WriteLine($"return {i};");
        w.CloseBlock();
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
        w.WriteLine($"RightHandSide({PointArguments(StateValues)}, {Join(s.Derivative.Select(d => "out var " + d))});");
        for (var k = 0; k < s.StateCount; k++)
        {
            w.WriteLine($"{derivatives}[{k}] = {s.Derivative[k]}.Value;");
        }

        w.CloseBlock();

        // The entries are written over a generic lanes type, like RightHandSide, because members that ILanes
        // implements by default (Bernoulli, BernoulliDerivative) can only be called through a type parameter.
        var entries = Enumerable.Range(0, s.StateCount * s.StateCount).Select(k => N("j" + k)).ToArray();
        w.WriteLine();
        w.WriteLine("/// <summary>The entries ∂fᵢ/∂xⱼ of the Jacobian of the right-hand side with respect to the states, row-major.</summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"private static void Jacobian<{tl}>({ValueParameters()}, {Join(entries.Select(j => $"out {tl} {j}"))})");
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        var emitter = new ExpressionEmitter(w, tl, V, Temporaries());
        for (var r = 0; r < s.StateCount; r++)
        {
            for (var c = 0; c < s.StateCount; c++)
            {
                emitter.Count(s.Partials[r, c]);
            }
        }

        for (var r = 0; r < s.StateCount; r++)
        {
            for (var c = 0; c < s.StateCount; c++)
            {
                w.WriteLine($"{entries[(r * s.StateCount) + c]} = {emitter.Emit(s.Partials[r, c])};");
            }
        }

        w.CloseBlock();

        w.WriteLine();
        w.WriteLine("/// <summary>The analytic Jacobian ∂fᵢ/∂xⱼ of the right-hand side with respect to the states at one point, row-major.</summary>");
        w.OpenBlock($"public static void EvaluateJacobian({signature}, global::System.Span<double> {jacobian})");
        w.WriteLine($"{NeuronEmitter.NeuronsNamespace}.NeuronBuffers.CheckPoint(Descriptor, {states}.Length, {parameters}.Length, {inputs}.Length, {jacobian}.Length, StateCount * StateCount);");
        LoadPoint();
        w.WriteLine($"Jacobian({PointArguments(StateValues)}, {Join(entries.Select(j => "out var " + j))});");
        for (var k = 0; k < entries.Length; k++)
        {
            w.WriteLine($"{jacobian}[{k}] = {entries[k]}.Value;");
        }

        w.CloseBlock();
    }
}
