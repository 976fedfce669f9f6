using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Tests.Symbolic;

/// <summary>Recognising low-degree polynomials in one variable, which the Euler reverse step evaluates in Horner form.</summary>
public sealed class PolynomialTests
{
    private static readonly Variable V = new(VariableKind.State, 0, "V");
    private static readonly Variable W = new(VariableKind.State, 1, "W");
    private static readonly Variable A = new(VariableKind.Parameter, 0, "A");

    [Fact]
    public void ThePaperFitzHughNagumoVoltageJacobianIsAQuadraticInV()
    {
        // dV = I − V(V − A)(V − 1) − W, so ∂(dV)/∂V = −3V² + 2(1 + A)V − A.
        var cubic = E.Multiply(E.Multiply(V, E.Subtract(V, A)), E.Subtract(V, E.One));
        var partial = Differentiator.Differentiate(E.Negate(cubic), V);

        Assert.True(Polynomial.TryExpand(partial, out var x, out var coefficients));
        Assert.Equal(V, x);
        Assert.Equal(3, coefficients.Length);
        var parameters = new Dictionary<Variable, double> { [A] = 0.2 };
        Assert.Equal(-0.2, ExpressionEvaluator.Evaluate(coefficients[0], parameters), 12);
        Assert.Equal(2.4, ExpressionEvaluator.Evaluate(coefficients[1], parameters), 12);
        Assert.Equal(-3, ExpressionEvaluator.Evaluate(coefficients[2], parameters), 12);
        foreach (var v in new[] { -1.7, -0.3, 0, 0.45, 2.5 })
        {
            var at = new Dictionary<Variable, double> { [A] = 0.2, [V] = v };
            Assert.Equal(ExpressionEvaluator.Evaluate(partial, at), ExpressionEvaluator.Evaluate(Polynomial.Horner(V, coefficients), at), 12);
        }
    }

    [Fact]
    public void PowersQuotientsByInvariantsAndNegationsExpand()
    {
        // (V − A)³ / A − V·(−V) + 2 is a cubic in V; its Horner form must agree with it everywhere.
        var e = E.Add(E.Subtract(E.Divide(E.Power(E.Subtract(V, A), E.Const(3)), A), E.Multiply(V, E.Negate(V))), E.Const(2));
        Assert.True(Polynomial.TryExpand(e, out var x, out var coefficients));
        Assert.Equal(V, x);
        Assert.Equal(4, coefficients.Length);
        foreach (var v in new[] { -2.0, 0.1, 1.3 })
        {
            var at = new Dictionary<Variable, double> { [A] = 0.7, [V] = v };
            Assert.Equal(ExpressionEvaluator.Evaluate(e, at), ExpressionEvaluator.Evaluate(Polynomial.Horner(V, coefficients), at), 10);
        }
    }

    [Fact]
    public void AnInvariantIsAPolynomialOfDegreeZeroWithNoVariable()
    {
        var e = E.Multiply(E.Const(-3), A);
        Assert.True(Polynomial.TryExpand(e, out var x, out var coefficients));
        Assert.Null(x);
        Assert.Equal(new[] { e }, coefficients);
    }

    private static readonly Dictionary<string, Expr> NotPolynomial = new()
    {
        ["a function of the variable"] = E.Apply(Operator.Exp, V),
        ["two varying variables"] = E.Multiply(V, W),
        ["a degree above the limit"] = E.Power(V, E.Const(5)),
        ["a product above the limit"] = E.Multiply(E.Power(V, E.Const(3)), E.Multiply(V, V)),
        ["a division by the variable"] = E.Divide(A, V),
        ["a non-integer power"] = E.Power(V, E.Const(2.5)),
    };

    public static TheoryData<string> NotPolynomials() => new(NotPolynomial.Keys);

    [Theory]
    [MemberData(nameof(NotPolynomials))]
    public void AnythingElseIsLeftAsWritten(string what)
    {
        Assert.False(Polynomial.TryExpand(NotPolynomial[what], out _, out _), what);
    }
}
