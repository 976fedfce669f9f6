using System;
using DynPmnn.SourceGenerators.Diagnostics;
using DynPmnn.SourceGenerators.Emit;
using DynPmnn.SourceGenerators.Models;
using DynPmnn.SourceGenerators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DynPmnn.SourceGenerators;

/// <summary>Turns every <c>[Neuron]</c> partial type into integrator steps, their derivatives and runtime glue.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class NeuronGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for caching tests.</summary>
    public static class Steps
    {
        public const string Parse = "Parse";
        public const string Diagnostics = "Diagnostics";
        public const string Models = "Models";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.NeuronAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken) => NeuronParser.Parse(context, cancellationToken))
            .WithTrackingName(Steps.Parse);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(Steps.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (context, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var models = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(Steps.Models);
        context.RegisterSourceOutput(models, static (context, model) => Emit(context, model));
    }

    private static void Emit(SourceProductionContext context, NeuronModel model)
    {
        string source;
        string sourceConstant;
        try
        {
            source = NeuronEmitter.Emit(model);
            sourceConstant = NeuronEmitter.EmitSourceConstant(model, source);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, model.DisplayName, exception.Message));
            return;
        }

        context.AddSource(NeuronEmitter.HintName(model), SourceText.From(source, System.Text.Encoding.UTF8));
        context.AddSource(NeuronEmitter.SourceHintName(model), SourceText.From(sourceConstant, System.Text.Encoding.UTF8));
    }
}
