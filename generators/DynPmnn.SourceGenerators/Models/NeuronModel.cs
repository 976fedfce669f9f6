using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Models;

/// <summary>
/// Everything the emitter needs about one neuron, as values only (strings, numbers, expression trees): no symbol,
/// syntax node or compilation, so an unrelated edit leaves it equal and the generated source cached.
/// </summary>
/// <remarks>Names are as declared, without '@': the emitter escapes keywords where it writes them as identifiers.</remarks>
internal sealed record NeuronModel(
    string Namespace,
    EquatableArray<ContainingTypeInfo> ContainingTypes,
    string TypeKeyword,
    string TypeName,
    string DisplayName,
    string MetadataName,
    EquatableArray<string> States,
    EquatableArray<string> Parameters,
    EquatableArray<double> ParameterDefaults,
    EquatableArray<string> Inputs,
    EquatableArray<Expr> Derivatives,
    Untracked<LocationInfo?> Location);

/// <summary>A type the neuron is nested in: the keyword (<c>class</c>, <c>record struct</c>, ...) and its name (never generic: a neuron in a generic type is rejected).</summary>
internal sealed record ContainingTypeInfo(string Keyword, string Name);

/// <summary>What the parsing step yields for one <c>[Neuron]</c> type: a model when it is valid, and its diagnostics.</summary>
internal sealed record NeuronParseResult(NeuronModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
