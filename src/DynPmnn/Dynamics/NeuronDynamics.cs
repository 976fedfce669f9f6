using DynPmnn.Neurons;

namespace DynPmnn.Dynamics;

/// <summary>
/// A neuron's vector field in double precision, without its type: the generated right-hand side, analytic Jacobian
/// and integrator kernels of one <see cref="INeuron{TSelf}"/>, so the analyses here work for any neuron, a user's too.
/// </summary>
public abstract class NeuronDynamics
{
    private protected NeuronDynamics()
    {
    }

    public abstract NeuronDescriptor Descriptor { get; }

    public int StateCount => Descriptor.States.Count;

    public int ParameterCount => Descriptor.Parameters.Count;

    public int InputCount => Descriptor.Inputs.Count;

    /// <summary>The dynamics of <typeparamref name="TNeuron"/>.</summary>
    public static NeuronDynamics Of<TNeuron>()
        where TNeuron : INeuron<TNeuron> => Typed<TNeuron>.Instance;

    /// <summary><c>derivatives[i] = d state_i / dt</c> at one point; empty <paramref name="inputs"/> mean no drive.</summary>
    public abstract void RightHandSide(ReadOnlySpan<double> states, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, Span<double> derivatives);

    /// <summary>The analytic state Jacobian at one point, row-major: <c>jacobian[i · StateCount + j] = ∂f_i/∂x_j</c>.</summary>
    public abstract void Jacobian(ReadOnlySpan<double> states, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, Span<double> jacobian);

    /// <summary>Advances one neuron's <paramref name="states"/> in place by <paramref name="steps"/> steps of the generated <paramref name="scheme"/> kernel.</summary>
    public abstract void Integrate(Integrator scheme, double dt, int steps, Span<double> states, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs);

    private sealed class Typed<TNeuron> : NeuronDynamics
        where TNeuron : INeuron<TNeuron>
    {
        public static readonly Typed<TNeuron> Instance = new();

        public override NeuronDescriptor Descriptor => TNeuron.Descriptor;

        public override void RightHandSide(ReadOnlySpan<double> states, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, Span<double> derivatives) =>
            TNeuron.EvaluateRightHandSide(states, parameters, inputs, derivatives);

        public override void Jacobian(ReadOnlySpan<double> states, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, Span<double> jacobian) =>
            TNeuron.EvaluateJacobian(states, parameters, inputs, jacobian);

        public override void Integrate(Integrator scheme, double dt, int steps, Span<double> states, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs) =>
            TNeuron.Integrate(scheme, dt, steps, 1, states, parameters, inputs);
    }
}
