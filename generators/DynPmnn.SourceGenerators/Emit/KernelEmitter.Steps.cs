using System;
using System.Collections.Generic;
using System.Linq;
using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Emit;

/// <summary>The per-point numerics: right-hand side, its vector–Jacobian product, step constants, gradients from sums, and the Euler, Heun and RK4 steps and reverse steps.</summary>
internal sealed partial class KernelEmitter
{
    private void WriteRightHandSide()
    {
        w.WriteLine();
        w.WriteLine("/// <summary>The right-hand side, as written in the neuron's Derivatives method.</summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"public static void RightHandSide<{tl}>({ValueParameters()}, {Join(s.Derivative.Select(d => $"out {tl} {d}"))})");
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        new ExpressionEmitter(w, tl, V, Temporaries()).Assign(s.Derivative, s.Derivatives);
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
            w.WriteLine($"/// {Xml(s.Sum[k])} = {Xml(s.Text.Print(s.SumIncrement(k, s.Cotangents[s.SumPlan.Sums[k].State])))}<br/>");
        }

        w.WriteLine("/// </summary>");
        w.WriteLine(NeuronEmitter.AggressiveInlining);
        w.WriteLine($"public static void RightHandSideVjp<{tl}>({Groups(ValueParameters(), Join(s.Cotangent.Select(c => $"{tl} {c}")), Join(s.States.Select(v => $"out {tl} {s.Gradient[v]}")), Join(s.Sum.Select(k => $"out {tl} {k}")))})");
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        var vjp = s.VectorJacobianProduct().Take(s.StateCount).Concat(s.Sums.Select((_, k) => s.SumIncrement(k, s.Cotangents[s.SumPlan.Sums[k].State]))).ToArray();
        var names = s.States.Select(v => s.Gradient[v]).Concat(s.Sum).ToArray();
        new ExpressionEmitter(w, tl, V, Temporaries()).Assign(names, vjp);
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
        new ExpressionEmitter(w, tl, V, Temporaries()).Assign(ConstantNames, stepConstants);
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
        w.WriteLine($"var {scale} = typeof({s.Scheme}) == typeof({NeuronEmitter.CompilerServicesNamespace}.EulerScheme) ? {s.Dt} : {tl}.Constant(1);");
        new ExpressionEmitter(w, tl, V, Temporaries()).Assign(
            ParametersAndInputs.Select(v => s.Gradient[v]).ToArray(),
            ParametersAndInputs.Select((_, q) => s.GradientFromSums(q)).ToArray(),
            (gradient, code) => $"{scale} * " + (E.IsZero(gradient) ? $"{tl}.Constant(0)" : code.All(c => char.IsLetterOrDigit(c) || c == '_') ? code : $"({code})"));
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
        var next = s.States.Select(v => N("next" + v.Name)).ToArray();
        ConstantAwareEmitter(V).Assign(next.Select(n => "var " + n).ToArray(), eulerUpdates);
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
        var (adjoints, sums) = eulerReverse;
        var nextAdjoint = s.States.Select(v => N("nextA" + v.Name)).ToArray();
        ConstantAwareEmitter(AdjointName).Assign(nextAdjoint.Select(a => "var " + a).Concat(s.Sum).ToArray(), adjoints.Concat(sums).ToArray());
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
                w.WriteLine($"{(i == 0 ? "if" : "else if")} (typeof({s.Scheme}) == typeof({NeuronEmitter.CompilerServicesNamespace}.{marker}))");
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

    private string SchemeMarker(int index) => NeuronEmitter.CompilerServicesNamespace + "." + new[] { "EulerScheme", "HeunScheme", "RungeKutta4Scheme" }[index];
}
