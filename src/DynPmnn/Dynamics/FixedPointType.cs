namespace DynPmnn.Dynamics;

/// <summary>What the linearisation says about a fixed point.</summary>
public enum FixedPointType
{
    /// <summary>Two states: two negative real eigenvalues, trajectories approach without turning.</summary>
    StableNode,

    /// <summary>Two states: two positive real eigenvalues.</summary>
    UnstableNode,

    /// <summary>Two states: a complex pair with negative real part, trajectories spiral in.</summary>
    StableFocus,

    /// <summary>Two states: a complex pair with positive real part, trajectories spiral out.</summary>
    UnstableFocus,

    /// <summary>Real parts of both signs: attracting along some directions, repelling along others.</summary>
    Saddle,

    /// <summary>Two states: a purely imaginary pair; the linearisation circles (the nonlinear terms decide).</summary>
    Centre,

    /// <summary>More than two states: every real part negative.</summary>
    Stable,

    /// <summary>More than two states: every real part positive.</summary>
    Unstable,

    /// <summary>A real part is zero (and it is not a two-state centre): the linearisation does not decide.</summary>
    NonHyperbolic,
}
