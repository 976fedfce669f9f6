namespace DynPmnn.Neurons;

/// <summary>
/// One node of a <see cref="RightHandSideGraph"/>: an operator and the positions of its operands among the nodes
/// before it, or a leaf (a constant's <see cref="Value"/>, a variable's <see cref="Index"/>).
/// </summary>
public sealed record RightHandSideNode(RightHandSideOperator Operator, IReadOnlyList<int> Operands, int Index = 0, double Value = 0);
