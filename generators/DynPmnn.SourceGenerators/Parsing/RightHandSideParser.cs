using System.Collections.Generic;
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
/// Reads the body of a neuron's <c>Derivatives</c> method into one expression per state. Locals are substituted as
/// they are assigned (so the result is a pure expression of the neuron's variables); everything outside the supported
/// language becomes a diagnostic at the exact offending syntax.
/// </summary>
internal sealed class RightHandSideParser
{
    private static readonly Dictionary<string, (Operator Op, int Arity)> Functions = new()
    {
        ["Exp"] = (Operator.Exp, 1),
        ["Log"] = (Operator.Log, 1),
        ["Sqrt"] = (Operator.Sqrt, 1),
        ["Tanh"] = (Operator.Tanh, 1),
        ["Sinh"] = (Operator.Sinh, 1),
        ["Cosh"] = (Operator.Cosh, 1),
        ["Sin"] = (Operator.Sin, 1),
        ["Cos"] = (Operator.Cos, 1),
        ["Abs"] = (Operator.Abs, 1),
        ["Pow"] = (Operator.Power, 2),
        ["Max"] = (Operator.Max, 2),
        ["Min"] = (Operator.Min, 2),
    };

    private readonly SemanticModel model;
    private readonly string neuron;
    private readonly Dictionary<IFieldSymbol, Variable> variables;
    private readonly IMethodSymbol method;
    private readonly List<DiagnosticInfo> diagnostics;
    private readonly CancellationToken cancellationToken;
    private readonly Dictionary<ISymbol, Expr> locals = new(SymbolEqualityComparer.Default);
    private readonly Expr?[] derivatives;
    private bool failed;

    public RightHandSideParser(SemanticModel model, string neuron, Dictionary<IFieldSymbol, Variable> variables, IMethodSymbol method, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        this.model = model;
        this.neuron = neuron;
        this.variables = variables;
        this.method = method;
        this.diagnostics = diagnostics;
        this.cancellationToken = cancellationToken;
        derivatives = new Expr?[method.Parameters.Length];
    }

    /// <summary>One expression per state in declaration order, or null after reporting diagnostics.</summary>
    public Expr[]? Parse(MethodDeclarationSyntax declaration)
    {
        if (declaration.Body is null)
        {
            Unsupported(declaration.ExpressionBody!, "An expression-bodied Derivatives method", "; write a block body that assigns each derivative");
            return null;
        }

        ParseBlock(declaration.Body);
        for (var i = 0; i < derivatives.Length; i++)
        {
            if (derivatives[i] is null && !failed)
            {
                var parameter = method.Parameters[i];
                Report(DiagnosticDescriptors.DerivativeNotAssignedOnce, parameter.Locations.FirstOrDefault(), parameter.Name, neuron, "never assigned");
            }
        }

        return failed || derivatives.Any(d => d is null) ? null : derivatives.Select(d => d!).ToArray();
    }

