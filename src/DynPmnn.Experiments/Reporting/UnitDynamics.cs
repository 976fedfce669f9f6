using DynPmnn.Dynamics;

namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// What one unit of a traced ODE layer does: its parameters, each traced row's reference solution (null where none
/// could be made, with the reason), its phase portrait around the traced rows, and one around every row's initial and
/// final states (both null for a neuron with one state).
/// </summary>
public sealed record UnitDynamics(
    int Unit,
    IReadOnlyList<NeuronParameter> Parameters,
    IReadOnlyList<ReferenceTrajectory?> References,
    IReadOnlyList<string?> ReferenceErrors,
    PhasePortrait? Portrait,
    PhasePortrait? EndpointPortrait);
