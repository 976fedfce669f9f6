using System.Collections.Generic;
using System.Linq;
using System.Numerics;
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
/// they are assigned (so the result is a pure expression of the neuron's variables, sharing each local's value rather
/// than copying it); everything outside the supported language becomes a diagnostic at the exact offending syntax.
/// </summary>
/// <remarks>
/// Values keep their C# types while they are read (see <see cref="Value"/>): every implicit conversion Roslyn reports
/// is applied, integer arithmetic is evaluated exactly at generation time, and <c>bool</c> values are either known
/// constants or masks. Only floating-point arithmetic reaches the expression trees, because only it is computed by
/// the kernels.
/// </remarks>
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
    private readonly Dictionary<ISymbol, Value> locals = new(SymbolEqualityComparer.Default);
    private readonly Expr?[] derivatives;
    private readonly bool checkOverflow;
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
        checkOverflow = model.Compilation.Options.CheckOverflow;
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

                    if (model.GetDeclaredSymbol(variable, cancellationToken) is not ILocalSymbol symbol)
                    {
                        continue;
                    }

                    if (Classify(symbol.Type) == Kind.Other)
                    {
                        // What the initializer holds (a lambda, a string) is usually the better message; else the type.
                        if (model.GetConstantValue(variable.Initializer.Value, cancellationToken).HasValue || ParseNatural(variable.Initializer.Value) is not null)
                        {
                            Unsupported(variable, $"A local of type '{symbol.Type.ToDisplayString()}'", "; use float, double, bool or an integer type");
                        }

                        continue;
                    }

                    if (ParseValue(variable.Initializer.Value) is { } value)
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

                derivatives[index] = Real(ParseValue(assignment.Right), assignment.Right);
                return;
            case ILocalSymbol local:
                var value = ParseValue(assignment.Right);
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

                var operation = CompoundOperator(assignment.Kind());
                if (operation is not { } kind)
                {
                    Unsupported(assignment, $"The operator '{assignment.OperatorToken.ValueText}'", string.Empty);
                    return;
                }

                // x op= y is x = (T)(x op y): the operation in the type the operands promote to, then back to x's type.
                if (Binary(kind, previous, value, assignment) is { } combined && Convert(combined, local.Type, explicitly: true, assignment) is { } converted)
                {
                    locals[local] = converted;
                }

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

    private static SyntaxKind? CompoundOperator(SyntaxKind assignment) => assignment switch
    {
        SyntaxKind.AddAssignmentExpression => SyntaxKind.AddExpression,
        SyntaxKind.SubtractAssignmentExpression => SyntaxKind.SubtractExpression,
        SyntaxKind.MultiplyAssignmentExpression => SyntaxKind.MultiplyExpression,
        SyntaxKind.DivideAssignmentExpression => SyntaxKind.DivideExpression,
        SyntaxKind.ModuloAssignmentExpression => SyntaxKind.ModuloExpression,
        SyntaxKind.AndAssignmentExpression => SyntaxKind.BitwiseAndExpression,
        SyntaxKind.OrAssignmentExpression => SyntaxKind.BitwiseOrExpression,
        SyntaxKind.ExclusiveOrAssignmentExpression => SyntaxKind.ExclusiveOrExpression,
        SyntaxKind.LeftShiftAssignmentExpression => SyntaxKind.LeftShiftExpression,
        SyntaxKind.RightShiftAssignmentExpression => SyntaxKind.RightShiftExpression,
        SyntaxKind.UnsignedRightShiftAssignmentExpression => SyntaxKind.UnsignedRightShiftExpression,
        _ => null,
    };

    /// <summary>The value of <paramref name="syntax"/> after the implicit conversion C# applies where it is used.</summary>
    private Value? ParseValue(ExpressionSyntax syntax)
    {
        var value = ParseNatural(syntax);
        return value is null ? null : Convert(value, model.GetTypeInfo(syntax, cancellationToken).ConvertedType, explicitly: false, syntax);
    }

    /// <summary>The value of <paramref name="syntax"/> in its own type.</summary>
    private Value? ParseNatural(ExpressionSyntax syntax)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var constant = model.GetConstantValue(syntax, cancellationToken);
        if (constant.HasValue && Constant(constant.Value, model.GetTypeInfo(syntax, cancellationToken).Type) is { } folded)
        {
            return folded;
        }

        switch (syntax)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return ParseValue(parenthesized.Expression);
            case CastExpressionSyntax cast:
                {
                    var castType = model.GetTypeInfo(cast.Type, cancellationToken).Type;
                    var operand = ParseValue(cast.Expression);
                    return operand is null ? null : Convert(operand, castType, explicitly: true, cast);
                }

            case PrefixUnaryExpressionSyntax prefix:
                return ParsePrefix(prefix);
            case PostfixUnaryExpressionSyntax postfix:
                return Unsupported(postfix, "An increment or decrement", "; write 'x + 1f' instead");
            case BinaryExpressionSyntax binary:
                return ParseBinary(binary);
            case ConditionalExpressionSyntax conditional:
                {
                    var condition = ParseValue(conditional.Condition);
                    var whenTrue = ParseValue(conditional.WhenTrue);
                    var whenFalse = ParseValue(conditional.WhenFalse);
                    return condition is null || whenTrue is null || whenFalse is null ? null : Choose(condition, whenTrue, whenFalse, conditional);
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

    /// <summary>A compile-time constant as a value of its type; null for constants no right-hand side uses (strings, null, decimals).</summary>
    private static Value? Constant(object? value, ITypeSymbol? type) => value switch
    {
        bool b => TruthValue.Of(b),
        float f => new RealValue(E.Const(f), single: true),
        double d => new RealValue(E.Const(d), single: false),
        sbyte or byte or short or ushort or int or uint or long or char when type is not null && IntegerArithmetic.IsInteger(type.SpecialType) =>
            IntegerValue.Of(type.SpecialType, value is char c ? new BigInteger(c) : new BigInteger(System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture))),
        ulong u when type is not null && type.SpecialType == SpecialType.System_UInt64 => IntegerValue.Of(SpecialType.System_UInt64, new BigInteger(u)),
        _ => null,
    };

    private Value? ParsePrefix(PrefixUnaryExpressionSyntax prefix)
    {
        var kind = prefix.Kind();
        if (kind is SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression)
        {
            return Unsupported(prefix, "An increment or decrement", "; write 'x + 1f' instead");
        }

        if (kind is not (SyntaxKind.UnaryMinusExpression or SyntaxKind.UnaryPlusExpression or SyntaxKind.LogicalNotExpression or SyntaxKind.BitwiseNotExpression))
        {
            return Unsupported(prefix, $"The operator '{prefix.OperatorToken.ValueText}'", string.Empty);
        }

        var operand = ParseValue(prefix.Operand);
        switch (operand)
        {
            case null:
                return null;
            case RealValue real when kind == SyntaxKind.UnaryMinusExpression:
                return new RealValue(E.Negate(real.Expression), real.Single);
            case RealValue when kind == SyntaxKind.UnaryPlusExpression:
                return operand;
            case TruthValue truth when kind == SyntaxKind.LogicalNotExpression:
                return TruthValue.Of(!truth.Value);
            case MaskValue mask when kind == SyntaxKind.LogicalNotExpression:
                return new MaskValue(E.Not(mask.Mask));
            case IntegerValue integer:
                var type = IntegerArithmetic.PromoteUnary(integer.Type, kind);
                return MapInteger(ConvertInteger(integer, type, explicitly: false, prefix), prefix, piece =>
                    IntegerArithmetic.Unary(kind, type, piece.Constant, checkOverflow, out var error) is { } result
                        ? IntegerValue.Of(type, result)
                        : IntegerError(prefix, error!));
            default:
                return Unsupported(prefix, $"The operator '{prefix.OperatorToken.ValueText}' on this operand", string.Empty);
        }
    }

    private Value? ParseBinary(BinaryExpressionSyntax binary)
    {
        var kind = binary.Kind();
        if (kind is SyntaxKind.CoalesceExpression or SyntaxKind.IsExpression or SyntaxKind.AsExpression)
        {
            return Unsupported(binary, $"The operator '{binary.OperatorToken.ValueText}'", string.Empty);
        }

        var left = ParseValue(binary.Left);
        var right = ParseValue(binary.Right);
        return left is null || right is null ? null : Binary(kind, left, right, binary);
    }

    /// <summary><paramref name="left"/> op <paramref name="right"/> with the semantics C# gives the operands' types.</summary>
    private Value? Binary(SyntaxKind kind, Value left, Value right, SyntaxNode node)
    {
        switch (left, right)
        {
            case (RealValue a, RealValue b):
                return RealBinary(kind, a, b, node);
            case (IntegerValue a, IntegerValue b):
                return IntegerBinary(kind, a, b, node);
            case (TruthValue or MaskValue, TruthValue or MaskValue):
                return kind switch
                {
                    SyntaxKind.LogicalAndExpression or SyntaxKind.BitwiseAndExpression => And(left, right),
                    SyntaxKind.LogicalOrExpression or SyntaxKind.BitwiseOrExpression => Or(left, right),
                    SyntaxKind.ExclusiveOrExpression or SyntaxKind.NotEqualsExpression => ExclusiveOr(left, right),
                    SyntaxKind.EqualsExpression => Not(ExclusiveOr(left, right)),
                    _ => UnsupportedOperator(node),
                };
            default:
                return UnsupportedOperator(node);
        }
    }

    private Value? RealBinary(SyntaxKind kind, RealValue left, RealValue right, SyntaxNode node)
    {
        // Both operands have been converted to the operator's type, so both are float or both double.
        var (a, b, single) = (left.Expression, right.Expression, left.Single && right.Single);
        var comparison = kind switch
        {
            SyntaxKind.LessThanExpression => Operator.LessThan,
            SyntaxKind.LessThanOrEqualExpression => Operator.LessThanOrEqual,
            SyntaxKind.GreaterThanExpression => Operator.GreaterThan,
            SyntaxKind.GreaterThanOrEqualExpression => Operator.GreaterThanOrEqual,
            SyntaxKind.EqualsExpression => Operator.Equal,
            SyntaxKind.NotEqualsExpression => Operator.NotEqual,
            _ => (Operator?)null,
        };
        if (comparison is { } op)
        {
            // Two known values compare as C# compares them (each is exactly its float or double).
            if (a is Symbolic.Constant ca && b is Symbolic.Constant cb)
            {
                return TruthValue.Of(op switch
                {
                    Operator.LessThan => ca.Value < cb.Value,
                    Operator.LessThanOrEqual => ca.Value <= cb.Value,
                    Operator.GreaterThan => ca.Value > cb.Value,
                    Operator.GreaterThanOrEqual => ca.Value >= cb.Value,
                    Operator.Equal => ca.Value == cb.Value,
                    _ => ca.Value != cb.Value,
                });
            }

            return new MaskValue(E.Compare(op, a, b));
        }

        if (a is Symbolic.Constant x && b is Symbolic.Constant y && single)
        {
            // Known float operands give the float C# computes (one rounding), not a double rounded again.
            var (fx, fy) = ((float)x.Value, (float)y.Value);
            float? folded = kind switch
            {
                SyntaxKind.AddExpression => fx + fy,
                SyntaxKind.SubtractExpression => fx - fy,
                SyntaxKind.MultiplyExpression => fx * fy,
                SyntaxKind.DivideExpression => fx / fy,
                _ => null,
            };
            if (folded is { } value)
            {
                return new RealValue(E.Const(value), single);
            }
        }

        return kind switch
        {
            SyntaxKind.AddExpression => new RealValue(E.Add(a, b), single),
            SyntaxKind.SubtractExpression => new RealValue(E.Subtract(a, b), single),
            SyntaxKind.MultiplyExpression => new RealValue(E.Multiply(a, b), single),
            SyntaxKind.DivideExpression => new RealValue(E.Divide(a, b), single),
            _ => UnsupportedOperator(node),
        };
    }

    private Value? IntegerBinary(SyntaxKind kind, IntegerValue a, IntegerValue b, SyntaxNode node)
    {
        var shift = kind is SyntaxKind.LeftShiftExpression or SyntaxKind.RightShiftExpression or SyntaxKind.UnsignedRightShiftExpression;
        var type = shift ? IntegerArithmetic.PromoteUnary(a.Type, kind) : IntegerArithmetic.Promote(a.Type, b.Type);
        if (type is not { } t)
        {
            return UnsupportedOperator(node);
        }

        var left = ConvertInteger(a, t, explicitly: false, node);
        var right = ConvertInteger(b, shift ? SpecialType.System_Int32 : t, explicitly: false, node);
        if (left is not IntegerValue l || right is not IntegerValue r)
        {
            return null;
        }

        switch (kind)
        {
            case SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression
                or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression:
                return Distribute(l, r, node, (x, y) => TruthValue.Of(IntegerArithmetic.Compare(kind, x.Constant, y.Constant)));
            case SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression or SyntaxKind.DivideExpression
                or SyntaxKind.ModuloExpression or SyntaxKind.BitwiseAndExpression or SyntaxKind.BitwiseOrExpression or SyntaxKind.ExclusiveOrExpression
                or SyntaxKind.LeftShiftExpression or SyntaxKind.RightShiftExpression or SyntaxKind.UnsignedRightShiftExpression:
                return Distribute(l, r, node, (x, y) =>
                    IntegerArithmetic.Binary(kind, t, x.Constant, y.Constant, checkOverflow, out var error) is { } result
                        ? IntegerValue.Of(t, result)
                        : IntegerError(node, error!));
            default:
                return UnsupportedOperator(node);
        }
    }

    /// <summary>Applies <paramref name="piece"/> to every pair of constants two integers can take, keeping the conditions.</summary>
    private Value? Distribute(IntegerValue a, IntegerValue b, SyntaxNode node, System.Func<IntegerValue, IntegerValue, Value?> piece)
    {
        if (!a.IsConstant)
        {
            var whenTrue = Distribute(a.WhenTrue!, b, node, piece);
            var whenFalse = Distribute(a.WhenFalse!, b, node, piece);
            return whenTrue is null || whenFalse is null ? null : Choose(new MaskValue(a.Condition!), whenTrue, whenFalse, node);
        }

        if (!b.IsConstant)
        {
            var whenTrue = Distribute(a, b.WhenTrue!, node, piece);
            var whenFalse = Distribute(a, b.WhenFalse!, node, piece);
            return whenTrue is null || whenFalse is null ? null : Choose(new MaskValue(b.Condition!), whenTrue, whenFalse, node);
        }

        return piece(a, b);
    }

    private Value? MapInteger(Value? value, SyntaxNode node, System.Func<IntegerValue, Value?> piece) =>
        value is IntegerValue integer ? Distribute(integer, IntegerValue.Of(SpecialType.System_Int32, BigInteger.Zero), node, (x, _) => piece(x)) : null;

    /// <summary><paramref name="condition"/> ? <paramref name="whenTrue"/> : <paramref name="whenFalse"/> for values of one type.</summary>
    private Value? Choose(Value condition, Value whenTrue, Value whenFalse, SyntaxNode node)
    {
        if (condition is TruthValue truth)
        {
            return truth.Value ? whenTrue : whenFalse;
        }

        if (condition is not MaskValue { Mask: var c })
        {
            return UnsupportedOperator(node);
        }

        switch (whenTrue, whenFalse)
        {
            case (RealValue a, RealValue b):
                return new RealValue(E.Conditional(c, a.Expression, b.Expression), a.Single && b.Single);
            case (IntegerValue a, IntegerValue b) when a.Type == b.Type:
                var chosen = IntegerValue.Choose(c, a, b);
                return chosen.Pieces <= IntegerValue.MaxPieces
                    ? chosen
                    : IntegerError(node, $"takes more than {IntegerValue.MaxPieces} values depending on conditions; compute it in float or double instead");

            // A choice between truth values is a logical combination, so no mask is ever used as a number.
            case (TruthValue a, TruthValue b):
                return a.Value == b.Value ? a : a.Value ? condition : new MaskValue(E.Not(c));
            case (TruthValue a, MaskValue b):
                return a.Value ? Or(condition, b) : And(new MaskValue(E.Not(c)), b);
            case (MaskValue a, TruthValue b):
                return b.Value ? Or(new MaskValue(E.Not(c)), a) : And(condition, a);
            case (MaskValue a, MaskValue b):
                return new MaskValue(E.Conditional(c, a.Mask, b.Mask));
            default:
                return UnsupportedOperator(node);
        }
    }

    private static Value And(Value a, Value b) => (a, b) switch
    {
        (TruthValue x, _) => x.Value ? b : TruthValue.False,
        (_, TruthValue y) => y.Value ? a : TruthValue.False,
        _ => new MaskValue(E.Logical(Operator.And, ((MaskValue)a).Mask, ((MaskValue)b).Mask)),
    };

    private static Value Or(Value a, Value b) => (a, b) switch
    {
        (TruthValue x, _) => x.Value ? TruthValue.True : b,
        (_, TruthValue y) => y.Value ? TruthValue.True : a,
        _ => new MaskValue(E.Logical(Operator.Or, ((MaskValue)a).Mask, ((MaskValue)b).Mask)),
    };

    private static Value Not(Value a) => a is TruthValue t ? TruthValue.Of(!t.Value) : new MaskValue(E.Not(((MaskValue)a).Mask));

    /// <summary>
    /// a ^ b (and a != b) on truth values. Masks are all ones or all zeros, which as floating-point numbers are NaN and
    /// 0, so they are never compared as numbers: a ^ b is a ? !b : b, a choice between masks.
    /// </summary>
    private static Value ExclusiveOr(Value a, Value b) => (a, b) switch
    {
        (TruthValue x, _) => x.Value ? Not(b) : b,
        (_, TruthValue y) => y.Value ? Not(a) : a,
        _ => new MaskValue(E.Conditional(((MaskValue)a).Mask, E.Not(((MaskValue)b).Mask), ((MaskValue)b).Mask)),
    };

    private Value? ParseName(ExpressionSyntax syntax)
    {
        var symbol = model.GetSymbolInfo(syntax, cancellationToken).Symbol;
        switch (symbol)
        {
            case IFieldSymbol field when variables.TryGetValue(field, out var variable):
                return new RealValue(variable, single: true);
            case ILocalSymbol local when locals.TryGetValue(local, out var value):
                return value;
            case ILocalSymbol:
                return null; // Its declaration already reported why it has no value.
            case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method):
                return derivatives[parameter.Ordinal] is { } derivative
                    ? new RealValue(derivative, single: true)
                    : Report(DiagnosticDescriptors.UnknownSymbol, syntax.GetLocation(), parameter.Name, neuron, "a derivative is read before it is assigned");
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

    private Value? ParseInvocation(InvocationExpressionSyntax invocation)
    {
        var symbol = model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol;
        var containing = symbol?.ContainingType?.ToDisplayString();
        if (symbol is null || containing is not ("System.Math" or "System.MathF") || !Functions.TryGetValue(symbol.Name, out var function) || symbol.Parameters.Length != function.Arity)
        {
            var supported = string.Join(", ", Functions.Keys);
            return Report(DiagnosticDescriptors.UnknownSymbol, invocation.GetLocation(), Shorten(invocation.Expression), neuron, $"only these Math/MathF functions are supported: {supported}");
        }

        var returns = Classify(symbol.ReturnType);
        if (returns is not (Kind.Real or Kind.Integer) || symbol.Parameters.Any(p => Classify(p.Type) != returns))
        {
            return Unsupported(invocation, $"The overload '{symbol.ToDisplayString()}'", "; use the float or double overload");
        }

        var arguments = new Value[function.Arity];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (ParseValue(invocation.ArgumentList.Arguments[i].Expression) is not { } argument)
            {
                return null;
            }

            arguments[i] = argument;
        }

        if (returns == Kind.Integer)
        {
            return IntegerFunction(function.Op, symbol.ReturnType.SpecialType, arguments, invocation);
        }

        var real = new Expr[arguments.Length];
        for (var i = 0; i < real.Length; i++)
        {
            if (Real(arguments[i], invocation.ArgumentList.Arguments[i].Expression) is not { } argument)
            {
                return null;
            }

            real[i] = argument;
        }

        var single = symbol.ReturnType.SpecialType == SpecialType.System_Single;
        return Round(new RealValue(
            function.Op switch
            {
                Operator.Power => E.Power(real[0], real[1]),
                Operator.Max => E.Max(real[0], real[1]),
                Operator.Min => E.Min(real[0], real[1]),
                _ => E.Apply(function.Op, real[0]),
            },
            single));
    }

    /// <summary>The integer overloads of Math.Abs, Max and Min, exactly (Abs of the minimum value throws in C#).</summary>
    private Value? IntegerFunction(Operator function, SpecialType type, Value[] arguments, SyntaxNode node)
    {
        if (arguments.Any(a => a is not IntegerValue))
        {
            return UnsupportedOperator(node);
        }

        var a = (IntegerValue)arguments[0];
        var b = arguments.Length > 1 ? (IntegerValue)arguments[1] : a;
        return Distribute(a, b, node, (x, y) => function switch
        {
            Operator.Abs when IntegerArithmetic.IsSigned(type) && x.Constant == IntegerArithmetic.MinValue(type) =>
                IntegerError(node, "takes the absolute value of the type's minimum value, which throws OverflowException in C#"),
            Operator.Abs => IntegerValue.Of(type, BigInteger.Abs(x.Constant)),
            Operator.Max => IntegerValue.Of(type, BigInteger.Max(x.Constant, y.Constant)),
            Operator.Min => IntegerValue.Of(type, BigInteger.Min(x.Constant, y.Constant)),
            _ => UnsupportedOperator(node),
        });
    }

    private enum Kind
    {
        Real,
        Integer,
        Bool,
        Other,
    }

    private static Kind Classify(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Single or SpecialType.System_Double => Kind.Real,
        SpecialType.System_Boolean => Kind.Bool,
        { } special when IntegerArithmetic.IsInteger(special) => Kind.Integer,
        _ => Kind.Other,
    };

    /// <summary>A conversion of <paramref name="value"/> to <paramref name="target"/>, implicit or written as a cast.</summary>
    private Value? Convert(Value value, ITypeSymbol? target, bool explicitly, SyntaxNode node)
    {
        if (target is null)
        {
            return value;
        }

        switch (Classify(target), value)
        {
            case (Kind.Real, RealValue real):
                return Round(new RealValue(real.Expression, target.SpecialType == SpecialType.System_Single));
            case (Kind.Bool, TruthValue or MaskValue):
                return value;
            case (Kind.Real, IntegerValue integer):
                return new RealValue(ToReal(integer, target.SpecialType == SpecialType.System_Single), target.SpecialType == SpecialType.System_Single);
            case (Kind.Integer, IntegerValue integer):
                return ConvertInteger(integer, target.SpecialType, explicitly, node);
            case (Kind.Integer, RealValue { Expression: Symbolic.Constant c }):
                return RealToInteger(c.Value, target.SpecialType, node);
            case (Kind.Integer, RealValue):
                return Unsupported(node, $"A cast to '{target.ToDisplayString()}'", "; only casts to float or double are allowed, so that no integer varies with the neuron's variables");
            default:
                return Unsupported(node, $"A value of type '{target.ToDisplayString()}'", "; use float, double, bool or an integer type");
        }
    }

    private Value? ConvertInteger(IntegerValue value, SpecialType to, bool explicitly, SyntaxNode node)
    {
        if (value.Type == to)
        {
            return value;
        }

        return MapInteger(value, node, piece =>
            IntegerArithmetic.Convert(piece.Constant, to, checkOverflow && explicitly, out var error) is { } converted
                ? IntegerValue.Of(to, converted)
                : IntegerError(node, error!));
    }

    /// <summary>A known floating-point value cast to an integer type: truncation, as in C#, when the result is in range.</summary>
    private Value? RealToInteger(double value, SpecialType to, SyntaxNode node)
    {
        var truncated = value < 0 ? System.Math.Ceiling(value) : System.Math.Floor(value);
        if (double.IsNaN(value) || double.IsInfinity(value) || !IntegerArithmetic.InRange(new BigInteger(truncated), to))
        {
            // Out of range, C# gives a result that depends on the runtime and the processor (or throws when checked).
            return IntegerError(node, "converts a value outside the integer type's range, which has no result C# defines on every processor");
        }

        return IntegerValue.Of(to, new BigInteger(truncated));
    }

    /// <summary>A known float value rounded to float, as C# holds it (a double constant cast to float, a folded MathF call).</summary>
    private static RealValue Round(RealValue value) =>
        value.Single && value.Expression is Symbolic.Constant c && (double)(float)c.Value != c.Value && !double.IsNaN(c.Value)
            ? new RealValue(E.Const((float)c.Value), single: true)
            : value;

    private static Expr ToReal(IntegerValue value, bool single) =>
        value.IsConstant
            ? E.Const(IntegerArithmetic.ToReal(value.Constant, single))
            : E.Conditional(value.Condition!, ToReal(value.WhenTrue!, single), ToReal(value.WhenFalse!, single));

    /// <summary>The expression of a value that C# types as float or double (a derivative, a Math argument).</summary>
    private Expr? Real(Value? value, SyntaxNode node) => value switch
    {
        null => null,
        RealValue real => real.Expression,
        IntegerValue integer => ToReal(integer, single: true),
        _ => NotANumber(node),
    };

    private Expr? NotANumber(SyntaxNode node)
    {
        Unsupported(node, $"The value '{Shorten(node)}'", "; a number is expected here");
        return null;
    }

    private Value? IntegerError(SyntaxNode node, string problem) =>
        Report(DiagnosticDescriptors.IntegerArithmetic, node.GetLocation(), Shorten(node), neuron, problem);

    private Value? UnsupportedOperator(SyntaxNode node) => node switch
    {
        BinaryExpressionSyntax binary => Unsupported(binary, $"The operator '{binary.OperatorToken.ValueText}' on these operands", string.Empty),
        AssignmentExpressionSyntax assignment => Unsupported(assignment, $"The operator '{assignment.OperatorToken.ValueText}' on these operands", string.Empty),
        _ => Unsupported(node, $"The expression '{Shorten(node)}'", string.Empty),
    };

    private Value? Unsupported(SyntaxNode node, string what, string hint) =>
        Report(DiagnosticDescriptors.UnsupportedSyntax, node.GetLocation(), what, neuron, hint);

    private Value? Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
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
