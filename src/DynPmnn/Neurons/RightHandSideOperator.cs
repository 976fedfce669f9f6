namespace DynPmnn.Neurons;

/// <summary>What one node of a <see cref="RightHandSideGraph"/> computes. Operators take their operands in order; conditions yield true or false.</summary>
public enum RightHandSideOperator
{
    /// <summary>A number (<see cref="RightHandSideNode.Value"/>).</summary>
    Constant,

    /// <summary>State number <see cref="RightHandSideNode.Index"/>.</summary>
    State,

    /// <summary>Parameter number <see cref="RightHandSideNode.Index"/>.</summary>
    Parameter,

    /// <summary>Input number <see cref="RightHandSideNode.Index"/>.</summary>
    Input,
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,

    /// <summary>x^y as <see cref="MathF.Pow"/> defines it.</summary>
    Power,
    Exp,
    Log,
    Sqrt,
    Tanh,
    Sinh,
    Cosh,
    Sin,
    Cos,
    Abs,

    /// <summary>−1, 0 or 1.</summary>
    Sign,
    Max,
    Min,

    /// <summary>B(x) = x / (eˣ − 1), with B(0) = 1: the form removable 0/0 rate expressions are rewritten into.</summary>
    Bernoulli,

    /// <summary>B′(x).</summary>
    BernoulliDerivative,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
    Not,

    /// <summary>condition ? whenTrue : whenFalse.</summary>
    Conditional,

    /// <summary>a · b + c with one rounding (a fused multiply-add), as the kernels compute it.</summary>
    MultiplyAdd,

    /// <summary>c − a · b with one rounding.</summary>
    NegatedMultiplyAdd,

    /// <summary>The integrator's step size (in a step's graph, <see cref="NeuronDescriptor.EulerStep"/>).</summary>
    StepSize,
}
