using System;
using System.Collections.Generic;
using System.Linq;
using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Emit;

/// <summary>The batched drivers' shared machinery (entry points, width dispatch, chunk layout) and the forward drivers.</summary>
internal sealed partial class KernelEmitter
{
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
        WriteEntry(name, "double", parameters("double"), check, marker => $"{name}Core<{NeuronEmitter.CompilerServicesNamespace}.F64x1, double, {marker}>({string.Format(forwarded, "0")});");

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
            $"{NeuronEmitter.CompilerServicesNamespace}.NeuronBuffers.CheckIntegrate(Descriptor, {N("steps")}, {N("count")}, {states}.Length, {parameters}.Length, {inputs}.Length, {tape}.Length);",
            WriteIntegrateCore);
    }

    /// <summary>The widest hardware vectors for the bulk, then one scalar lane for the tail.</summary>
    private void WriteWidthDispatch(string core, string forwarded)
    {
        var done = N("done");
        var l = NeuronEmitter.CompilerServicesNamespace;
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
        $"    where {tl} : struct, {NeuronEmitter.CompilerServicesNamespace}.ILaneStorage<{tl}, {s.Element}>\n" +
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

    /// <summary>Declares the broadcast step size and parameters, and the step constants, at the top of a chunk method.</summary>
    private void DeclareChunkValues()
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
            DeclareChunkValues();
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
            w.WriteLine($"var {Lane("tile", j)} = {NeuronEmitter.CompilerServicesNamespace}.NeuronBuffers.TapeTile({Offset(N("i"), N("width"), j)}, {N("steps")}, {s.StateCount}, {N("count")}, out var {Lane("tileRow", j)});");
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
            DeclareChunkValues();
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
}
