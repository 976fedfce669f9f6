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

    /// <summary>The explicit Euler update xᵢ + dt·fᵢ per state, with dt multiplied into fᵢ's invariant factors.</summary>
    private readonly Expr[] eulerUpdates;

    /// <summary>The reverse Euler step: new adjoints and new gradient sums (see <see cref="NeuronSymbols.EulerReverse"/>).</summary>
    private readonly (Expr[] Adjoints, Expr[] Sums) eulerReverse;

    /// <summary>
    /// The invariant subexpressions of the Euler steps (dt·B, 1 − dt·A, ...). The JIT does not hoist vector arithmetic
    /// out of loops when registers are short, so each chunk computes them once and the steps receive them.
    /// </summary>
    private readonly Expr[] stepConstants;

    private KernelEmitter(SourceWriter writer, NeuronSymbols symbols)
    {
        w = writer;
        s = symbols;
        tl = s.Lanes;
        lanesConstraint = $"where {tl} : struct, {NeuronEmitter.LanesNamespace}.ILanes<{tl}>";
        eulerUpdates = s.States.Select((v, i) => E.Add(v, InvariantFactors.Scale(s.StepSize, s.Derivatives[i]))).ToArray();
        eulerReverse = s.EulerReverse();
        var constants = new List<Expr>();
        foreach (var e in eulerUpdates.Concat(eulerReverse.Adjoints).Concat(eulerReverse.Sums))
        {
            CollectInvariants(e, constants);
        }

        stepConstants = constants.ToArray();
        var size = s.Derivatives.Sum(d => d.Size) + s.VectorJacobianProduct().Sum(g => g.Size);
        unroll = size <= 120 ? 4 : size <= 300 ? 2 : 1;
        backwardUnroll = Math.Max(1, unroll / 2);
    }

    /// <summary>Adds the largest invariant operations in <paramref name="e"/> (not bare constants or variables) to <paramref name="into"/>, once each.</summary>
    private static void CollectInvariants(Expr e, List<Expr> into)
    {
        if (e is not Operation o)
        {
            return;
        }

        if (InvariantFactors.IsInvariant(o))
        {
            if (!into.Contains(o))
            {
                into.Add(o);
            }

            return;
        }

        foreach (var child in o.Children)
        {
            CollectInvariants(child, into);
        }
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
        e.WriteStepConstants();
        e.WriteGradients();
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

    private string V(Variable v) => v.Kind switch
    {
        VariableKind.Cotangent => s.Cotangent[v.Index],
        VariableKind.StepSize => s.Dt,
        VariableKind.GradientSum => s.Sum[v.Index],
        _ => s.Value[v],
    };

    /// <summary>Names in the reverse Euler step, where the cotangent variables stand for the adjoints.</summary>
    private string AdjointName(Variable v) => v.Kind == VariableKind.Cotangent ? s.Adjoint[v.Index] : V(v);

    private string[] ConstantNames => stepConstants.Select((_, k) => N("k" + k)).ToArray();

    /// <summary>", TL k0, TL k1" (or nothing) for the step constants in a signature.</summary>
    private string ConstantParameters => string.Concat(ConstantNames.Select(k => $", {tl} {k}"));

    private string ConstantArguments => string.Concat(ConstantNames.Select(k => ", " + k));

    /// <summary>An emitter that knows every step constant by its name.</summary>
    private ExpressionEmitter ConstantAwareEmitter(Func<Variable, string> nameOf)
    {
        var emitter = new ExpressionEmitter(w, tl, nameOf, Temporaries());
        var names = ConstantNames;
        for (var k = 0; k < stepConstants.Length; k++)
        {
            emitter.Bind(stepConstants[k], names[k]);
        }

        return emitter;
    }

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
        w.WriteLine("/// The vector–Jacobian product of the right-hand side: given the cotangents cᵢ of each state's derivative, the");
        w.WriteLine("/// gradient with respect to every state (Σᵢ cᵢ · ∂fᵢ/∂x, from the symbolic partials) and what each gradient sum");
        w.WriteLine("/// gains; the parameter and input gradients are formed from the sums by <see cref=\"Gradients\"/>:");
        for (var k = 0; k < s.Sums.Length; k++)
        {
            w.WriteLine($"/// {Xml(s.Sum[k])} = {Xml(s.SumIncrement(k, s.Cotangents[s.SumPlan.Sums[k].State]).ToString())}<br/>");
        }

        w.WriteLine("/// </summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"public static void RightHandSideVjp<{tl}>({Groups(ValueParameters(), Join(s.Cotangent.Select(c => $"{tl} {c}")), Join(s.States.Select(v => $"out {tl} {s.Gradient[v]}")), Join(s.Sum.Select(k => $"out {tl} {k}")))})");
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        var vjp = s.VectorJacobianProduct().Take(s.StateCount).Concat(s.Sums.Select((_, k) => s.SumIncrement(k, s.Cotangents[s.SumPlan.Sums[k].State]))).ToArray();
        var names = s.States.Select(v => s.Gradient[v]).Concat(s.Sum).ToArray();
        var emitter = new ExpressionEmitter(w, tl, V, Temporaries());
        foreach (var g in vjp)
        {
            emitter.Count(g);
        }

        for (var j = 0; j < vjp.Length; j++)
        {
            w.WriteLine($"{names[j]} = {emitter.Emit(vjp[j])};");
        }

        w.CloseBlock();
    }

    private void WriteStepConstants()
    {
        w.WriteLine();
        w.WriteLine("/// <summary>The invariant factors of the Euler steps, computed once per chunk of the drivers rather than once per step.</summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"public static void StepConstants<{tl}>({Groups(Join(s.Parameters.Select(p => $"{tl} {s.Value[p]}")), $"{tl} {s.Dt}")}{string.Concat(ConstantNames.Select(k => $", out {tl} {k}"))})");
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        var emitter = new ExpressionEmitter(w, tl, V, Temporaries());
        foreach (var c in stepConstants)
        {
            emitter.Count(c);
        }

        var names = ConstantNames;
        for (var k = 0; k < stepConstants.Length; k++)
        {
            w.WriteLine($"{names[k]} = {emitter.Emit(stepConstants[k])};");
        }

        w.CloseBlock();
    }

    /// <summary>Parameter and input gradients from the gradient sums of a reverse pass.</summary>
    private void WriteGradients()
    {
        var scale = N("scale");
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// The parameter and input gradients of a reverse pass from its gradient sums (see <see cref=\"RightHandSideVjp\"/>).");
        w.WriteLine("/// The Euler reverse step leaves the step size out of its sums; it is applied here, once.");
        w.WriteLine("/// </summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"public static void Gradients<{tl}, {s.Scheme}>({Groups(Join(s.Parameters.Select(p => $"{tl} {s.Value[p]}")), $"{tl} {s.Dt}", Join(s.Sum.Select(k => $"{tl} {k}")), Join(ParametersAndInputs.Select(v => $"out {tl} {s.Gradient[v]}")))})");
        w.WriteLine($"    {lanesConstraint}");
        w.WriteLine($"    where {s.Scheme} : struct");
        w.OpenBlock(string.Empty);
        w.WriteLine($"var {scale} = typeof({s.Scheme}) == typeof({NeuronEmitter.NeuronsNamespace}.EulerScheme) ? {s.Dt} : {tl}.Constant(1);");
        var emitter = new ExpressionEmitter(w, tl, V, Temporaries());
        var gradients = ParametersAndInputs.Select((_, q) => s.GradientFromSums(q)).ToArray();
        foreach (var g in gradients)
        {
            emitter.Count(g);
        }

        var variables = ParametersAndInputs.ToArray();
        for (var q = 0; q < gradients.Length; q++)
        {
            var code = E.IsZero(gradients[q]) ? $"{tl}.Constant(0)" : emitter.Emit(gradients[q]);
            var operand = code.All(c => char.IsLetterOrDigit(c) || c == '_') ? code : $"({code})";
            w.WriteLine($"{s.Gradient[variables[q]]} = {scale} * {operand};");
        }

        w.CloseBlock();
    }

    private string StepSignature(string name, bool constants = false) =>
        $"public static void {name}<{tl}>({Groups(Join(s.States.Select(v => $"ref {tl} {s.Value[v]}")), Join(ParametersAndInputs.Select(v => $"{tl} {s.Value[v]}")), $"{tl} {s.Dt}{(constants ? ConstantParameters : string.Empty)}")})";

    private string BackwardSignature(string name, bool constants = false) =>
        $"public static void {name}<{tl}>({Groups(ValueParameters(), $"{tl} {s.Dt}{(constants ? ConstantParameters : string.Empty)}", Join(s.Adjoint.Select(a => $"ref {tl} {a}")), Join(s.Sum.Select(k => $"ref {tl} {k}")))})";

    private void CallRightHandSide(IEnumerable<string> at, string stage) =>
        w.WriteLine($"RightHandSide({Groups(PointArguments(at), Join(Stage(stage).Select(k => "out var " + k)))});");

    /// <summary>Calls the VJP at a stage point with the given cotangent expressions, into variables j{stage}X.</summary>
    private void CallVjp(IEnumerable<string> at, IEnumerable<string> cotangents, string stage) =>
        w.WriteLine($"RightHandSideVjp({Groups(PointArguments(at), Join(cotangents), Join(s.States.Select(v => "out var " + N("j" + stage + v.Name))), Join(s.Sum.Select(k => "out var " + N("j" + stage + k))))});");

    private string C(double value) => $"{tl}.Constant({Literals.CSharp(value)})";

    private void WriteEuler()
    {
        w.WriteLine();
        w.WriteLine("/// <summary>One explicit Euler step: x ← x + dt · f(x), with dt multiplied into f's invariant factors (the step constants).</summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine(StepSignature("EulerStep", constants: true));
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        var emitter = ConstantAwareEmitter(V);
        foreach (var update in eulerUpdates)
        {
            emitter.Count(update);
        }

        var next = s.States.Select(v => N("next" + v.Name)).ToArray();
        for (var i = 0; i < eulerUpdates.Length; i++)
        {
            w.WriteLine($"var {next[i]} = {emitter.Emit(eulerUpdates[i])};");
        }

        for (var i = 0; i < eulerUpdates.Length; i++)
        {
            w.WriteLine($"{s.Value[s.States[i]]} = {next[i]};");
        }

        w.CloseBlock();

        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Reverse mode of <see cref=\"EulerStep\"/> at the state before the step: a ← (I + dt·Jᵀ) a, each entry of I + dt·J that");
        w.WriteLine("/// is invariant or a polynomial in one variable evaluated from the step constants; the gradient sums gain a·(varying");
        w.WriteLine("/// part), dt being applied once in <see cref=\"Gradients\"/>.");
        w.WriteLine("/// </summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine(BackwardSignature("EulerStepBackward", constants: true));
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        var reverse = ConstantAwareEmitter(AdjointName);
        var (adjoints, sums) = eulerReverse;
        foreach (var e in adjoints.Concat(sums))
        {
            reverse.Count(e);
        }

        var nextAdjoint = s.States.Select(v => N("nextA" + v.Name)).ToArray();
        for (var j = 0; j < adjoints.Length; j++)
        {
            w.WriteLine($"var {nextAdjoint[j]} = {reverse.Emit(adjoints[j])};");
        }

        for (var k = 0; k < sums.Length; k++)
        {
            w.WriteLine($"{s.Sum[k]} = {reverse.Emit(sums[k])};");
        }

        for (var j = 0; j < adjoints.Length; j++)
        {
            w.WriteLine($"{s.Adjoint[j]} = {nextAdjoint[j]};");
        }

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

        foreach (var k in s.Sum)
        {
            var terms = string.Concat(stages.Select(stage => " + " + N("j" + stage + k)));
            w.WriteLine($"{k} = {k}{terms};");
        }
    }

    private void WriteSchemeDispatch()
    {
        var scheme = s.Scheme;
        var schemes = new[] { ("EulerScheme", "EulerStep"), ("HeunScheme", "HeunStep"), ("RungeKutta4Scheme", "RungeKutta4Step") };
        w.WriteLine();
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"private static void Step<{tl}, {scheme}>({Groups(Join(s.States.Select(v => $"ref {tl} {s.Value[v]}")), Join(ParametersAndInputs.Select(v => $"{tl} {s.Value[v]}")), $"{tl} {s.Dt}{ConstantParameters}")})");
        w.WriteLine($"    {lanesConstraint}");
        w.WriteLine($"    where {scheme} : struct");
        w.OpenBlock(string.Empty);
        var args = Join(s.States.Select(v => "ref " + s.Value[v]).Concat(ParametersAndInputs.Select(v => s.Value[v])).Concat(new[] { s.Dt }));
        WriteSchemeSwitch(schemes, args, args + ConstantArguments);
        w.CloseBlock();

        w.WriteLine();
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"private static void StepBackward<{tl}, {scheme}>({Groups(ValueParameters(), $"{tl} {s.Dt}{ConstantParameters}", Join(s.Adjoint.Select(a => $"ref {tl} {a}")), Join(s.Sum.Select(k => $"ref {tl} {k}")))})");
        w.WriteLine($"    {lanesConstraint}");
        w.WriteLine($"    where {scheme} : struct");
        w.OpenBlock(string.Empty);
        var values = s.AllVariables.Select(v => s.Value[v]).Concat(new[] { s.Dt });
        var references = s.Adjoint.Select(a => "ref " + a).Concat(s.Sum.Select(k => "ref " + k));
        WriteSchemeSwitch(
            schemes.Select(x => (x.Item1, x.Item2 + "Backward")).ToArray(),
            Join(values.Concat(references)),
            Join(values) + ConstantArguments + string.Concat(references.Select(r => ", " + r)));
        w.CloseBlock();
    }

    private void WriteSchemeSwitch((string Marker, string Method)[] schemes, string args, string eulerArgs)
    {
        // typeof comparisons on a struct type argument are constants to the JIT: each instantiation keeps one branch.
        for (var i = 0; i < schemes.Length; i++)
        {
            var (marker, method) = schemes[i];
            if (i < schemes.Length - 1)
            {
                w.WriteLine($"{(i == 0 ? "if" : "else if")} (typeof({s.Scheme}) == typeof({NeuronEmitter.NeuronsNamespace}.{marker}))");
                w.OpenBlock(string.Empty);
                w.WriteLine($"{method}({(i == 0 ? eulerArgs : args)});");
                w.CloseBlock();
            }
            else
            {
                w.OpenBlock("else");
                w.WriteLine($"{method}({(i == 0 ? eulerArgs : args)});");
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

    /// <summary>
    /// Bytes the scratch buffer is aligned to: a vector that straddles two cache lines costs two accesses, and the
    /// recomputed states are stored and loaded once per step.
    /// </summary>
    private const int CacheLine = 64;

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

    private void LoadInputs(int lanes, string i)
    {
        for (var k = 0; k < s.Inputs.Length; k++)
        {
            for (var j = 0; j < lanes; j++)
            {
                w.WriteLine($"var {Lane(s.Inputs[k].Name, j)} = {N("hasInputs")} ? {tl}.Load(in {UnsafeAdd}(ref {N("input")}, {BlockOffset(k, j, i)})) : {tl}.Constant(0);");
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
    private void MoveScratch(int lanes, string slot, bool load, bool declare = false)
    {
        var width = N("width");
        for (var k = 0; k < s.StateCount; k++)
        {
            for (var j = 0; j < lanes; j++)
            {
                var index = (k * lanes) + j;
                var at = index == 0 ? slot : $"{UnsafeAdd}(ref {slot}, {(index == 1 ? width : $"{index} * {width}")})";
                w.WriteLine(load ? $"{(declare ? "var " : string.Empty)}{Lane(s.States[k].Name, j)} = {tl}.Load(in {at});" : $"{tl}.Store({Lane(s.States[k].Name, j)}, ref {at});");
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
                .Concat(new[] { N("stepDt") })
                .Concat(ConstantNames);
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
    /// <remarks>
    /// The step size and parameters travel as scalars and are broadcast in the chunk: a vector passed by value is
    /// copied through the stack on every call, and that cost depended on the stack's alignment from run to run.
    /// </remarks>
    private string ChunkParameters => $"{s.Element} {N("dtValue")}, ref {s.Element} {N("parameterStart")}, int {N("i")}, int {N("count")}, int {N("steps")}, int {N("width")}, bool {N("hasInputs")}";

    private string ChunkArguments => $"{N("dtValue")}, ref {N("parameterStart")}, {N("i")}, {N("count")}, {N("steps")}, {N("width")}, {N("hasInputs")}";

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
        w.WriteLine($"ref var {N("parameterStart")} = ref {GetReference}({parameterValues});");
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
            DeclareStepConstants();
            MoveStates(lanes, state, i, load: true, declare: true);
            LoadInputs(lanes, i);
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
            DeclareStepConstants();
            MoveStates(lanes, state, i, load: true, declare: true);
            LoadInputs(lanes, i);
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

    /// <summary>
    /// The chunk widths of the recomputing backward pass: the forward unroll for the bulk (its recomputation is a plain
    /// forward pass and needs as many independent vectors to hide latency), then the backward unroll, then single vectors.
    /// Each chunk runs its reverse pass in groups of the backward unroll, so the groups, and the order their gradients are
    /// added in, are those of the tape path.
    /// </summary>
    private int[] RecomputeLaneSets => new[] { unroll, backwardUnroll, 1 }.Distinct().ToArray();

    /// <summary>Vectors a lane keeps between the segments of its reverse pass: its state adjoints, then its gradient sums.</summary>
    private int CarryStride => s.StateCount + GradientSums.Length;

    /// <summary>Per-lane accumulators a reverse step adds into: the gradient sums.</summary>
    private string[] GradientSums => s.Sum;

    /// <summary>Declares the broadcast step size and parameters, and the step constants, at the top of a chunk method.</summary>
    private void DeclareStepConstants()
    {
        w.WriteLine($"var {N("stepDt")} = {tl}.Broadcast({N("dtValue")});");
        for (var p = 0; p < s.Parameters.Length; p++)
        {
            w.WriteLine($"var {s.Value[s.Parameters[p]]} = {tl}.Broadcast({UnsafeAdd}(ref {N("parameterStart")}, {p}));");
        }

        if (stepConstants.Length > 0)
        {
            w.WriteLine($"StepConstants({Groups(Join(s.Parameters.Select(p => s.Value[p])), N("stepDt"))}{string.Concat(ConstantNames.Select(k => ", out var " + k))});");
        }
    }

    private void WriteBackpropagateCore(string parameters)
    {
        var (dt, steps, count, start) = (N("dtValue"), N("steps"), N("count"), N("start"));
        var (initial, parameterValues, inputs, adjoint, parameterGradient, inputGradient) = (N("initialStates"), N("parameters"), N("inputs"), N("stateAdjoint"), N("parameterGradient"), N("inputGradient"));
        var (initialRef, input, adjointRef, inputGradientRef, width, i) = (N("initial"), N("input"), N("adjoint"), N("inputGrad"), N("width"), N("i"));
        var (segmentLength, segments, slotSize, scratch, rented, saved, checkpoints, carry) =
            (N("segmentLength"), N("segments"), N("slotSize"), N("scratch"), N("rented"), N("saved"), N("checkpoints"), N("carry"));
        var wantInputGradient = N("wantInputGradient");
        var element = s.Element;
        var gradientRefs = Join(s.Parameters.Select(p => "ref " + N("g" + p.Name)));
        var buffers = $"ref {initialRef}, ref {input}, ref {adjointRef}, ref {inputGradientRef}, {wantInputGradient}, ref {saved}, ref {checkpoints}, ref {carry}, {slotSize}, {segments}";

        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// Backpropagates elements [start, ...) in whole vectors. From a tape, {backwardUnroll} vectors at a time. Otherwise each chunk of");
        w.WriteLine($"/// {unroll} vectors recomputes its forward pass into a small scratch buffer, {SegmentSteps} steps at a time from checkpoints (so no");
        w.WriteLine($"/// trajectory is ever stored in memory), and runs the reverse pass over it {backwardUnroll} vectors at a time.");
        w.WriteLine("/// </summary>");
        w.WriteLine(HotPath);
        w.WriteLine($"private static int BackpropagateCore<{tl}, {element}, {s.Scheme}>({element} {dt}, int {steps}, int {count}, int {start}, {parameters})");
        w.WriteLine(CoreConstraints);
        w.OpenBlock(string.Empty);
        w.WriteLine($"ref var {N("parameterStart")} = ref {GetReference}({parameterValues});");
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
        foreach (var p in s.Parameters)
        {
            w.WriteLine($"var {N("g" + p.Name)} = {tl}.Constant(0);");
        }

        w.OpenBlock($"if ({N("fromTape")})");
        foreach (var lanes in BackwardLaneSets)
        {
            w.OpenBlock(ChunkLoop(lanes));
            w.WriteLine($"BackpropagateTapeChunk{lanes}<{tl}, {element}, {s.Scheme}>({Groups(ChunkArguments, $"ref {input}, ref {adjointRef}, ref {inputGradientRef}, {wantInputGradient}, ref {N("tapeStart")}", gradientRefs)});");
            w.CloseBlock();
        }

        w.CloseBlock();
        w.OpenBlock("else");
        w.WriteLine($"var {segmentLength} = global::System.Math.Min({steps}, {SegmentSteps});");
        w.WriteLine($"var {segments} = ({steps} + {SegmentSteps - 1}) / {SegmentSteps};");
        w.WriteLine($"var {slotSize} = {s.StateCount} * {unroll} * {width};");
        w.WriteLine($"var {N("needed")} = (({segmentLength} + {segments}) * {slotSize}) + ({unroll} * {CarryStride} * {width}) + {CacheLine} / global::System.Runtime.CompilerServices.Unsafe.SizeOf<{element}>();");
        w.WriteLine($"{element}[]? {rented} = null;");
        w.WriteLine($"global::System.Span<{element}> {scratch} = {N("needed")} <= {StackLimit} ? stackalloc {element}[{N("needed")}] : ({rented} = global::System.Buffers.ArrayPool<{element}>.Shared.Rent({N("needed")}));");
        w.WriteLine($"ref var {saved} = ref {NeuronEmitter.NeuronsNamespace}.NeuronBuffers.AlignToCacheLine(ref {GetReference}({scratch}));");
        w.WriteLine($"ref var {checkpoints} = ref {UnsafeAdd}(ref {saved}, {segmentLength} * {slotSize});");
        w.WriteLine($"ref var {carry} = ref {UnsafeAdd}(ref {checkpoints}, {segments} * {slotSize});");
        foreach (var lanes in RecomputeLaneSets)
        {
            w.OpenBlock(ChunkLoop(lanes));
            w.WriteLine($"BackpropagateChunk{lanes}<{tl}, {element}, {s.Scheme}>({Groups(ChunkArguments, buffers, gradientRefs)});");
            w.CloseBlock();
        }

        w.OpenBlock($"if ({rented} is not null)");
        w.WriteLine($"global::System.Buffers.ArrayPool<{element}>.Shared.Return({rented});");
        w.CloseBlock();
        w.CloseBlock();
        w.WriteLine();
        for (var p = 0; p < s.Parameters.Length; p++)
        {
            w.WriteLine($"{parameterGradient}[{p}] += {tl}.Sum({N("g" + s.Parameters[p].Name)});");
        }

        w.WriteLine();
        w.WriteLine($"return {i};");
        w.CloseBlock();

        foreach (var lanes in RecomputeLaneSets)
        {
            WriteRecomputingChunk(lanes);
            WriteCheckpointChunk(lanes);
            WriteRecomputeSegment(lanes);
        }

        foreach (var group in RecomputeLaneSets.Select(l => Math.Min(backwardUnroll, l)).Distinct())
        {
            WriteReverseSegment(group);
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
            DeclareStepConstants();
            foreach (var sum in GradientSums)
            {
                for (var j = 0; j < lanes; j++)
                {
                    w.WriteLine($"var {Lane(sum, j)} = {tl}.Constant(0);");
                }
            }

            LoadInputs(lanes, i);
            MoveStates(lanes, adjointRef, i, load: true, declare: true, name: k => s.Adjoint[k]);
            TapeTiles(lanes);
            w.OpenBlock($"for (var {N("t")} = {steps} - 1; {N("t")} >= 0; {N("t")}--)");
            MoveTape(lanes, load: true);
            WriteStepsBackward(0, lanes);
            w.CloseBlock();
            w.WriteLine();
            MoveStates(lanes, adjointRef, i, load: false, declare: false, name: k => s.Adjoint[k]);
            WriteGroupEnd(0, lanes);
            w.CloseBlock();
        }
    }

    private string BufferParameters =>
        $"ref {s.Element} {N("initial")}, ref {s.Element} {N("input")}, ref {s.Element} {N("adjoint")}, ref {s.Element} {N("inputGrad")}, bool {N("wantInputGradient")}, ref {s.Element} {N("saved")}, ref {s.Element} {N("checkpoints")}, ref {s.Element} {N("carry")}, int {N("slotSize")}, int {N("segments")}";

    /// <summary>A lane's carried vector <paramref name="index"/> (adjoints first, then gradient sums) in the carry buffer.</summary>
    private string CarrySlot(int lane, int index) =>
        $"{UnsafeAdd}(ref {N("carry")}, {(lane * CarryStride) + index} * {N("width")})";

    /// <summary>
    /// One chunk of the recomputing reverse pass: checkpoints (when there is more than one segment), then per segment
    /// (last first) the forward pass recomputed for all its vectors at once and the reverse pass group by group; what a
    /// group carries from one segment to the next waits in the carry buffer.
    /// </summary>
    private void WriteRecomputingChunk(int lanes)
    {
        var (steps, i, segment, segments, slotSize, count, width) = (N("steps"), N("i"), N("segment"), N("segments"), N("slotSize"), N("count"), N("width"));
        var (first, length, checkpoints, saved, carry, input) = (N("first"), N("length"), N("checkpoints"), N("saved"), N("carry"), N("input"));
        var group = Math.Min(backwardUnroll, lanes);
        var gradientParameters = Join(s.Parameters.Select(p => $"ref {tl} {N("g" + p.Name)}"));
        var gradientArguments = Join(s.Parameters.Select(p => $"ref {N("g" + p.Name)}"));
        w.WriteLine();
        w.WriteLine($"/// <summary>Reverse mode for {lanes} vector(s) of elements from <c>i</c>: checkpoints, then per segment (last first) recompute all {lanes} and backpropagate {group} at a time.</summary>");
        w.WriteLine(HotPath);
        w.WriteLine($"private static void BackpropagateChunk{lanes}<{tl}, {s.Element}, {s.Scheme}>({Groups(ChunkParameters, BufferParameters, gradientParameters)})");
        w.WriteLine(CoreConstraints);
        w.OpenBlock(string.Empty);
        w.OpenBlock($"if ({segments} > 1)");
        w.WriteLine($"CheckpointChunk{lanes}<{tl}, {s.Element}, {s.Scheme}>({ChunkArguments}, ref {N("initial")}, ref {input}, ref {checkpoints}, {slotSize}, {segments});");
        w.CloseBlock();
        w.WriteLine();
        w.OpenBlock($"for (var {segment} = {segments} - 1; {segment} >= 0; {segment}--)");
        w.WriteLine($"var {first} = {segment} * {SegmentSteps};");
        w.WriteLine($"var {length} = global::System.Math.Min({SegmentSteps}, {steps} - {first});");
        w.OpenBlock($"if ({segments} == 1)");
        w.WriteLine($"RecomputeSegment{lanes}<{tl}, {s.Element}, {s.Scheme}>({ChunkArguments}, ref {input}, ref {UnsafeAdd}(ref {N("initial")}, {i}), {count}, ref {saved}, {slotSize}, {length});");
        w.CloseBlock();
        w.OpenBlock("else");
        w.WriteLine($"RecomputeSegment{lanes}<{tl}, {s.Element}, {s.Scheme}>({ChunkArguments}, ref {input}, ref {UnsafeAdd}(ref {checkpoints}, {segment} * {slotSize}), {lanes} * {width}, ref {saved}, {slotSize}, {length});");
        w.CloseBlock();
        w.WriteLine();
        for (var g = 0; g < lanes; g += group)
        {
            w.WriteLine($"ReverseSegment{group}<{tl}, {s.Element}, {s.Scheme}>({Groups(ChunkArguments, $"ref {input}, ref {saved}, ref {carry}, {slotSize}, {length}, {g}, {lanes}, {segment} == {segments} - 1, {segment} == 0, ref {N("adjoint")}, ref {N("inputGrad")}, {N("wantInputGradient")}", gradientArguments)});");
        }

        w.CloseBlock();
        w.CloseBlock();
    }

    /// <summary>The forward pass once through all segments but the last, keeping the state at the start of each.</summary>
    private void WriteCheckpointChunk(int lanes)
    {
        var (steps, i, t, segment, segments, slotSize, checkpoints) = (N("steps"), N("i"), N("t"), N("segment"), N("segments"), N("slotSize"), N("checkpoints"));
        w.WriteLine();
        w.WriteLine($"/// <summary>Runs {lanes} vector(s) of elements from <c>i</c> forward, keeping the state at the start of every {SegmentSteps}-step segment.</summary>");
        w.WriteLine(HotPath);
        w.WriteLine($"private static void CheckpointChunk{lanes}<{tl}, {s.Element}, {s.Scheme}>({ChunkParameters}, ref {s.Element} {N("initial")}, ref {s.Element} {N("input")}, ref {s.Element} {checkpoints}, int {slotSize}, int {segments})");
        w.WriteLine(CoreConstraints);
        w.OpenBlock(string.Empty);
        DeclareStepConstants();
        LoadInputs(lanes, i);
        MoveStates(lanes, N("initial"), i, load: true, declare: true);
        w.OpenBlock($"for (var {segment} = 0; {segment} < {segments}; {segment}++)");
        w.WriteLine($"ref var {N("slot")} = ref {UnsafeAdd}(ref {checkpoints}, {segment} * {slotSize});");
        MoveScratch(lanes, N("slot"), load: false);
        w.OpenBlock($"for (int {t} = {segment} * {SegmentSteps}, {N("end")} = global::System.Math.Min({steps}, {t} + {SegmentSteps}); {segment} < {segments} - 1 && {t} < {N("end")}; {t}++)");
        WriteSteps(lanes);
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
    }

    /// <summary>Recomputes one segment for all vectors of a chunk, keeping the state at the start of every step.</summary>
    private void WriteRecomputeSegment(int lanes)
    {
        var (i, t, slotSize, length, saved, from, stride, width) = (N("i"), N("t"), N("slotSize"), N("length"), N("saved"), N("from"), N("stateStride"), N("width"));
        w.WriteLine();
        w.WriteLine($"/// <summary>");
        w.WriteLine($"/// Recomputes one segment for {lanes} vector(s) of elements from <c>i</c>, keeping the state at the start of each step.");
        w.WriteLine($"/// The segment starts from <c>from</c>: a checkpoint slot, or the initial states themselves (states <c>stateStride</c> apart).");
        w.WriteLine($"/// </summary>");
        w.WriteLine(HotPath);
        w.WriteLine($"private static void RecomputeSegment{lanes}<{tl}, {s.Element}, {s.Scheme}>({ChunkParameters}, ref {s.Element} {N("input")}, ref {s.Element} {from}, int {stride}, ref {s.Element} {saved}, int {slotSize}, int {length})");
        w.WriteLine(CoreConstraints);
        w.OpenBlock(string.Empty);
        DeclareStepConstants();
        LoadInputs(lanes, i);
        for (var k = 0; k < s.StateCount; k++)
        {
            for (var j = 0; j < lanes; j++)
            {
                var offset = Offset(k == 0 ? "0" : k == 1 ? stride : $"{k} * {stride}", width, j);
                w.WriteLine($"var {Lane(s.States[k].Name, j)} = {tl}.Load(in {UnsafeAdd}(ref {from}, {offset}));");
            }
        }

        w.OpenBlock($"for (var {t} = 0; {t} < {length}; {t}++)");
        w.WriteLine($"ref var {N("slot")} = ref {UnsafeAdd}(ref {saved}, {t} * {slotSize});");
        MoveScratch(lanes, N("slot"), load: false);
        WriteSteps(lanes);
        w.CloseBlock();
        w.CloseBlock();
    }

    /// <summary>
    /// The reverse pass through one recomputed segment for a group of vectors. The first segment it sees (the last in
    /// time) starts from the caller's adjoints and empty sums; the last (the first in time) finishes the group: adjoints
    /// back to the caller, gradients formed and added. In between, the group waits in the carry buffer.
    /// </summary>
    private void WriteReverseSegment(int group)
    {
        var (i, t, slotSize, length, saved, carry, lane, slotLanes) = (N("i"), N("t"), N("slotSize"), N("length"), N("saved"), N("carry"), N("lane"), N("slotLanes"));
        var (width, at, isFirst, isLast, adjointRef) = (N("width"), N("at"), N("isFirst"), N("isLast"), N("adjoint"));
        var gradientParameters = Join(s.Parameters.Select(p => $"ref {tl} {N("g" + p.Name)}"));
        string Carry(int j, int index) => $"{UnsafeAdd}(ref {carry}, (({lane} + {j}) * {CarryStride} + {index}) * {width})";
        w.WriteLine();
        w.WriteLine($"/// <summary>Backpropagates {group} vector(s), lanes <c>lane</c>... of a chunk of <c>slotLanes</c>, through one recomputed segment.</summary>");
        w.WriteLine(HotPath);
        w.WriteLine($"private static void ReverseSegment{group}<{tl}, {s.Element}, {s.Scheme}>({Groups(ChunkParameters, $"ref {s.Element} {N("input")}, ref {s.Element} {saved}, ref {s.Element} {carry}, int {slotSize}, int {length}, int {lane}, int {slotLanes}, bool {isFirst}, bool {isLast}, ref {s.Element} {adjointRef}, ref {s.Element} {N("inputGrad")}, bool {N("wantInputGradient")}", gradientParameters)})");
        w.WriteLine(CoreConstraints);
        w.OpenBlock(string.Empty);
        DeclareStepConstants();
        w.WriteLine($"var {at} = {i} + {lane} * {width};");
        LoadInputs(group, at);
        for (var j = 0; j < group; j++)
        {
            for (var k = 0; k < s.StateCount; k++)
            {
                w.WriteLine($"var {Lane(s.Adjoint[k], j)} = {tl}.Constant(0);");
            }

            for (var m = 0; m < GradientSums.Length; m++)
            {
                w.WriteLine($"var {Lane(GradientSums[m], j)} = {tl}.Constant(0);");
            }
        }

        w.OpenBlock($"if ({isFirst})");
        MoveStates(group, adjointRef, at, load: true, declare: false, name: k => s.Adjoint[k]);
        w.CloseBlock();
        w.OpenBlock("else");
        for (var j = 0; j < group; j++)
        {
            for (var k = 0; k < s.StateCount; k++)
            {
                w.WriteLine($"{Lane(s.Adjoint[k], j)} = {tl}.Load(in {Carry(j, k)});");
            }

            for (var m = 0; m < GradientSums.Length; m++)
            {
                w.WriteLine($"{Lane(GradientSums[m], j)} = {tl}.Load(in {Carry(j, s.StateCount + m)});");
            }
        }

        w.CloseBlock();
        w.WriteLine();
        w.OpenBlock($"for (var {t} = {length} - 1; {t} >= 0; {t}--)");
        w.WriteLine($"ref var {N("slot")} = ref {UnsafeAdd}(ref {saved}, {t} * {slotSize});");
        for (var k = 0; k < s.StateCount; k++)
        {
            for (var j = 0; j < group; j++)
            {
                w.WriteLine($"var {Lane(s.States[k].Name, j)} = {tl}.Load(in {UnsafeAdd}(ref {N("slot")}, ({k} * {slotLanes} + {lane} + {j}) * {width}));");
            }
        }

        WriteStepsBackward(0, group);
        w.CloseBlock();
        w.WriteLine();
        w.OpenBlock($"if ({isLast})");
        MoveStates(group, adjointRef, at, load: false, declare: false, name: k => s.Adjoint[k]);
        WriteGroupEnd(0, group, at);
        w.CloseBlock();
        w.OpenBlock("else");
        for (var j = 0; j < group; j++)
        {
            for (var k = 0; k < s.StateCount; k++)
            {
                w.WriteLine($"{tl}.Store({Lane(s.Adjoint[k], j)}, ref {Carry(j, k)});");
            }

            for (var m = 0; m < GradientSums.Length; m++)
            {
                w.WriteLine($"{tl}.Store({Lane(GradientSums[m], j)}, ref {Carry(j, s.StateCount + m)});");
            }
        }

        w.CloseBlock();
        w.CloseBlock();
    }

    /// <summary>One reverse step for lanes <paramref name="first"/>... (the names of a group's lanes).</summary>
    private void WriteStepsBackward(int first, int lanes)
    {
        for (var j = first; j < first + lanes; j++)
        {
            var args = s.States.Select(v => Lane(v.Name, j))
                .Concat(s.Parameters.Select(v => s.Value[v]))
                .Concat(s.Inputs.Select(v => Lane(v.Name, j)))
                .Concat(new[] { N("stepDt") })
                .Concat(ConstantNames)
                .Concat(s.Adjoint.Select(a => "ref " + Lane(a, j)))
                .Concat(GradientSums.Select(g => "ref " + Lane(g, j)));
            w.WriteLine($"StepBackward<{tl}, {s.Scheme}>({Join(args)});");
        }
    }

    /// <summary>
    /// Adds a group's input gradients to the caller's buffer and folds its parameter gradients into the caller's
    /// accumulators, lane by lane in one fixed order, whichever path (tape or recomputation) produced them.
    /// </summary>
    private void WriteGroupEnd(int first, int lanes, string? index = null)
    {
        var (i, inputGradientRef, wantInputGradient) = (index ?? N("i"), N("inputGrad"), N("wantInputGradient"));
        for (var j = first; j < first + lanes; j++)
        {
            var sums = Join(GradientSums.Select(k => Lane(k, j)));
            var outputs = Join(ParametersAndInputs.Select(v => "out var " + Lane("g" + v.Name, j)));
            w.WriteLine($"Gradients<{tl}, {s.Scheme}>({Groups(Join(s.Parameters.Select(p => s.Value[p])), N("stepDt"), sums, outputs)});");
        }

        if (s.Inputs.Length > 0)
        {
            w.OpenBlock($"if ({wantInputGradient})");
            for (var k = 0; k < s.Inputs.Length; k++)
            {
                for (var j = first; j < first + lanes; j++)
                {
                    var at = $"{UnsafeAdd}(ref {inputGradientRef}, {BlockOffset(k, j, i)})";
                    w.WriteLine($"{tl}.Store({tl}.Load(in {at}) + {Lane("g" + s.Inputs[k].Name, j)}, ref {at});");
                }
            }

            w.CloseBlock();
        }

        foreach (var p in s.Parameters)
        {
            var sum = string.Join(" + ", Enumerable.Range(first, lanes).Select(j => Lane("g" + p.Name, j)));
            w.WriteLine($"{N("g" + p.Name)} = {N("g" + p.Name)} + {sum};");
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
