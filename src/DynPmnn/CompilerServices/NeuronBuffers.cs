using System.ComponentModel;
using System.Runtime.CompilerServices;
using DynPmnn.Neurons;

namespace DynPmnn.CompilerServices;

/// <summary>
/// Sizes of the buffers generated kernels work on, and the checks they run before touching memory: a wrong length
/// is an <see cref="ArgumentException"/> that names the neuron, the buffer and both lengths.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NeuronBuffers
{
    /// <summary>Neurons per tape tile: a tile holds all steps of this many neurons contiguously, so a chunk's reverse pass reads nearby memory.</summary>
    public const int TapeTileSize = 16;

    /// <summary>Elements a tape of <paramref name="steps"/> steps of a block of <paramref name="count"/> neurons holds: the state at the start of every step.</summary>
    public static int TapeLength(int stateCount, int steps, int count) => checked(steps * stateCount * count);

    /// <summary>
    /// Where neuron <paramref name="element"/> starts in a tape: tile by tile of <see cref="TapeTileSize"/> neurons,
    /// each tile <c>[step][state][neuron in tile]</c>. Step <c>t</c>, state <c>s</c> of the element is at
    /// <c>start + (t · stateCount + s) · row</c>; a vector of neurons within one tile is contiguous.
    /// </summary>
    public static int TapeTile(int element, int steps, int stateCount, int count, out int row)
    {
        var first = element - (element % TapeTileSize);
        row = Math.Min(TapeTileSize, count - first);
        return (first * steps * stateCount) + (element - first);
    }

    /// <summary>
    /// The first element of <paramref name="start"/>'s buffer that lies on a 64-byte boundary (at most 64 bytes on):
    /// generated kernels over-allocate their stack scratch by that much and start there, so no vector they store and
    /// reload every step straddles two cache lines. Memory that can move (a pooled array) stays correct, only possibly
    /// unaligned.
    /// </summary>
    public static ref T AlignToCacheLine<T>(ref T start)
        where T : unmanaged
    {
        var address = Unsafe.ByteOffset(ref Unsafe.NullRef<T>(), ref start);
        var misalignment = (int)(address & 63);
        return ref misalignment == 0 ? ref start : ref Unsafe.Add(ref start, (64 - misalignment) / Unsafe.SizeOf<T>());
    }

    public static void CheckIntegrate(NeuronDescriptor neuron, int steps, int count, int states, int parameters, int inputs, int tape)
    {
        CheckCounts(neuron, steps, count);
        Expect(neuron, "states", states, neuron.States.Count * count);
        Expect(neuron, "parameters", parameters, neuron.Parameters.Count);
        ExpectOptional(neuron, "inputs", inputs, neuron.Inputs.Count * count);
        ExpectOptional(neuron, "tape", tape, TapeLength(neuron.States.Count, steps, count));
    }

    /// <summary>Exactly one of <paramref name="initialStates"/> and <paramref name="tape"/> is given.</summary>
    public static void CheckBackpropagate(NeuronDescriptor neuron, int steps, int count, int initialStates, int tape, int parameters, int inputs, int stateAdjoint, int parameterGradient, int inputGradient)
    {
        CheckCounts(neuron, steps, count);
        if (tape != 0)
        {
            Expect(neuron, "tape", tape, TapeLength(neuron.States.Count, steps, count));
        }
        else if (initialStates != 0 || steps > 0)
        {
            // Zero steps have an empty tape: then the initial states are optional, as there is nothing to replay.
            Expect(neuron, "initialStates", initialStates, neuron.States.Count * count);
        }
        Expect(neuron, "parameters", parameters, neuron.Parameters.Count);
        ExpectOptional(neuron, "inputs", inputs, neuron.Inputs.Count * count);
        Expect(neuron, "stateAdjoint", stateAdjoint, neuron.States.Count * count);
        Expect(neuron, "parameterGradient", parameterGradient, neuron.Parameters.Count);
        ExpectOptional(neuron, "inputGradient", inputGradient, neuron.Inputs.Count * count);
    }

    public static void CheckPoint(NeuronDescriptor neuron, int states, int parameters, int inputs, int output, int expectedOutput)
    {
        Expect(neuron, "states", states, neuron.States.Count);
        Expect(neuron, "parameters", parameters, neuron.Parameters.Count);
        ExpectOptional(neuron, "inputs", inputs, neuron.Inputs.Count);
        Expect(neuron, "output", output, expectedOutput);
    }

    private static void CheckCounts(NeuronDescriptor neuron, int steps, int count)
    {
        if (steps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"{neuron.Name}: the number of steps cannot be negative.");
        }

        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"{neuron.Name}: the number of neurons in a block cannot be negative.");
        }
    }

    private static void Expect(NeuronDescriptor neuron, string buffer, int actual, int expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{neuron.Name}: buffer '{buffer}' has {actual} elements, expected {expected}.", buffer);
        }
    }

    /// <summary>Inputs and input gradients may be empty: no drive, no input gradient wanted.</summary>
    private static void ExpectOptional(NeuronDescriptor neuron, string buffer, int actual, int expected)
    {
        if (actual != 0 && actual != expected)
        {
            throw new ArgumentException($"{neuron.Name}: buffer '{buffer}' has {actual} elements, expected {expected} (or none).", buffer);
        }
    }
}
