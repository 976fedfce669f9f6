namespace DynPmnn.Neurons;

/// <summary>
/// The contract the source generator implements for every <see cref="NeuronAttribute"/> type, so that
/// <c>OdeLayer</c> can integrate any neuron without knowing it.
/// </summary>
/// <remarks>
/// All batched methods work on one block of <c>count</c> neurons that share one set of parameters (one unit of a
/// layer over a batch). Buffers are structure-of-arrays: <c>states</c> holds <see cref="StateCount"/> rows of
/// <c>count</c> values, <c>inputs</c> <see cref="InputCount"/> rows of <c>count</c> values held constant over the
/// steps, <c>parameters</c> <see cref="ParameterCount"/> values. Empty <c>inputs</c> mean no drive (all zero).
/// No trajectory is kept between the passes: <see cref="Backpropagate(Integrator, float, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float})"/>
/// starts from the initial states and recomputes the forward pass chunk by chunk in cache-resident scratch memory,
/// which needs no memory for a trajectory. When the caller has room for one, <c>IntegrateRecording</c> keeps a tape of
/// the state at the start of every step (<see cref="DynPmnn.CompilerServices.NeuronBuffers.TapeLength"/> elements, laid out in tiles of
/// <see cref="DynPmnn.CompilerServices.NeuronBuffers.TapeTileSize"/> neurons so each chunk's steps are contiguous) and <c>BackpropagateFromTape</c>
/// runs the reverse pass from it without recomputing.
/// </remarks>
public interface INeuron<TSelf>
    where TSelf : INeuron<TSelf>
{
    static abstract NeuronDescriptor Descriptor { get; }

    static abstract int StateCount { get; }

    static abstract int ParameterCount { get; }

    static abstract int InputCount { get; }

    /// <summary>Advances <paramref name="states"/> in place by <paramref name="steps"/> steps of <paramref name="scheme"/>.</summary>
    static abstract void Integrate(Integrator scheme, float dt, int steps, int count, Span<float> states, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs);

    /// <inheritdoc cref="Integrate(Integrator, float, int, int, Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    static abstract void Integrate(Integrator scheme, double dt, int steps, int count, Span<double> states, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs);

    /// <summary>As <c>Integrate</c>, and keeps the state at the start of every step in <paramref name="tape"/> for <c>BackpropagateFromTape</c>.</summary>
    static abstract void IntegrateRecording(Integrator scheme, float dt, int steps, int count, Span<float> states, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> tape);

    /// <inheritdoc cref="IntegrateRecording(Integrator, float, int, int, Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
    static abstract void IntegrateRecording(Integrator scheme, double dt, int steps, int count, Span<double> states, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, Span<double> tape);

    /// <summary>
    /// Reverse mode through <paramref name="steps"/> steps that start at <paramref name="initialStates"/>: <paramref name="stateAdjoint"/> enters as the gradient of the loss with
    /// respect to the final states and leaves as the gradient with respect to the initial states; the gradients with
    /// respect to the parameters and inputs are added to <paramref name="parameterGradient"/> and <paramref name="inputGradient"/>.
    /// </summary>
    static abstract void Backpropagate(Integrator scheme, float dt, int steps, int count, ReadOnlySpan<float> initialStates, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> stateAdjoint, Span<float> parameterGradient, Span<float> inputGradient);

    /// <inheritdoc cref="Backpropagate(Integrator, float, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float})"/>
    static abstract void Backpropagate(Integrator scheme, double dt, int steps, int count, ReadOnlySpan<double> initialStates, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, Span<double> stateAdjoint, Span<double> parameterGradient, Span<double> inputGradient);

    /// <summary>As <c>Backpropagate</c>, from the tape an <c>IntegrateRecording</c> of the same steps kept, without recomputing the forward pass.</summary>
    static abstract void BackpropagateFromTape(Integrator scheme, float dt, int steps, int count, ReadOnlySpan<float> tape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> stateAdjoint, Span<float> parameterGradient, Span<float> inputGradient);

    /// <inheritdoc cref="BackpropagateFromTape(Integrator, float, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float})"/>
    static abstract void BackpropagateFromTape(Integrator scheme, double dt, int steps, int count, ReadOnlySpan<double> tape, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, Span<double> stateAdjoint, Span<double> parameterGradient, Span<double> inputGradient);

    /// <summary>The right-hand side at one point: <c>derivatives[i] = d state_i / dt</c>.</summary>
    static abstract void EvaluateRightHandSide(ReadOnlySpan<double> states, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, Span<double> derivatives);

    /// <summary>The analytic Jacobian of the right-hand side with respect to the states at one point, row-major: <c>jacobian[i * StateCount + j] = ∂f_i/∂x_j</c>.</summary>
    static abstract void EvaluateJacobian(ReadOnlySpan<double> states, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, Span<double> jacobian);
}