    private void ParseBlock(BlockSyntax block)
    {
        foreach (var statement in block.Statements)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ParseStatement(statement);
        }
    }

    private void ParseStatement(StatementSyntax statement)
    {
        switch (statement)
        {
            case BlockSyntax block:
                ParseBlock(block);
                break;
            case EmptyStatementSyntax:
                break;
            case LocalDeclarationStatementSyntax local:
                foreach (var variable in local.Declaration.Variables)
                {
                    if (variable.Initializer is null)
                    {
                        Unsupported(variable, $"A local '{variable.Identifier.ValueText}' without an initializer", "; declare it where its value is computed");
                        continue;
                    }

                    if (model.GetDeclaredSymbol(variable, cancellationToken) is ILocalSymbol symbol && ParseExpression(variable.Initializer.Value) is { } value)
                    {
                        locals[symbol] = value;
                    }
                }

                break;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }:
                ParseAssignment(assignment);
                break;
            case ExpressionStatementSyntax { Expression: PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax } increment:
                Unsupported(increment, "An increment or decrement", "; write 'x = x + 1f' instead");
                break;
            case IfStatementSyntax:
                Unsupported(statement, "An 'if' statement", "; use the conditional operator 'condition ? a : b'");
                break;
            case ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                Unsupported(statement, "A loop", "; a right-hand side must be straight-line code");
                break;
            case ReturnStatementSyntax:
                Unsupported(statement, "A 'return' statement", "; assign every derivative and let the method end");
                break;
            default:
                Unsupported(statement, $"The statement '{Shorten(statement)}'", string.Empty);
                break;
        }
    }

    private void ParseAssignment(AssignmentExpressionSyntax assignment)
    {
        var target = model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol;
        switch (target)
        {
            case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method):
                var index = parameter.Ordinal;
                if (derivatives[index] is not null || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    Report(DiagnosticDescriptors.DerivativeNotAssignedOnce, assignment.GetLocation(), parameter.Name, neuron, "assigned more than once");
                    return;
                }

                derivatives[index] = ParseExpression(assignment.Right);
                return;
            case ILocalSymbol local:
                var value = ParseExpression(assignment.Right);
                if (value is null)
                {
                    return;
                }

                if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    locals[local] = value;
                    return;
                }

                if (!locals.TryGetValue(local, out var previous))
                {
                    return;
                }

                Expr? combined = assignment.Kind() switch
                {
                    SyntaxKind.AddAssignmentExpression => E.Add(previous, value),
                    SyntaxKind.SubtractAssignmentExpression => E.Subtract(previous, value),
                    SyntaxKind.MultiplyAssignmentExpression => E.Multiply(previous, value),
                    SyntaxKind.DivideAssignmentExpression => E.Divide(previous, value),
                    _ => null,
                };
                if (combined is null)
                {
                    Unsupported(assignment, $"The operator '{assignment.OperatorToken.ValueText}'", string.Empty);
                    return;
                }

                locals[local] = combined;
                return;
            case IFieldSymbol field when variables.TryGetValue(field, out var variable):
                var role = variable.Kind switch
                {
                    VariableKind.State => "a state",
                    VariableKind.Parameter => "a parameter",
                    _ => "an input",
                };
                Report(DiagnosticDescriptors.AssignmentToVariable, assignment.Left.GetLocation(), field.Name, role, neuron);
                return;
            default:
                Report(DiagnosticDescriptors.UnknownSymbol, assignment.Left.GetLocation(), Shorten(assignment.Left), neuron, "only the out derivatives and local variables can be assigned");
                return;
        }
    }

    private Expr? ParseExpression(ExpressionSyntax syntax)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var constant = model.GetConstantValue(syntax, cancellationToken);
        if (constant.HasValue && constant.Value is not bool and not string and not null and not char)
        {
            return E.Const(System.Convert.ToDouble(constant.Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        switch (syntax)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return ParseExpression(parenthesized.Expression);
            case CastExpressionSyntax cast:
                var castType = model.GetTypeInfo(cast.Type, cancellationToken).Type;
                if (castType?.SpecialType is SpecialType.System_Single or SpecialType.System_Double)
                {
                    return ParseExpression(cast.Expression);
                }

                return Unsupported(cast, $"A cast to '{cast.Type}'", "; only casts to float or double are allowed");
            case PrefixUnaryExpressionSyntax prefix:
                return prefix.Kind() switch
                {
                    SyntaxKind.UnaryMinusExpression => Map(ParseExpression(prefix.Operand), E.Negate),
                    SyntaxKind.UnaryPlusExpression => ParseExpression(prefix.Operand),
                    SyntaxKind.LogicalNotExpression => Map(ParseExpression(prefix.Operand), E.Not),
                    SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression => Unsupported(prefix, "An increment or decrement", "; write 'x + 1f' instead"),
                    _ => Unsupported(prefix, $"The operator '{prefix.OperatorToken.ValueText}'", string.Empty),
                };
            case PostfixUnaryExpressionSyntax postfix:
                return Unsupported(postfix, "An increment or decrement", "; write 'x + 1f' instead");
            case BinaryExpressionSyntax binary:
                return ParseBinary(binary);
            case ConditionalExpressionSyntax conditional:
                {
                    var condition = ParseExpression(conditional.Condition);
                    var whenTrue = ParseExpression(conditional.WhenTrue);
                    var whenFalse = ParseExpression(conditional.WhenFalse);
                    return condition is null || whenTrue is null || whenFalse is null ? null : E.Conditional(condition, whenTrue, whenFalse);
                }

            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                return ParseName(syntax);
            case InvocationExpressionSyntax invocation:
                return ParseInvocation(invocation);
            case LiteralExpressionSyntax literal:
                return Unsupported(literal, $"The literal '{literal}'", "; use numeric literals");
            case AnonymousFunctionExpressionSyntax:
                return Unsupported(syntax, "A lambda", "; a right-hand side must be straight-line arithmetic");
            case AssignmentExpressionSyntax:
                return Unsupported(syntax, "An assignment inside an expression", "; assign in its own statement");
            default:
                return Unsupported(syntax, $"The expression '{Shorten(syntax)}'", string.Empty);
        }
    }

    private Expr? ParseBinary(BinaryExpressionSyntax binary)
    {
        var kind = binary.Kind();
        if (kind is SyntaxKind.ModuloExpression or SyntaxKind.BitwiseAndExpression or SyntaxKind.BitwiseOrExpression or SyntaxKind.ExclusiveOrExpression
            or SyntaxKind.LeftShiftExpression or SyntaxKind.RightShiftExpression or SyntaxKind.UnsignedRightShiftExpression or SyntaxKind.CoalesceExpression
            or SyntaxKind.IsExpression or SyntaxKind.AsExpression)
        {
            return Unsupported(binary, $"The operator '{binary.OperatorToken.ValueText}'", string.Empty);
        }

        var left = ParseExpression(binary.Left);
        var right = ParseExpression(binary.Right);
        if (left is null || right is null)
        {
            return null;
        }

        return kind switch
        {
            SyntaxKind.AddExpression => E.Add(left, right),
            SyntaxKind.SubtractExpression => E.Subtract(left, right),
            SyntaxKind.MultiplyExpression => E.Multiply(left, right),
            SyntaxKind.DivideExpression => E.Divide(left, right),
            SyntaxKind.LessThanExpression => E.Compare(Operator.LessThan, left, right),
            SyntaxKind.LessThanOrEqualExpression => E.Compare(Operator.LessThanOrEqual, left, right),
            SyntaxKind.GreaterThanExpression => E.Compare(Operator.GreaterThan, left, right),
            SyntaxKind.GreaterThanOrEqualExpression => E.Compare(Operator.GreaterThanOrEqual, left, right),
            SyntaxKind.EqualsExpression => E.Compare(Operator.Equal, left, right),
            SyntaxKind.NotEqualsExpression => E.Compare(Operator.NotEqual, left, right),
            SyntaxKind.LogicalAndExpression => E.Logical(Operator.And, left, right),
            SyntaxKind.LogicalOrExpression => E.Logical(Operator.Or, left, right),
            _ => Unsupported(binary, $"The operator '{binary.OperatorToken.ValueText}'", string.Empty),
        };
    }

    private Expr? ParseName(ExpressionSyntax syntax)
    {
        var symbol = model.GetSymbolInfo(syntax, cancellationToken).Symbol;
        switch (symbol)
        {
            case IFieldSymbol field when variables.TryGetValue(field, out var variable):
                return variable;
            case ILocalSymbol local when locals.TryGetValue(local, out var value):
                return value;
            case ILocalSymbol:
                return null; // Its declaration already reported why it has no value.
            case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method):
                return derivatives[parameter.Ordinal] ?? Report(DiagnosticDescriptors.UnknownSymbol, syntax.GetLocation(), parameter.Name, neuron, "a derivative is read before it is assigned");
            case IFieldSymbol field:
                return Report(DiagnosticDescriptors.UnknownSymbol, syntax.GetLocation(), field.Name, neuron, "the field is not marked [State], [Parameter] or [Input]; mark it, or make it a const");
            case IPropertySymbol or IMethodSymbol:
                return Report(DiagnosticDescriptors.UnknownSymbol, syntax.GetLocation(), Shorten(syntax), neuron, "only the neuron's [State], [Parameter] and [Input] fields, locals, constants and Math/MathF functions can be used");
            case null:
                return Report(DiagnosticDescriptors.UnknownSymbol, syntax.GetLocation(), Shorten(syntax), neuron, "the name is not known");
            default:
                return Report(DiagnosticDescriptors.UnknownSymbol, syntax.GetLocation(), Shorten(syntax), neuron, $"a {symbol.Kind.ToString().ToLowerInvariant()} is not a value the generator can differentiate");
        }
    }

    private Expr? ParseInvocation(InvocationExpressionSyntax invocation)
    {
        var symbol = model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol;
        var containing = symbol?.ContainingType?.ToDisplayString();
        if (symbol is null || containing is not ("System.Math" or "System.MathF") || !Functions.TryGetValue(symbol.Name, out var function) || symbol.Parameters.Length != function.Arity)
        {
            var supported = string.Join(", ", Functions.Keys);
            return Report(DiagnosticDescriptors.UnknownSymbol, invocation.GetLocation(), Shorten(invocation.Expression), neuron, $"only these Math/MathF functions are supported: {supported}");
        }

        var arguments = new Expr[function.Arity];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (ParseExpression(invocation.ArgumentList.Arguments[i].Expression) is not { } argument)
            {
                return null;
            }

            arguments[i] = argument;
        }

        return function.Op switch
        {
            Operator.Power => E.Power(arguments[0], arguments[1]),
            Operator.Max => E.Max(arguments[0], arguments[1]),
            Operator.Min => E.Min(arguments[0], arguments[1]),
            _ => E.Apply(function.Op, arguments[0]),
        };
    }

    private static Expr? Map(Expr? value, System.Func<Expr, Expr> f) => value is null ? null : f(value);

    private Expr? Unsupported(SyntaxNode node, string what, string hint) =>
        Report(DiagnosticDescriptors.UnsupportedSyntax, node.GetLocation(), what, neuron, hint);

    private Expr? Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        failed = true;
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location is null ? null : LocationInfo.From(location), arguments));
        return null;
    }

    private static string Shorten(SyntaxNode node)
    {
        var text = node.ToString().Replace("\r", " ").Replace("\n", " ");
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
