using Microsoft.CodeAnalysis;

namespace DynPmnn.SourceGenerators.Diagnostics;

/// <summary>Every diagnostic the generator reports, with stable ids. Messages say what is wrong and how to fix it.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "DynPmnn.Neuron";

    public static readonly DiagnosticDescriptor TypeNotPartial = new(
        "DPMNN001",
        "Neuron type must be partial",
        "Type '{0}' must be declared 'partial' so the generator can add the neuron implementation to it{1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NoState = new(
        "DPMNN002",
        "Neuron has no state",
        "Neuron '{0}' declares no [State] field; add at least one 'public float' field marked [State]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingDerivatives = new(
        "DPMNN003",
        "Neuron has no Derivatives method",
        "Neuron '{0}' has no Derivatives method; declare 'void Derivatives({1})' assigning each state's time derivative",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MalformedDerivatives = new(
        "DPMNN004",
        "Derivatives method has the wrong signature",
        "Derivatives method of '{0}' {1}; expected 'void Derivatives({2})', one 'out float' per state in declaration order",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DerivativeNotAssignedOnce = new(
        "DPMNN005",
        "Derivative not assigned exactly once",
        "Derivative '{0}' of neuron '{1}' is {2}; assign each derivative exactly once (use locals for intermediate values)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor AssignmentToVariable = new(
        "DPMNN006",
        "Derivatives method assigns to a neuron variable",
        "'{0}' is {1} of neuron '{2}' and cannot be assigned in Derivatives; only the out derivatives and local variables can be assigned",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownSymbol = new(
        "DPMNN007",
        "Unknown identifier or unsupported call",
        "'{0}' cannot be used in the right-hand side of neuron '{1}': {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedSyntax = new(
        "DPMNN008",
        "Unsupported syntax in a right-hand side",
        "{0} is not supported in the right-hand side of neuron '{1}'{2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedFieldType = new(
        "DPMNN009",
        "Neuron variable has an unsupported type",
        "Field '{0}' of neuron '{1}' is marked {2} but {3}; neuron variables must be instance fields of type 'float'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidParameterDefault = new(
        "DPMNN010",
        "Parameter default is not a finite constant",
        "The default of parameter '{0}' of neuron '{1}' must be a finite numeric constant, but it is {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ConflictingRoles = new(
        "DPMNN011",
        "Field has more than one role",
        "Field '{0}' of neuron '{1}' is marked with more than one of [State], [Parameter] and [Input]; choose one",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericNeuron = new(
        "DPMNN012",
        "Neuron type cannot be generic",
        "Neuron '{0}' is generic; declare the neuron as a non-generic type",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor IntegerArithmetic = new(
        "DPMNN013",
        "Integer arithmetic the kernels cannot reproduce",
        "The integer expression '{0}' in the right-hand side of neuron '{1}' {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedDeclaration = new(
        "DPMNN014",
        "Neuron type is declared in a way the generator cannot extend",
        "Neuron '{0}' {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GeneratedNameTaken = new(
        "DPMNN015",
        "A name the generated code needs is taken",
        "Neuron '{0}' gets a generated class '{1}', but '{1}' beside it is a {2} that also contains neurons, so the generated code would clash; rename one of them",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InternalError = new(
        "DPMNN999",
        "The neuron generator failed",
        "The DynPmnn generator could not process neuron '{0}': {1}. Please report this with the neuron's source.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
