using System;
using System.Collections.Generic;
using System.Linq;
using DynPmnn.SourceGenerators.Diagnostics;
using DynPmnn.SourceGenerators.Emit;
using DynPmnn.SourceGenerators.Models;
using DynPmnn.SourceGenerators.Parsing;
using DynPmnn.SourceGenerators.Symbolic;
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
        public const string CaseClashes = "CaseClashes";
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

        // Roslyn compares hint names ignoring case, and a clash throws outside any callback, dropping every neuron's
        // code. The names that clash so (almost always none) are found over all neurons; as an equatable value it stays
        // cached, so editing one neuron regenerates that neuron alone.
        var caseClashes = models
            .Select(static (model, _) => model.MetadataName)
            .Collect()
            .Select(static (names, _) => names
                .GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Distinct(StringComparer.Ordinal).Skip(1).Any())
                .SelectMany(g => g)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(Steps.CaseClashes);
        context.RegisterSourceOutput(models.Combine(caseClashes), static (context, input) =>
        {
            var output = Produce(input.Left, input.Right.Contains(input.Left.MetadataName));
            try
            {
                foreach (var (hintName, text) in output.Sources)
                {
                    context.AddSource(hintName, SourceText.From(text, System.Text.Encoding.UTF8));
                }
            }
            catch (ArgumentException exception)
            {
                output = (output.Sources, Failure(input.Left, exception));
            }

            if (output.Failure is { } failure)
            {
                context.ReportDiagnostic(failure);
            }
        });
    }

    /// <summary>
    /// One neuron's generated files, or, when generating them fails, none and an internal-error diagnostic on the
    /// neuron: a generator bug must cost that neuron its code, never every neuron theirs.
    /// </summary>
    internal static (IReadOnlyList<(string HintName, string Text)> Sources, Diagnostic? Failure) Produce(NeuronModel model, bool caseClash)
    {
        try
        {
            // Derivatives, reverse steps and their rewrites build on the model's nodes; equal structures are one node.
            using var nodes = ExprTable.Begin(model.Derivatives);
            var hintName = NeuronEmitter.HintName(model, caseClash);
            var source = NeuronEmitter.Emit(model, hintName);
            var sourceConstant = NeuronEmitter.EmitSourceConstant(model, source, hintName);
            return (new[] { (hintName, source), (NeuronEmitter.SourceHintName(model, caseClash), sourceConstant) }, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return (Array.Empty<(string, string)>(), Failure(model, exception));
        }
    }

    private static Diagnostic Failure(NeuronModel model, Exception exception) =>
        Diagnostic.Create(DiagnosticDescriptors.InternalError, model.Location.Value?.ToLocation() ?? Location.None, model.DisplayName, exception.GetType().Name + ": " + exception.Message);
}
