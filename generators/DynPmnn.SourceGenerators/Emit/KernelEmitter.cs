using System;
using System.Collections.Generic;
using System.Linq;
using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Emit;

/// <summary>
/// Writes a neuron's kernel class. Everything numeric is generic over a lanes type, so one body serves the scalar
/// tail, every SIMD width and the double-precision verification path; the JIT specialises each.
/// </summary>
internal sealed partial class KernelEmitter
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
        lanesConstraint = $"where {tl} : struct, {NeuronEmitter.CompilerServicesNamespace}.ILanes<{tl}>";
        eulerUpdates = s.States.Select((v, i) => E.Add(v, InvariantFactors.Scale(s.StepSize, s.Derivatives[i]))).ToArray();
        eulerReverse = s.EulerReverse();
        var constants = new List<Expr>();
        var visited = new HashSet<Expr>();
        foreach (var e in eulerUpdates.Concat(eulerReverse.Adjoints).Concat(eulerReverse.Sums))
        {
            CollectInvariants(e, constants, visited);
        }

        stepConstants = constants.ToArray();
        var size = s.Derivatives.Sum(d => (long)d.Size) + s.VectorJacobianProduct().Sum(g => (long)g.Size);
        unroll = size <= 120 ? 4 : size <= 300 ? 2 : 1;
        backwardUnroll = Math.Max(1, unroll / 2);
    }

    /// <summary>Adds the largest invariant operations in <paramref name="e"/> (not bare constants or variables) to <paramref name="into"/>, once each, visiting each node once.</summary>
    private static void CollectInvariants(Expr e, List<Expr> into, HashSet<Expr> visited)
    {
        if (e is not Operation o || !visited.Add(o))
        {
            return;
        }

        if (InvariantFactors.IsInvariant(o))
        {
            into.Add(o);
            return;
        }

        foreach (var child in o.Children)
        {
            CollectInvariants(child, into, visited);
        }
    }

    public static void Write(SourceWriter w, NeuronSymbols s, string hintName, string[] equations, List<(string State, string Variable, string Expression)> partials)
    {
        var e = new KernelEmitter(w, s);
        var className = NeuronEmitter.KernelClassName(s.Model);
        w.WriteLine($"/// <summary>Integrator steps, their reverse-mode derivatives and batched SIMD drivers for the neuron {Xml(s.Model.DisplayName)}.</summary>");
        w.WriteLine($"[global::System.CodeDom.Compiler.GeneratedCode(\"{NeuronEmitter.GeneratorName}\", \"{NeuronEmitter.GeneratorVersion}\")]");
        w.OpenBlock($"internal static class {className}");
        e.WriteDescriptor(hintName, equations, partials);
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

    /// <summary>
    /// Every name the kernel class declares, which generated code uses unqualified: no variable or generated local may
    /// take one. Chunk methods are numbered by how many vectors they carry.
    /// </summary>
    public static IEnumerable<string> MemberNames(string className)
    {
        string[] fixedNames =
        [
            className, "StateCount", "ParameterCount", "InputCount", "Descriptor", "RightHandSide", "RightHandSideVjp", "StepConstants",
            "Gradients", "EulerStep", "EulerStepBackward", "HeunStep", "HeunStepBackward", "RungeKutta4Step", "RungeKutta4StepBackward",
            "Step", "StepBackward", "Integrate", "IntegrateSingle", "IntegrateCore", "Backpropagate", "BackpropagateSingle",
            "BackpropagateCore", "EvaluateRightHandSide", "EvaluateJacobian", "StateJacobian",
        ];
        string[] numbered = ["IntegrateChunk", "IntegrateTapeChunk", "BackpropagateChunk", "BackpropagateTapeChunk", "CheckpointChunk", "RecomputeSegment", "ReverseSegment"];
        return fixedNames.Concat(numbered.SelectMany(prefix => Enumerable.Range(1, 8).Select(n => prefix + n)));
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

    private void WriteDescriptor(string hintName, string[] equations, List<(string State, string Variable, string Expression)> partials)
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
        w.WriteLine($"    {Literals.Quoted(hintName)},");
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
        w.WriteLine($"    {NeuronEmitter.SourceClassName(s.Model)}.Text,");
        WriteGraph(RightHandSideGraphWriter.RightHandSide(s.Derivatives), last: false);
        WriteGraph(RightHandSideGraphWriter.EulerStep(stepConstants, eulerUpdates), last: true);
    }

    /// <summary>A <c>RightHandSideGraph</c> constructor argument of the descriptor.</summary>
    private void WriteGraph((IReadOnlyList<string> Nodes, int[] Roots) graph, bool last)
    {
        w.WriteLine($"    new {NeuronEmitter.NeuronsNamespace}.RightHandSideGraph(");
        w.WriteLine("        new string[]");
        w.WriteLine("        {");
        foreach (var node in graph.Nodes)
        {
            w.WriteLine($"            {Literals.Quoted(node)},");
        }

        w.WriteLine("        },");
        w.WriteLine($"        new int[] {{ {Join(graph.Roots.Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)))} }}){(last ? ");" : ",")}");
    }

    /// <summary>"TL V, TL W, TL A, ..." for states, parameters and inputs.</summary>
    private string ValueParameters(string prefix = "") => Join(s.AllVariables.Select(v => $"{prefix}{tl} {s.Value[v]}"));

    /// <summary>Arguments for a call at the stage point whose state names are given; parameters and inputs as they are.</summary>
    private string PointArguments(IEnumerable<string> stateNames) => Join(stateNames.Concat(ParametersAndInputs.Select(v => s.Value[v])));

    private IEnumerable<string> StateValues => s.States.Select(v => s.Value[v]);

    private IEnumerable<string> Stage(string prefix) => s.States.Select(v => N(prefix + v.Name));

    private void WritePointEvaluation()
    {
        var (states, parameters, inputs, derivatives, jacobian) = (N("states"), N("parameters"), N("inputs"), N("derivatives"), N("jacobian"));
        var f64 = NeuronEmitter.CompilerServicesNamespace + ".F64x1";
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
        w.WriteLine($"{NeuronEmitter.CompilerServicesNamespace}.NeuronBuffers.CheckPoint(Descriptor, {states}.Length, {parameters}.Length, {inputs}.Length, {derivatives}.Length, StateCount);");
        LoadPoint();
        w.WriteLine($"RightHandSide({Groups(PointArguments(StateValues), Join(s.Derivative.Select(d => "out var " + d)))});");
        for (var k = 0; k < s.StateCount; k++)
        {
            w.WriteLine($"{derivatives}[{k}] = {s.Derivative[k]}.Value;");
        }

        w.CloseBlock();

        // Only the entries that are not identically zero are computed, written straight into the caller's buffer: one
        // out parameter per entry made a method with n² parameters, which the runtime rejects (InvalidProgramException)
        // for a hundred states.
        var entries = new List<(int Index, Expr Partial)>();
        for (var r = 0; r < s.StateCount; r++)
        {
            for (var c = 0; c < s.StateCount; c++)
            {
                if (!E.IsZero(s.Partials[r, c]))
                {
                    entries.Add(((r * s.StateCount) + c, s.Partials[r, c]));
                }
            }
        }

        w.WriteLine();
        w.WriteLine("/// <summary>The analytic Jacobian ∂fᵢ/∂xⱼ of the right-hand side with respect to the states at one point, row-major.</summary>");
        w.OpenBlock($"public static void EvaluateJacobian({signature}, global::System.Span<double> {jacobian})");
        w.WriteLine($"{NeuronEmitter.CompilerServicesNamespace}.NeuronBuffers.CheckPoint(Descriptor, {states}.Length, {parameters}.Length, {inputs}.Length, {jacobian}.Length, StateCount * StateCount);");
        LoadPoint();
        w.WriteLine($"{jacobian}.Clear();");
        w.WriteLine($"StateJacobian({Groups(PointArguments(StateValues), $"global::System.Runtime.InteropServices.MemoryMarshal.Cast<double, {f64}>({jacobian})")});");
        w.CloseBlock();

        w.WriteLine();
        w.WriteLine("/// <summary>The state Jacobian of the right-hand side, row-major: its entries that are not identically zero (the others are left as they are).</summary>");
        w.WriteLine($"public static void StateJacobian<{tl}>({ValueParameters()}, global::System.Span<{tl}> {jacobian})");
        w.WriteLine($"    {lanesConstraint}");
        w.OpenBlock(string.Empty);
        new ExpressionEmitter(w, tl, V, Temporaries()).Assign(entries.Select(e => $"{jacobian}[{e.Index}]").ToArray(), entries.Select(e => e.Partial).ToArray());

        w.CloseBlock();
    }
}
