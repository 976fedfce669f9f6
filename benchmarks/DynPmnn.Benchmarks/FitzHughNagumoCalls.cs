using DynPmnn.Neurons;

namespace DynPmnn.Benchmarks;

/// <summary>Calls a neuron's generated kernels through its static interface, as the runtime does.</summary>
internal static class FitzHughNagumo
{
    public static void Integrate(Integrator scheme, float dt, int steps, int count, Span<float> states, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs) =>
        Call<DynPmnn.Neurons.Zoo.FitzHughNagumo>.Integrate(scheme, dt, steps, count, states, parameters, inputs);

    public static void Backpropagate(Integrator scheme, float dt, int steps, int count, ReadOnlySpan<float> initial, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> adjoint, Span<float> parameterGradient, Span<float> inputGradient) =>
        Call<DynPmnn.Neurons.Zoo.FitzHughNagumo>.Backpropagate(scheme, dt, steps, count, initial, parameters, inputs, adjoint, parameterGradient, inputGradient);

    public static void IntegrateRecording(Integrator scheme, float dt, int steps, int count, Span<float> states, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> tape) =>
        Call<DynPmnn.Neurons.Zoo.FitzHughNagumo>.IntegrateRecording(scheme, dt, steps, count, states, parameters, inputs, tape);

    public static void BackpropagateFromTape(Integrator scheme, float dt, int steps, int count, ReadOnlySpan<float> tape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> adjoint, Span<float> parameterGradient, Span<float> inputGradient) =>
        Call<DynPmnn.Neurons.Zoo.FitzHughNagumo>.BackpropagateFromTape(scheme, dt, steps, count, tape, parameters, inputs, adjoint, parameterGradient, inputGradient);

    private static class Call<TNeuron>
        where TNeuron : INeuron<TNeuron>
    {
        public static void Integrate(Integrator scheme, float dt, int steps, int count, Span<float> states, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs) =>
            TNeuron.Integrate(scheme, dt, steps, count, states, parameters, inputs);

        public static void Backpropagate(Integrator scheme, float dt, int steps, int count, ReadOnlySpan<float> initial, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> adjoint, Span<float> parameterGradient, Span<float> inputGradient) =>
            TNeuron.Backpropagate(scheme, dt, steps, count, initial, parameters, inputs, adjoint, parameterGradient, inputGradient);

        public static void IntegrateRecording(Integrator scheme, float dt, int steps, int count, Span<float> states, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> tape) =>
            TNeuron.IntegrateRecording(scheme, dt, steps, count, states, parameters, inputs, tape);

        public static void BackpropagateFromTape(Integrator scheme, float dt, int steps, int count, ReadOnlySpan<float> tape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> adjoint, Span<float> parameterGradient, Span<float> inputGradient) =>
            TNeuron.BackpropagateFromTape(scheme, dt, steps, count, tape, parameters, inputs, adjoint, parameterGradient, inputGradient);
    }
}
