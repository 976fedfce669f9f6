using Microsoft.CodeAnalysis;

namespace DynPmnn.SourceGenerators;

/// <summary>Turns every <c>[Neuron]</c> partial type into integrator steps, their derivatives and runtime glue.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class NeuronGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
