using System;
using System.Collections.Generic;
using System.Linq;
using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Emit;

/// <summary>The reverse drivers: from a tape, or recomputing each chunk's forward pass segment by segment.</summary>
internal sealed partial class KernelEmitter
{
    private void WriteBackpropagate()
    {
        var (initial, tape, parameters, inputs, adjoint, parameterGradient, inputGradient) = (N("initialStates"), N("tape"), N("parameters"), N("inputs"), N("stateAdjoint"), N("parameterGradient"), N("inputGradient"));
        WriteDriver(
            "Backpropagate",
            "Reverse mode through <c>steps</c> steps: from the states the forward pass kept in <c>tape</c>, or, when it is empty, from <c>initialStates</c>, recomputing the forward pass chunk by chunk; see INeuron for the contract.",
            e => $"{Span(e, true)} {initial}, {Span(e, true)} {tape}, {Span(e, true)} {parameters}, {Span(e, true)} {inputs}, {Span(e, false)} {adjoint}, {Span(e, false)} {parameterGradient}, {Span(e, false)} {inputGradient}",
            [initial, tape, parameters, inputs, adjoint, parameterGradient, inputGradient],
            $"{NeuronEmitter.CompilerServicesNamespace}.NeuronBuffers.CheckBackpropagate(Descriptor, {N("steps")}, {N("count")}, {initial}.Length, {tape}.Length, {parameters}.Length, {inputs}.Length, {adjoint}.Length, {parameterGradient}.Length, {inputGradient}.Length);",
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
    private int CarryStride => s.StateCount + s.Sum.Length;

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
        w.WriteLine($"ref var {saved} = ref {NeuronEmitter.CompilerServicesNamespace}.NeuronBuffers.AlignToCacheLine(ref {GetReference}({scratch}));");
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
            DeclareChunkValues();
            foreach (var sum in s.Sum)
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
        DeclareChunkValues();
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
        DeclareChunkValues();
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
        string Plus(string left, int right) => right == 0 ? left : $"{left} + {right}";
        string Parenthesised(string e) => e.Contains(" ") ? $"({e})" : e;
        string Carry(int j, int index) => $"{UnsafeAdd}(ref {carry}, {Parenthesised(Plus($"{Parenthesised(Plus(lane, j))} * {CarryStride}", index))} * {width})";
        w.WriteLine();
        w.WriteLine($"/// <summary>Backpropagates {group} vector(s), lanes <c>lane</c>... of a chunk of <c>slotLanes</c>, through one recomputed segment.</summary>");
        w.WriteLine(HotPath);
        w.WriteLine($"private static void ReverseSegment{group}<{tl}, {s.Element}, {s.Scheme}>({Groups(ChunkParameters, $"ref {s.Element} {N("input")}, ref {s.Element} {saved}, ref {s.Element} {carry}, int {slotSize}, int {length}, int {lane}, int {slotLanes}, bool {isFirst}, bool {isLast}, ref {s.Element} {adjointRef}, ref {s.Element} {N("inputGrad")}, bool {N("wantInputGradient")}", gradientParameters)})");
        w.WriteLine(CoreConstraints);
        w.OpenBlock(string.Empty);
        DeclareChunkValues();
        w.WriteLine($"var {at} = {i} + {lane} * {width};");
        LoadInputs(group, at);
        for (var j = 0; j < group; j++)
        {
            for (var k = 0; k < s.StateCount; k++)
            {
                w.WriteLine($"var {Lane(s.Adjoint[k], j)} = {tl}.Constant(0);");
            }

            for (var m = 0; m < s.Sum.Length; m++)
            {
                w.WriteLine($"var {Lane(s.Sum[m], j)} = {tl}.Constant(0);");
            }
        }

        w.OpenBlock($"if ({isFirst})");
        MoveStates(group, adjointRef, at, load: true, declare: false, name: k => s.Adjoint[k]);
        w.CloseBlock();
        w.OpenBlock("else");
        MoveCarry(group, Carry, load: true);
        w.CloseBlock();
        w.WriteLine();
        w.OpenBlock($"for (var {t} = {length} - 1; {t} >= 0; {t}--)");
        w.WriteLine($"ref var {N("slot")} = ref {UnsafeAdd}(ref {saved}, {t} * {slotSize});");
        for (var k = 0; k < s.StateCount; k++)
        {
            for (var j = 0; j < group; j++)
            {
                w.WriteLine($"var {Lane(s.States[k].Name, j)} = {tl}.Load(in {UnsafeAdd}(ref {N("slot")}, {Parenthesised(Plus(k == 0 ? lane : $"{(k == 1 ? string.Empty : k + " * ")}{slotLanes} + {lane}", j))} * {width}));");
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
        MoveCarry(group, Carry, load: false);
        w.CloseBlock();
        w.CloseBlock();
    }

    /// <summary>Loads (or stores) a group's adjoints and gradient sums from (or to) its slots in the carry buffer.</summary>
    private void MoveCarry(int group, Func<int, int, string> carry, bool load)
    {
        for (var j = 0; j < group; j++)
        {
            var values = s.Adjoint.Concat(s.Sum).ToArray();
            for (var index = 0; index < values.Length; index++)
            {
                var name = Lane(values[index], j);
                w.WriteLine(load ? $"{name} = {tl}.Load(in {carry(j, index)});" : $"{tl}.Store({name}, ref {carry(j, index)});");
            }
        }
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
                .Concat(s.Sum.Select(g => "ref " + Lane(g, j)));
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
            var sums = Join(s.Sum.Select(k => Lane(k, j)));
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
}
