namespace DynPmnn.Neurons;

/// <summary>
/// Sizes of the buffers generated kernels work on, and the checks they run before touching memory: a wrong length
/// is an <see cref="ArgumentException"/> that names the neuron, the buffer and both lengths.
/// </summary>
public static class NeuronBuffers
{
    public static void CheckIntegrate(NeuronDescriptor neuron, int steps, int count, int states, int parameters, int inputs)
    {
        CheckCounts(neuron, steps, count);
        Expect(neuron, "states", states, neuron.States.Count * count);
        Expect(neuron, "parameters", parameters, neuron.Parameters.Count);
        ExpectOptional(neuron, "inputs", inputs, neuron.Inputs.Count * count);
    }

    public static void CheckBackpropagate(NeuronDescriptor neuron, int steps, int count, int initialStates, int parameters, int inputs, int stateAdjoint, int parameterGradient, int inputGradient)
    {
        CheckCounts(neuron, steps, count);
        Expect(neuron, "initialStates", initialStates, neuron.States.Count * count);
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
