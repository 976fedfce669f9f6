namespace DynPmnn.SourceGenerators.Parsing;

internal static class WellKnownNames
{
    public const string NeuronAttribute = "DynPmnn.NeuronAttribute";
    public const string StateAttribute = "DynPmnn.StateAttribute";
    public const string ParameterAttribute = "DynPmnn.ParameterAttribute";
    public const string InputAttribute = "DynPmnn.InputAttribute";
    public const string DerivativesMethod = "Derivatives";
}
