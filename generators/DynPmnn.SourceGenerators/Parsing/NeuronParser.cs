using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DynPmnn.SourceGenerators.Diagnostics;
using DynPmnn.SourceGenerators.Models;
using DynPmnn.SourceGenerators.Symbolic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DynPmnn.SourceGenerators.Parsing;

/// <summary>
/// The generator's one semantic step: validates a <c>[Neuron]</c> type and turns it into a <see cref="NeuronModel"/>
/// (or diagnostics). It never throws for bad user code.
/// </summary>
internal static class NeuronParser
{
    public static NeuronParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        try
        {
            // One table of nodes for the neuron: a local read in several places is one node however it is reached.
            using var nodes = ExprTable.Begin();

            // The user's expressions keep every operation whose result can differ for NaN or infinite operands.
            using var strictly = E.Strictly();
            var model = ParseCore(type, declaration, context.SemanticModel, diagnostics, cancellationToken);
            return new NeuronParseResult(diagnostics.Count == 0 ? model : null, diagnostics.ToEquatableArray());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.From(declaration.Identifier), type.Name, exception.Message));
            return new NeuronParseResult(null, diagnostics.ToEquatableArray());
        }
    }

    private static NeuronModel? ParseCore(INamedTypeSymbol type, TypeDeclarationSyntax declaration, SemanticModel semanticModel, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        // [Neuron] on several partial declarations (already error CS0579) must still yield one model, or two
        // outputs with one hint name would make the generator throw and drop every neuron's source.
        var first = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == WellKnownNames.NeuronAttribute)?.ApplicationSyntaxReference;
        if (first is not null && (first.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(first.Span)))
        {
            return null;
        }

        var name = type.Name;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, LocationInfo.From(declaration.Identifier), name, string.Empty));
        }

        for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, LocationInfo.From(parent.Identifier), parent.Identifier.ValueText, $" (it contains neuron '{name}')"));
            }
        }

        if (type.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericNeuron, LocationInfo.From(declaration.Identifier), name));
        }

        if (UnsupportedDeclaration(type) is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, LocationInfo.From(declaration.Identifier), name, problem));
        }

        if (TakenGeneratedName(type) is { } taken)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedNameTaken, LocationInfo.From(declaration.Identifier), name, taken.Name, taken.Kind));
        }

        var states = new List<IFieldSymbol>();
        var parameters = new List<IFieldSymbol>();
        var defaults = new List<double>();
        var inputs = new List<IFieldSymbol>();
        var reportedBeforeFields = diagnostics.Count;
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            ClassifyField(field, name, states, parameters, defaults, inputs, diagnostics);
        }

        // A rejected field is missing from the lists below, so going on would add misleading errors about it
        // ("declares no [State] field", a wrong parameter count, "not marked [Parameter]").
        if (diagnostics.Count > reportedBeforeFields)
        {
            return null;
        }

        if (states.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoState, LocationInfo.From(declaration.Identifier), name));
            return null;
        }

        var method = FindDerivatives(type, declaration, states, diagnostics);
        if (method is null)
        {
            return null;
        }

        var variables = new Dictionary<IFieldSymbol, Variable>(SymbolEqualityComparer.Default);
        for (var i = 0; i < states.Count; i++)
        {
            variables[states[i]] = new Variable(VariableKind.State, i, states[i].Name);
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            variables[parameters[i]] = new Variable(VariableKind.Parameter, i, parameters[i].Name);
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            variables[inputs[i]] = new Variable(VariableKind.Input, i, inputs[i].Name);
        }

        var body = method.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.Body is not null || m.ExpressionBody is not null);
        if (body is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedDerivatives, LocationInfo.From(method.Locations.FirstOrDefault() ?? Location.None), name, "has no body", ExpectedSignature(states)));
            return null;
        }

        // The body may live in another partial declaration, in another syntax tree.
        var bodyModel = body.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : semanticModel.Compilation.GetSemanticModel(body.SyntaxTree);
        var derivatives = new RightHandSideParser(bodyModel, name, variables, method, diagnostics, cancellationToken).Parse(body);
        if (derivatives is null || diagnostics.Count > 0)
        {
            return null;
        }

        var rewritten = RemovableSingularities.Rewrite(derivatives).ToEquatableArray();
        return new NeuronModel(
            NamespaceName(type.ContainingNamespace),
            ContainingTypes(type),
            Keyword(declaration),
            type.Name,
            type.ToDisplayString(),
            MetadataName(type),
            states.Select(f => f.Name).ToEquatableArray(),
            parameters.Select(f => f.Name).ToEquatableArray(),
            defaults.ToEquatableArray(),
            inputs.Select(f => f.Name).ToEquatableArray(),
            rewritten,
            new Untracked<LocationInfo?>(LocationInfo.From(declaration.Identifier)));
    }

    /// <summary>Why the generator cannot add a partial declaration to <paramref name="type"/> in a file of its own, if it cannot.</summary>
    private static string? UnsupportedDeclaration(INamedTypeSymbol type)
    {
        if (type.IsFileLocal)
        {
            return "is file-local; the generator adds the neuron's implementation in a file of its own, which a 'file' type cannot have, so declare it without 'file'";
        }

        for (var parent = type.ContainingType; parent is not null; parent = parent.ContainingType)
        {
            if (parent.IsFileLocal)
            {
                return $"is nested in the file-local type '{parent.Name}'; the generator adds the neuron's implementation in a file of its own, which cannot see a 'file' type, so declare '{parent.Name}' without 'file'";
            }
        }

        if (type.IsRefLikeType)
        {
            return "is a ref struct, which cannot be the type argument of INeuron<T> that the generator implements; declare it without 'ref'";
        }

        return null;
    }

    /// <summary>
    /// A type or namespace beside the neuron named like its generated kernel class (or that class's source companion)
    /// and holding neurons itself: the generated code mirrors it under the same name, and the two would clash.
    /// </summary>
    private static (string Name, string Kind)? TakenGeneratedName(INamedTypeSymbol type)
    {
        INamespaceOrTypeSymbol container = type.ContainingType is { } parent ? parent : type.ContainingNamespace;
        foreach (var name in new[] { type.Name + "Kernels", type.Name + "KernelsSource" })
        {
            foreach (var member in container.GetMembers(name).OfType<INamespaceOrTypeSymbol>())
            {
                if (ContainsNeuron(member))
                {
                    return (name, member.IsNamespace ? "namespace" : "type");
                }
            }
        }

        return null;
    }

    private static bool ContainsNeuron(INamespaceOrTypeSymbol container) =>
        container.GetMembers().OfType<INamespaceOrTypeSymbol>().Any(member =>
            member.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == WellKnownNames.NeuronAttribute) || ContainsNeuron(member));

    /// <summary>The namespace as declared, segments joined by dots, without '@' (an escaped keyword is escaped again where it is written).</summary>
    private static string NamespaceName(INamespaceSymbol ns)
    {
        var segments = new List<string>();
        for (var n = ns; n is not null && !n.IsGlobalNamespace; n = n.ContainingNamespace)
        {
            segments.Insert(0, n.Name);
        }

        return string.Join(".", segments);
    }

    private static void ClassifyField(IFieldSymbol field, string neuron, List<IFieldSymbol> states, List<IFieldSymbol> parameters, List<double> defaults, List<IFieldSymbol> inputs, List<DiagnosticInfo> diagnostics)
    {
        AttributeData? role = null;
        var roles = 0;
        foreach (var attribute in field.GetAttributes())
        {
            var attributeName = attribute.AttributeClass?.ToDisplayString();
            if (attributeName is WellKnownNames.StateAttribute or WellKnownNames.ParameterAttribute or WellKnownNames.InputAttribute)
            {
                role ??= attribute;
                roles++;
            }
        }

        if (role is null)
        {
            return;
        }

        var location = LocationInfo.From(field.Locations.FirstOrDefault() ?? Location.None);
        var roleName = role.AttributeClass!.ToDisplayString();
        var shortRole = "[" + roleName.Substring("DynPmnn.".Length, roleName.Length - "DynPmnn.".Length - "Attribute".Length) + "]";
        if (roles > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingRoles, location, field.Name, neuron));
            return;
        }

        var problem = field.IsStatic || field.IsConst ? "is static" : field.Type.SpecialType != SpecialType.System_Single ? $"has type '{field.Type.ToDisplayString()}'" : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedFieldType, location, field.Name, neuron, shortRole, problem));
            return;
        }

        switch (roleName)
        {
            case WellKnownNames.StateAttribute:
                states.Add(field);
                break;
            case WellKnownNames.InputAttribute:
                inputs.Add(field);
                break;
            default:
                var argument = role.ConstructorArguments.Length == 1 ? role.ConstructorArguments[0] : default;
                if (argument.Value is double value && !double.IsNaN(value) && !double.IsInfinity(value))
                {
                    parameters.Add(field);
                    defaults.Add(value);
                }
                else if (role.ConstructorArguments.Length == 1)
                {
                    var attributeSyntax = role.ApplicationSyntaxReference?.GetSyntax();
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.InvalidParameterDefault,
                        attributeSyntax is null ? location : LocationInfo.From(attributeSyntax),
                        field.Name,
                        neuron,
                        argument.Value is double d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "not a number"));
                }

                // An attribute without a usable constant is already a compiler error; nothing more to say here.
                break;
        }
    }

    private static IMethodSymbol? FindDerivatives(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<IFieldSymbol> states, List<DiagnosticInfo> diagnostics)
    {
        var name = type.Name;
        var candidates = type.GetMembers(WellKnownNames.DerivativesMethod).OfType<IMethodSymbol>().ToImmutableArray();
        var expected = ExpectedSignature(states);
        if (candidates.Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingDerivatives, LocationInfo.From(declaration.Identifier), name, expected));
            return null;
        }

        var method = candidates[0];
        var methodLocation = LocationInfo.From(method.Locations.FirstOrDefault() ?? Location.None);
        if (candidates.Length > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedDerivatives, LocationInfo.From(candidates[1].Locations.FirstOrDefault() ?? Location.None), name, "is overloaded", expected));
            return null;
        }

        if (!method.ReturnsVoid || method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedDerivatives, methodLocation, name, method.IsGenericMethod ? "is generic" : "must return void", expected));
            return null;
        }

        if (method.Parameters.Length != states.Count)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedDerivatives, methodLocation, name, $"has {method.Parameters.Length} parameter(s) for {states.Count} state(s)", expected));
            return null;
        }

        for (var i = 0; i < states.Count; i++)
        {
            var parameter = method.Parameters[i];
            var expectedName = "d" + states[i].Name;
            string? problem = null;
            if (parameter.RefKind != RefKind.Out)
            {
                problem = $"parameter {i + 1} '{parameter.Name}' is not 'out'";
            }
            else if (parameter.Type.SpecialType != SpecialType.System_Single)
            {
                problem = $"parameter {i + 1} '{parameter.Name}' has type '{parameter.Type.ToDisplayString()}' instead of 'float'";
            }
            else if (parameter.Name != expectedName)
            {
                problem = $"parameter {i + 1} is named '{parameter.Name}' but state {i + 1} is '{states[i].Name}', so it must be named '{expectedName}'";
            }

            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedDerivatives, LocationInfo.From(parameter.Locations.FirstOrDefault() ?? Location.None), name, problem, expected));
                return null;
            }
        }

        return method;
    }

    private static string ExpectedSignature(List<IFieldSymbol> states) =>
        states.Count == 0 ? "out float dX, ..." : string.Join(", ", states.Select(s => "out float d" + s.Name));

    private static EquatableArray<ContainingTypeInfo> ContainingTypes(INamedTypeSymbol type)
    {
        var chain = new List<ContainingTypeInfo>();
        for (var parent = type.ContainingType; parent is not null; parent = parent.ContainingType)
        {
            var syntax = parent.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            var keyword = syntax is null ? (parent.IsValueType ? "struct" : "class") : Keyword(syntax);
            chain.Insert(0, new ContainingTypeInfo(keyword, parent.Name));
        }

        return chain.ToEquatableArray();
    }

    private static string Keyword(TypeDeclarationSyntax declaration) => declaration switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };

    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var parent = type.ContainingType; parent is not null; parent = parent.ContainingType)
        {
            name = parent.MetadataName + "+" + name;
        }

        return type.ContainingNamespace.IsGlobalNamespace ? name : NamespaceName(type.ContainingNamespace) + "." + name;
    }
}
