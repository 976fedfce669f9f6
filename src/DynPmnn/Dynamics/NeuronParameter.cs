namespace DynPmnn.Dynamics;

/// <summary>
/// One dynamical parameter of one unit: the value in effect (after training and any positivity transform), the
/// neuron's declared default, the value training started from, and whether it is trained.
/// </summary>
public sealed record NeuronParameter(string Name, double Value, double Default, double Initial, bool IsTrained);
